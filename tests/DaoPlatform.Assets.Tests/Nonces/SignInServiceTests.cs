using DaoPlatform.Assets.Nonces;
using DaoPlatform.Assets.SignIn;
using DaoPlatform.Ethereum.SignIn;
using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Assets.Tests.Nonces;

/// <summary>Sign-in against server-issued nonces in SQLite: replayed, expired, wrong-domain and wrong-chain messages refused.</summary>
public sealed class SignInServiceTests
{
    private static readonly EthereumKey User = EthereumKey.Generate();
    private string _folder = null!;
    private SqlNonceStore _nonces = null!;
    private SignInService _service = null!;
    private ManualClock _clock = null!;

    [SetUp]
    public void Open()
    {
        _folder = Directory.CreateTempSubdirectory("daoplatform-signin-").FullName;
        _clock = new ManualClock(DateTimeOffset.UtcNow);
        Restart();
    }

    /// <summary>What a restart of the service leaves: the database file; a new store and service on it.</summary>
    private void Restart()
    {
        _nonces = new NonceStoreOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "nonces.db")};Pooling=false" }.CreateStore();
        _service = new SignInService(_nonces, new SiweVerifier(), new SignInOptions { Domain = "hub.example", Scheme = "https", ChainId = 10 }, TimeSpan.FromMinutes(5), _clock);
    }

    [TearDown]
    public async Task Close()
    {
        await _nonces.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static (string Message, string Signature) Sign(string nonce, Func<SiweMessage, SiweMessage>? change = null)
    {
        var message = new SiweMessage
        {
            Scheme = "https", Domain = "hub.example", Address = User.Address.ToChecksumString(), Statement = "Sign in to download.",
            Uri = "https://hub.example/assets", ChainId = 10, Nonce = nonce,
            IssuedAt = DateTimeOffset.UtcNow.AddSeconds(-5).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
        };
        string text = (change?.Invoke(message) ?? message).ToString();
        return (text, PersonalMessage.Sign(User, text).ToString());
    }

    private async Task<SiweError> RefusalAsync(string message, string signature) =>
        (await Assert.ThrowsAsync<SiweException>(() => _service.SignInAsync(message, signature)))!.Error;

    [Test]
    public async Task Signs_in_once_per_issued_nonce_and_refuses_the_replay()
    {
        (string message, string signature) = Sign((await _service.IssueNonceAsync()).Nonce);
        (string token, SignInSession session) = await _service.SignInAsync(message, signature);
        Assert.That(session.Account, Is.EqualTo(User.Address));
        Assert.That((await _service.FindSessionAsync(token))?.Account, Is.EqualTo(User.Address));
        Assert.That(await _service.FindSessionAsync(token + "x"), Is.Null);
        Assert.That(await RefusalAsync(message, signature), Is.EqualTo(SiweError.NonceMismatch), "replayed");
    }

    [Test]
    public async Task Refuses_a_nonce_it_never_issued_and_an_expired_message()
    {
        (string message, string signature) = Sign("SelfMadeNonce12345");
        Assert.That(await RefusalAsync(message, signature), Is.EqualTo(SiweError.NonceMismatch));
        string nonce = (await _service.IssueNonceAsync()).Nonce;
        (message, signature) = Sign(nonce, m => m with { ExpirationTime = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture) });
        Assert.That(await RefusalAsync(message, signature), Is.EqualTo(SiweError.Expired));
        (message, signature) = Sign(nonce);
        Assert.That((await _service.SignInAsync(message, signature)).Session.Account, Is.EqualTo(User.Address), "a refused message does not use the nonce up");
    }

    [Test]
    public async Task Refuses_another_domain_and_another_chain_without_using_the_nonce()
    {
        string nonce = (await _service.IssueNonceAsync()).Nonce;
        (string message, string signature) = Sign(nonce, m => m with { Domain = "evil.example" });
        Assert.That(await RefusalAsync(message, signature), Is.EqualTo(SiweError.DomainMismatch));
        (message, signature) = Sign(nonce, m => m with { ChainId = 1 });
        Assert.That(await RefusalAsync(message, signature), Is.EqualTo(SiweError.ChainIdMismatch));
    }

    [Test]
    public async Task A_recap_limits_the_session_to_the_assets_it_names()
    {
        ReCap recap = ReCap.ForResource(SignInService.AssetResource(10, 7), SignInService.DownloadAbility);
        (string message, string signature) = Sign((await _service.IssueNonceAsync()).Nonce, m => m with { Statement = recap.ToStatement(), Resources = [recap.ToUri()] });
        SignInSession session = (await _service.SignInAsync(message, signature)).Session;
        Assert.That((session.Allows(7), session.Allows(8)), Is.EqualTo((true, false)));

        ReCap otherChain = ReCap.ForResource(SignInService.AssetResource(1, 7), SignInService.DownloadAbility);
        (message, signature) = Sign((await _service.IssueNonceAsync()).Nonce, m => m with { Statement = otherChain.ToStatement(), Resources = [otherChain.ToUri()] });
        Assert.That(await RefusalAsync(message, signature), Is.EqualTo(SiweError.InvalidRecap));
    }

    [Test]
    public async Task A_session_outlives_a_restart_with_its_scope_and_paid_downloads()
    {
        ReCap recap = ReCap.ForResource(SignInService.AssetResource(10, 7), SignInService.DownloadAbility);
        (string message, string signature) = Sign((await _service.IssueNonceAsync()).Nonce, m => m with { Statement = recap.ToStatement(), Resources = [recap.ToUri()] });
        (string token, SignInSession opened) = await _service.SignInAsync(message, signature);
        await _service.RecordPaidDownloadAsync(token, opened, 7);
        await _nonces.DisposeAsync();
        Restart();

        SignInSession? found = await _service.FindSessionAsync(token);
        Assert.That(found, Is.Not.Null, "the token still works after the restart");
        Assert.That(found!.Account, Is.EqualTo(User.Address));
        Assert.That(found.ExpiresAt.ToUnixTimeMilliseconds(), Is.EqualTo(opened.ExpiresAt.ToUnixTimeMilliseconds()));
        Assert.That((found.Allows(7), found.Allows(8)), Is.EqualTo((true, false)));
        Assert.That((found.HasPaidDownload(7), found.HasPaidDownload(8)), Is.EqualTo((true, false)));
    }

    [Test]
    public async Task An_expired_or_revoked_session_is_refused_after_a_restart_too()
    {
        (string message, string signature) = Sign((await _service.IssueNonceAsync()).Nonce);
        (string expiring, _) = await _service.SignInAsync(message, signature);
        (message, signature) = Sign((await _service.IssueNonceAsync()).Nonce);
        (string revoked, _) = await _service.SignInAsync(message, signature);

        Assert.That(await _service.RevokeAsync(revoked), Is.True);
        Assert.That(await _service.RevokeAsync(revoked), Is.False, "nothing left to revoke");
        Assert.That(await _service.FindSessionAsync(revoked), Is.Null);
        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.That(await _service.FindSessionAsync(expiring), Is.Not.Null, "a session lasts an hour");
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.That(await _service.FindSessionAsync(expiring), Is.Null, "and no longer");

        await _nonces.DisposeAsync();
        Restart();
        Assert.That((await _service.FindSessionAsync(expiring), await _service.FindSessionAsync(revoked)), Is.EqualTo(((SignInSession?)null, (SignInSession?)null)));
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
