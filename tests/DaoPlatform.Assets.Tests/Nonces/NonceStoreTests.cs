using System.Numerics;
using DaoPlatform.Assets.Nonces;
using DaoPlatform.Assets.SignIn;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Services.Tests.Jobs;

namespace DaoPlatform.Assets.Tests.Nonces;

/// <summary>The same single-use, expiring nonces and lasting sessions from SQLite (the default) and PostgreSQL (by configuration).</summary>
[TestFixture(NonceDatabase.Sqlite)]
[TestFixture(NonceDatabase.PostgreSql)]
public sealed class NonceStoreTests(NonceDatabase database)
{
    private PostgresCluster? _cluster;
    private string? _folder;
    private SqlNonceStore _store = null!;

    [OneTimeSetUp]
    public void StartDatabase()
    {
        if (database == NonceDatabase.PostgreSql)
        {
            string binaries = PostgresCluster.FindBinaries()
                ?? throw new IgnoreException("No PostgreSQL server binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin: install postgresql to run this test.");
            _cluster = PostgresCluster.Start(binaries);
        }
        else
        {
            _folder = Directory.CreateTempSubdirectory("daoplatform-nonces-").FullName;
        }
    }

    [OneTimeTearDown]
    public void StopDatabase()
    {
        _cluster?.Dispose();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [SetUp]
    public void Open() => _store = new NonceStoreOptions
    {
        Database = database,
        ConnectionString = _cluster?.ConnectionString ?? $"Data Source={Path.Combine(_folder!, "nonces.db")};Pooling=false",
    }.CreateStore();

    [TearDown]
    public async Task Close() => await _store.DisposeAsync();

    [Test]
    public async Task A_nonce_is_alphanumeric_and_accepted_once()
    {
        IssuedNonce issued = await _store.IssueAsync(TimeSpan.FromMinutes(5));
        Assert.That(issued.Nonce, Does.Match("^[A-Za-z0-9]{20}$"));
        Assert.That(await _store.ConsumeAsync(issued.Nonce, DateTimeOffset.UtcNow), Is.True);
        Assert.That(await _store.ConsumeAsync(issued.Nonce, DateTimeOffset.UtcNow), Is.False, "replayed");
    }

    [Test]
    public async Task An_expired_or_unknown_nonce_is_refused()
    {
        IssuedNonce issued = await _store.IssueAsync(TimeSpan.FromSeconds(30));
        Assert.That(await _store.ConsumeAsync(issued.Nonce, issued.ExpiresAt), Is.False, "expired at its expiry instant");
        Assert.That(await _store.ConsumeAsync("NeverIssued123456789", DateTimeOffset.UtcNow), Is.False);
    }

    [Test]
    public async Task Of_concurrent_uses_of_one_nonce_exactly_one_succeeds()
    {
        IssuedNonce issued = await _store.IssueAsync(TimeSpan.FromMinutes(5));
        bool[] results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _store.ConsumeAsync(issued.Nonce, DateTimeOffset.UtcNow))));
        Assert.That(results.Count(static r => r), Is.EqualTo(1));
    }

    [Test]
    public async Task Nonces_survive_a_new_store_on_the_same_database()
    {
        IssuedNonce issued = await _store.IssueAsync(TimeSpan.FromMinutes(5));
        await _store.DisposeAsync();
        Open();
        Assert.That(await _store.ConsumeAsync(issued.Nonce, DateTimeOffset.UtcNow), Is.True);
    }

    [Test]
    public async Task A_session_is_found_by_its_token_hash_until_it_expires_or_is_revoked()
    {
        DateTimeOffset now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Address account = Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        string scoped = Convert.ToHexString(Guid.NewGuid().ToByteArray()) + "01";
        string open = Convert.ToHexString(Guid.NewGuid().ToByteArray()) + "02";
        await _store.SaveAsync(scoped, new SignInSession(account, now.AddMinutes(10), new HashSet<BigInteger> { 3, BigInteger.Pow(2, 200) }), now);
        await _store.SaveAsync(open, new SignInSession(account, now.AddMinutes(20), null), now);
        await _store.RecordPaidDownloadAsync(scoped, 3);
        await _store.RecordPaidDownloadAsync(scoped, 5);

        SignInSession found = (await _store.FindAsync(scoped, now))!;
        Assert.That((found.Account, found.ExpiresAt), Is.EqualTo((account, now.AddMinutes(10))));
        Assert.That(found.AssetScope, Is.EquivalentTo(new[] { 3, BigInteger.Pow(2, 200) }));
        Assert.That(found.PaidDownloads, Is.EquivalentTo(new BigInteger[] { 3, 5 }));
        Assert.That((await _store.FindAsync(open, now))!.AssetScope, Is.Null);
        Assert.That(await _store.FindAsync(scoped, now.AddMinutes(10)), Is.Null, "expired at its ExpiresAt");
        Assert.That(await _store.FindAsync(open, now.AddMinutes(10)), Is.Not.Null);
        Assert.That(await _store.RevokeAsync(open), Is.True);
        Assert.That(await _store.FindAsync(open, now), Is.Null, "revoked");
        Assert.That(await _store.FindAsync("00", now), Is.Null, "unknown");
    }
}
