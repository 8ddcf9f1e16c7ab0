using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using DaoPlatform.Assets.Access;
using DaoPlatform.Assets.Store.Encryption;
using DaoPlatform.Assets.Hosting;
using DaoPlatform.Assets.Http;
using DaoPlatform.Assets.SignIn;
using DaoPlatform.Assets.Store.Storage;
using DaoPlatform.Contracts.Custody;
using DaoPlatform.Contracts.Registry;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Keystore;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.SignIn;
using DaoPlatform.Ethereum.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// In the namespace of the shared Devnet [SetUpFixture], so that it starts a devnet for these tests.
namespace DaoPlatform.Ethereum.IntegrationTests.Assets;

/// <summary>
/// The content service end to end: contracts on the devnet, the encrypted store on disk, a real Kestrel on
/// 127.0.0.1, and clients that sign in with real keys (and a MultisigVault through EIP-1271). The service is
/// composed as a host would compose it (<see cref="AssetContentServiceCollectionExtensions.AddAssetContent(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration)"/> from
/// configuration, keys from keystore files), and restarted by one test.
/// </summary>
[NonParallelizable]
public sealed class ContentServiceDevnetTests : IDisposable
{
    private const string BuyerKey = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
    private const string SecondKey = "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6";
    private static readonly BigInteger Price = BigInteger.Pow(10, 15);

    private readonly List<DevnetSession> _sessions = [];
    private string _root = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private string _domain = null!;
    private AssetRegistry _registry = null!;
    private AccessPasses _ownerPasses = null!;
    private EncryptedAssetStore _store = null!;
    private NodeKey _nodeKey = null!;
    private Dictionary<string, string?> _configuration = null!;

    private (BigInteger Id, byte[] Content, AssetManifest Manifest) _gated;
    private (BigInteger Id, byte[] Content, AssetManifest Manifest) _public;
    private (BigInteger Id, byte[] Content, AssetManifest Manifest) _fragile;
    private (BigInteger Id, byte[] Content, AssetManifest Manifest) _brittle;
    private BigInteger _usesPass;
    private BigInteger _durationPass;
    private BigInteger _fragilePass;
    private BigInteger _brittlePass;

    [OneTimeSetUp]
    public async Task Start()
    {
        _root = Directory.CreateTempSubdirectory("daoplatform-content-").FullName;
        DevnetSession owner = Session(Devnet.Account0Key);
        DevnetSession node = Session(Devnet.Account1Key);
        var ownerConnection = new ContractConnection(owner.Eth, owner.Sender);
        _registry = await AssetRegistry.DeployAsync(ownerConnection, Address.Zero);
        _ownerPasses = await AccessPasses.DeployAsync(ownerConnection, _registry.Address, "");
        EthereumKey nodeKeySecret = EthereumKey.Generate();
        _nodeKey = NodeKey.FromKey(nodeKeySecret);
        _store = new EncryptedAssetStore(new LocalFolderStore(Path.Combine(_root, "blocks")), Path.Combine(_root, "manifests"), _nodeKey);

        _gated = await PublishAsync(300_000, isPublic: false);
        _public = await PublishAsync(70_000, isPublic: true);
        _fragile = await PublishAsync(5 * 65_536, isPublic: false);
        _usesPass = await OfferAsync(_gated.Id, duration: 0, uses: 1);
        _durationPass = await OfferAsync(_gated.Id, duration: 86_400, uses: 0);
        _fragilePass = await OfferAsync(_fragile.Id, duration: 86_400, uses: 0);
        _brittle = await PublishAsync((2 * 65_536) + 5, isPublic: false);
        _brittlePass = await OfferAsync(_brittle.Id, duration: 0, uses: 1);
        foreach (BigInteger asset in new[] { _gated.Id, _fragile.Id, _brittle.Id })
        {
            await _ownerPasses.SetConsumerAsync(asset, node.Key.Address, true);
        }

        int port = Devnet.FreePort();
        _domain = $"127.0.0.1:{port}";
        // Keystores as the node keeps them (a cheap KDF: the test is not about key stretching), the password in a file.
        string password = Path.Combine(_root, "password");
        await File.WriteAllTextAsync(password, "content service\n");
        foreach ((string name, EthereumKey key) in new[] { ("node-key.json", nodeKeySecret), ("consumer-key.json", node.Key) })
        {
            await File.WriteAllTextAsync(Path.Combine(_root, name), Web3SecretStorage.Encrypt(key, "content service", new Pbkdf2KeyDerivation(RandomNumberGenerator.GetBytes(32), iterations: 1024)));
        }
        _configuration = new()
        {
            ["AssetContent:Folder"] = _root,
            ["AssetContent:NodeKey:KeystorePath"] = Path.Combine(_root, "node-key.json"),
            ["AssetContent:NodeKey:PasswordFile"] = password,
            ["AssetContent:ConsumerKey:KeystorePath"] = Path.Combine(_root, "consumer-key.json"),
            ["AssetContent:ConsumerKey:PasswordFile"] = password,
            ["AssetContent:AssetRegistry"] = _registry.Address.ToChecksumString(),
            ["AssetContent:AccessPasses"] = _ownerPasses.Address.ToChecksumString(),
            ["AssetContent:SignIn:Domain"] = _domain,
            ["AssetContent:SignIn:Scheme"] = "http",
            ["AssetContent:SignIn:ChainId"] = "10",
            ["AssetContent:NonceStore:ConnectionString"] = $"Data Source={Path.Combine(_root, "signin.db")};Pooling=false",
        };
        await StartServiceAsync();
        _http = new HttpClient { BaseAddress = new Uri($"http://{_domain}") };
    }

    public void Dispose() => _http?.Dispose();

    /// <summary>Starts the service on <see cref="_domain"/> as a host composes it: two lines over the configuration.</summary>
    private async Task StartServiceAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://{_domain}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(_configuration);
        builder.Services.AddSingleton(_ => new EthRpcClient(new JsonRpcClient(Devnet.Url)));
        builder.Services.AddAssetContent(builder.Configuration);
        _app = builder.Build();
        _app.MapAssetContent();
        await _app.StartAsync();
    }

    private async Task StopServiceAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_app is not null)
        {
            await StopServiceAsync();
        }
        _nodeKey?.Dispose();
        _sessions.ForEach(static s => s.Dispose());
        Directory.Delete(_root, recursive: true);
    }

    [Test]
    public async Task A_public_asset_is_served_to_anyone_with_its_hash_and_CID()
    {
        using HttpResponseMessage response = await GetAsync(_public.Id, token: null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(_public.Content));
        Assert.That(response.Headers.GetValues("X-Content-Hash").Single(), Is.EqualTo(_public.Manifest.ContentHash));
        Assert.That(response.Headers.GetValues("X-Cid").Single(), Is.EqualTo(await _registry.CidOfAsync(_public.Id)));
    }

    [Test]
    public async Task Unknown_and_malformed_asset_ids_and_ranges_get_one_clear_error()
    {
        await ExpectProblemAsync(await GetAsync(999, token: null), HttpStatusCode.NotFound, "unknown_asset", "999");
        using (HttpResponseMessage malformed = await _http.GetAsync("/assets/12ab/content"))
        {
            await ExpectProblemAsync(malformed, HttpStatusCode.BadRequest, "invalid_asset_id", "12ab");
        }
        await ExpectProblemAsync(await GetAsync(_public.Id, token: null, range: "bytes=5-2"), HttpStatusCode.RequestedRangeNotSatisfiable, "invalid_range", "ends before it starts");
        await ExpectProblemAsync(await GetAsync(_public.Id, token: null, range: "bytes=0-1,5-6"), HttpStatusCode.RequestedRangeNotSatisfiable, "invalid_range", "one range per request");
        await ExpectProblemAsync(await GetAsync(_public.Id, token: null, range: "bytes=70000-"), HttpStatusCode.RequestedRangeNotSatisfiable, "invalid_range", "past the asset");
        using HttpResponseMessage otherUnit = await GetAsync(_public.Id, token: null, range: "items=0-1");
        Assert.That(otherUnit.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a range unit the server does not know is ignored (RFC 9110 §14.2)");
        Assert.That(await otherUnit.Content.ReadAsByteArrayAsync(), Is.EqualTo(_public.Content));
    }

    [Test]
    public async Task Without_a_session_or_a_pass_a_gated_asset_is_refused_with_a_clear_message()
    {
        await ExpectProblemAsync(await GetAsync(_gated.Id, token: null, pass: _usesPass), HttpStatusCode.Unauthorized, "sign_in_required", "sign in");
        string token = await SignInAsync(EthereumKey.FromHex(SecondKey));
        await ExpectProblemAsync(await GetAsync(_gated.Id, token, pass: null), HttpStatusCode.Forbidden, "pass_required", "?pass=");
        await ExpectProblemAsync(await GetAsync(_gated.Id, token, pass: _usesPass), HttpStatusCode.Forbidden, "no_valid_pass", "holds no use");
        await ExpectProblemAsync(await GetAsync(_gated.Id, token, pass: _fragilePass), HttpStatusCode.Forbidden, "no_valid_pass", $"is for asset {_fragile.Id}");
    }

    [Test]
    public async Task A_bought_use_downloads_the_exact_bytes_once_with_resumes_in_the_same_session()
    {
        DevnetSession buyer = Session(BuyerKey);
        var passes = new AccessPasses(_ownerPasses.Address, new ContractConnection(buyer.Eth, buyer.Sender));
        await passes.BuyAsync(_usesPass, 1, buyer.Key.Address, ethValue: Price);
        string token = await SignInAsync(buyer.Key);

        using (HttpResponseMessage whole = await GetAsync(_gated.Id, token, pass: _usesPass))
        {
            Assert.That(whole.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await whole.Content.ReadAsByteArrayAsync(), Is.EqualTo(_gated.Content));
        }
        Assert.That(await passes.BalanceOfAsync(buyer.Key.Address, _usesPass), Is.EqualTo(BigInteger.Zero), "the use was recorded on chain");
        using (HttpResponseMessage resumed = await GetAsync(_gated.Id, token, pass: _usesPass, range: "bytes=100000-"))
        {
            Assert.That(resumed.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
            Assert.That(resumed.Content.Headers.ContentRange!.ToString(), Is.EqualTo($"bytes 100000-{_gated.Content.Length - 1}/{_gated.Content.Length}"));
            Assert.That(await resumed.Content.ReadAsByteArrayAsync(), Is.EqualTo(_gated.Content[100_000..]));
        }
        await ExpectProblemAsync(await GetAsync(_gated.Id, token, pass: _usesPass), HttpStatusCode.Forbidden, "no_valid_pass", "used up");
    }

    [Test]
    public async Task A_session_outlives_a_restart_of_the_service_until_it_signs_out()
    {
        DevnetSession buyer = Session(BuyerKey);
        var passes = new AccessPasses(_ownerPasses.Address, new ContractConnection(buyer.Eth, buyer.Sender));
        BigInteger pass = await OfferAsync(_gated.Id, duration: 0, uses: 1);
        await passes.BuyAsync(pass, 1, buyer.Key.Address, ethValue: Price);
        string token = await SignInAsync(buyer.Key);
        using (HttpResponseMessage first = await GetAsync(_gated.Id, token, pass: pass, range: "bytes=0-99999"))
        {
            Assert.That(await first.Content.ReadAsByteArrayAsync(), Is.EqualTo(_gated.Content[..100_000]));
        }
        Assert.That(await passes.BalanceOfAsync(buyer.Key.Address, pass), Is.EqualTo(BigInteger.Zero), "the one use was recorded");

        await StopServiceAsync();
        await StartServiceAsync();

        using (HttpResponseMessage resumed = await GetAsync(_gated.Id, token, pass: pass, range: "bytes=100000-"))
        {
            Assert.That(resumed.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent), "the same token resumes the paid download after the restart");
            Assert.That(await resumed.Content.ReadAsByteArrayAsync(), Is.EqualTo(_gated.Content[100_000..]));
        }
        using (var signOut = new HttpRequestMessage(HttpMethod.Post, "/auth/sign-out"))
        {
            signOut.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using HttpResponseMessage ended = await _http.SendAsync(signOut);
            Assert.That(ended.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }
        await ExpectProblemAsync(await GetAsync(_gated.Id, token, pass: pass, range: "bytes=100000-"), HttpStatusCode.Unauthorized, "sign_in_required", "sign in");
    }

    [Test]
    public async Task A_transferred_pass_refuses_the_old_holder_and_serves_the_new_one()
    {
        DevnetSession buyer = Session(BuyerKey);
        EthereumKey second = EthereumKey.FromHex(SecondKey);
        var passes = new AccessPasses(_ownerPasses.Address, new ContractConnection(buyer.Eth, buyer.Sender));
        await passes.BuyAsync(_durationPass, 1, buyer.Key.Address, ethValue: Price);
        await passes.SafeTransferFromAsync(buyer.Key.Address, second.Address, _durationPass, 1, []);

        await ExpectProblemAsync(await GetAsync(_gated.Id, await SignInAsync(buyer.Key), pass: _durationPass), HttpStatusCode.Forbidden, "no_valid_pass", "holds no pass");
        string token = await SignInAsync(second);
        using (HttpResponseMessage range = await GetAsync(_gated.Id, token, pass: _durationPass, range: "bytes=65530-65541"))
        {
            Assert.That(range.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
            Assert.That(await range.Content.ReadAsByteArrayAsync(), Is.EqualTo(_gated.Content[65_530..65_542]), "a range across a block boundary");
        }
        Assert.That(await passes.AccessUntilAsync(second.Address, _durationPass), Is.GreaterThan(0UL), "the first request opened the pass");
        using HttpResponseMessage whole = await GetAsync(_gated.Id, token, pass: _durationPass);
        Assert.That(await whole.Content.ReadAsByteArrayAsync(), Is.EqualTo(_gated.Content), "open access serves again without another unit");
    }

    [Test]
    public async Task Replayed_wrong_chain_and_wrong_domain_sign_ins_are_refused()
    {
        EthereumKey user = EthereumKey.FromHex(SecondKey);
        (string message, string signature) = await SignedMessageAsync(user);
        using (HttpResponseMessage first = await _http.PostAsJsonAsync("/auth/sign-in", new SignInRequest(message, signature)))
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        await ExpectProblemAsync(await _http.PostAsJsonAsync("/auth/sign-in", new SignInRequest(message, signature)), HttpStatusCode.Unauthorized, "sign_in_nonce_mismatch", "used already");
        (message, signature) = await SignedMessageAsync(user, m => m with { ChainId = 1 });
        await ExpectProblemAsync(await _http.PostAsJsonAsync("/auth/sign-in", new SignInRequest(message, signature)), HttpStatusCode.Unauthorized, "sign_in_chain_id_mismatch", "chain 1");
        (message, signature) = await SignedMessageAsync(user, m => m with { Domain = "evil.example" });
        await ExpectProblemAsync(await _http.PostAsJsonAsync("/auth/sign-in", new SignInRequest(message, signature)), HttpStatusCode.Unauthorized, "sign_in_domain_mismatch", "evil.example");
        await ExpectProblemAsync(await _http.PostAsJsonAsync("/auth/sign-in", new SignInRequest("not a sign-in message", signature)), HttpStatusCode.BadRequest, "sign_in_malformed", "line 1");
    }

    [Test]
    public async Task A_multisig_vault_holding_a_pass_signs_in_through_its_owners()
    {
        DevnetSession buyer = Session(BuyerKey);
        EthereumKey[] owners = [.. Enumerable.Range(0, 3).Select(_ => EthereumKey.Generate()).OrderBy(static k => k.Address)];
        MultisigVault vault = await MultisigVault.DeployAsync(new ContractConnection(buyer.Eth, buyer.Sender), [.. owners.Select(static o => o.Address)], 2);
        var passes = new AccessPasses(_ownerPasses.Address, new ContractConnection(buyer.Eth, buyer.Sender));
        await passes.BuyAsync(_durationPass, 1, vault.Address, ethValue: Price);

        IssuedNonceBody nonce = (await _http.GetFromJsonAsync<IssuedNonceBody>("/auth/nonce"))!;
        string message = Message(vault.Address, nonce.Nonce).ToString();
        byte[] digest = await vault.GetMessageHashAsync(PersonalMessage.Hash(message));
        byte[] approvals = [.. owners[0].Sign(digest).ToBytes(), .. owners[2].Sign(digest).ToBytes()];
        using HttpResponseMessage signIn = await _http.PostAsJsonAsync("/auth/sign-in", new SignInRequest(message, HexConvert.Encode(approvals)));
        Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.OK), await signIn.Content.ReadAsStringAsync());
        SessionBody session = (await signIn.Content.ReadFromJsonAsync<SessionBody>())!;
        Assert.That(session.Address, Is.EqualTo(vault.Address.ToChecksumString()));
        using HttpResponseMessage download = await GetAsync(_gated.Id, session.Token, pass: _durationPass);
        Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(_gated.Content));

        IssuedNonceBody another = (await _http.GetFromJsonAsync<IssuedNonceBody>("/auth/nonce"))!;
        string second = Message(vault.Address, another.Nonce).ToString();
        byte[] secondDigest = await vault.GetMessageHashAsync(PersonalMessage.Hash(second));
        await ExpectProblemAsync(await _http.PostAsJsonAsync("/auth/sign-in", new SignInRequest(second, HexConvert.Encode(owners[1].Sign(secondDigest).ToBytes()))),
            HttpStatusCode.Unauthorized, "sign_in_invalid_signature", "EIP-1271");
    }

    [Test]
    public async Task A_tampered_block_is_never_served()
    {
        DevnetSession buyer = Session(BuyerKey);
        var passes = new AccessPasses(_ownerPasses.Address, new ContractConnection(buyer.Eth, buyer.Sender));
        await passes.BuyAsync(_fragilePass, 1, buyer.Key.Address, ethValue: Price);
        string token = await SignInAsync(buyer.Key);
        string path = Path.Combine(_root, "blocks", _fragile.Manifest.CiphertextName);
        byte[] original = await File.ReadAllBytesAsync(path);
        try
        {
            byte[] tampered = (byte[])original.Clone();
            tampered[10] ^= 0x80; // block 0: refused before any byte
            await File.WriteAllBytesAsync(path, tampered);
            await ExpectProblemAsync(await GetAsync(_fragile.Id, token, pass: _fragilePass), HttpStatusCode.BadGateway, "stored_asset_corrupt", "Block 0");

            tampered = (byte[])original.Clone();
            tampered[(3 * (65_536 + 16)) + 10] ^= 0x80; // block 3: the body stops before it
            await File.WriteAllBytesAsync(path, tampered);
            using HttpResponseMessage response = await _http.SendAsync(Request(_fragile.Id, token, _fragilePass, range: null), HttpCompletionOption.ResponseHeadersRead);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            await using Stream body = await response.Content.ReadAsStreamAsync();
            var received = new MemoryStream();
            await Assert.CatchAsync<Exception>(() => body.CopyToAsync(received), "the connection is cut");
            Assert.That(received.Length, Is.LessThanOrEqualTo(3 * 65_536), "never the failing block (what was in flight when the connection was cut may be lost)");
            Assert.That(received.ToArray(), Is.EqualTo(_fragile.Content[..(int)received.Length]));
        }
        finally
        {
            await File.WriteAllBytesAsync(path, original);
        }
    }

    [Test]
    public async Task A_store_that_cannot_serve_the_asset_costs_a_uses_pass_nothing_and_says_why()
    {
        DevnetSession buyer = Session(BuyerKey);
        var passes = new AccessPasses(_ownerPasses.Address, new ContractConnection(buyer.Eth, buyer.Sender));
        await passes.BuyAsync(_brittlePass, 1, buyer.Key.Address, ethValue: Price);
        string token = await SignInAsync(buyer.Key);
        string blocks = Path.Combine(_root, "blocks", _brittle.Manifest.CiphertextName);
        string manifest = Path.Combine(_root, "manifests", _brittle.Manifest.ContentHash[2..] + ".json");
        byte[] originalBlocks = await File.ReadAllBytesAsync(blocks);
        string originalManifest = await File.ReadAllTextAsync(manifest);
        string other = await File.ReadAllTextAsync(Path.Combine(_root, "manifests", _fragile.Manifest.ContentHash[2..] + ".json"));
        (string Damage, Func<Task> Apply, string Mentions)[] damages =
        [
            ("block 0 altered", () => File.WriteAllBytesAsync(blocks, [.. originalBlocks[..10], (byte)(originalBlocks[10] ^ 1), .. originalBlocks[11..]]), "Block 0"),
            ("ciphertext lost", () => Task.Run(() => File.Delete(blocks)), "lost the ciphertext"),
            ("made public in the manifest", () => File.WriteAllTextAsync(manifest, originalManifest.Replace("\"Public\": false", "\"Public\": true", StringComparison.Ordinal)), "does not unwrap"),
            ("another asset's manifest in its place", () => File.WriteAllTextAsync(manifest, other), "names content hash " + _fragile.Manifest.ContentHash),
            ("a manifest that is not JSON", () => File.WriteAllTextAsync(manifest, "{ not json"), "is not a manifest"),
            ("an empty JSON object", () => File.WriteAllTextAsync(manifest, "{}"), "is malformed"),
            ("a negative length", () => File.WriteAllTextAsync(manifest, originalManifest.Replace($"\"Length\": {_brittle.Content.Length}", "\"Length\": -1", StringComparison.Ordinal)), "its length is -1"),
        ];
        try
        {
            foreach ((string damage, Func<Task> apply, string mentions) in damages)
            {
                await apply();
                using HttpResponseMessage refused = await GetAsync(_brittle.Id, token, pass: _brittlePass);
                string body = await refused.Content.ReadAsStringAsync();
                Assert.That(body, Does.Not.Contain(_root), $"{damage}: no server path in the answer");
                await ExpectProblemAsync(refused, HttpStatusCode.BadGateway, "stored_asset_corrupt", mentions);
                Assert.That(await passes.BalanceOfAsync(buyer.Key.Address, _brittlePass), Is.EqualTo(BigInteger.One), $"{damage}: no use recorded");
                await File.WriteAllBytesAsync(blocks, originalBlocks);
                await File.WriteAllTextAsync(manifest, originalManifest);
            }
        }
        finally
        {
            await File.WriteAllBytesAsync(blocks, originalBlocks);
            await File.WriteAllTextAsync(manifest, originalManifest);
        }
        using (HttpResponseMessage served = await GetAsync(_brittle.Id, token, pass: _brittlePass))
        {
            Assert.That(served.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await served.Content.ReadAsByteArrayAsync(), Is.EqualTo(_brittle.Content), "repaired, the one use buys the download");
        }
        Assert.That(await passes.BalanceOfAsync(buyer.Key.Address, _brittlePass), Is.EqualTo(BigInteger.Zero));
    }

    private sealed record IssuedNonceBody(string Nonce, string ExpiresAt);

    private sealed record SessionBody(string Token, string Address, string ExpiresAt);

    private DevnetSession Session(string key)
    {
        var session = new DevnetSession(key);
        _sessions.Add(session);
        return session;
    }

    private async Task<(BigInteger, byte[], AssetManifest)> PublishAsync(int length, bool isPublic)
    {
        byte[] content = RandomNumberGenerator.GetBytes(length);
        AssetManifest manifest;
        using (var source = new MemoryStream(content))
        {
            manifest = await _store.AddAsync(source, isPublic);
        }
        byte[] contentHash = HexConvert.Decode(manifest.ContentHash);
        byte[] salt = RandomNumberGenerator.GetBytes(32);
        Address owner = Devnet.Account0;
        await _registry.CommitRegistrationAsync(await _registry.RegistrationCommitmentAsync(contentHash, owner, salt, owner));
        await _registry.RegisterCommittedAsync(1, contentHash, manifest.Cid, "ipfs://meta", owner, salt);
        return (await _registry.TokenOfContentAsync(contentHash), content, manifest);
    }

    private async Task<BigInteger> OfferAsync(BigInteger assetId, ulong duration, ulong uses)
    {
        BigInteger passId = await _ownerPasses.SimulateOfferAsync(assetId, Address.Zero, Price, duration, uses);
        await _ownerPasses.OfferAsync(assetId, Address.Zero, Price, duration, uses);
        return passId;
    }

    private SiweMessage Message(Address account, string nonce) => new()
    {
        Scheme = "http",
        Domain = _domain,
        Address = account.ToChecksumString(),
        Statement = "Sign in to download DaoPlatform assets.",
        Uri = $"http://{_domain}/assets",
        ChainId = 10,
        Nonce = nonce,
        IssuedAt = DateTimeOffset.UtcNow.AddSeconds(-2).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
    };

    private async Task<(string Message, string Signature)> SignedMessageAsync(EthereumKey key, Func<SiweMessage, SiweMessage>? change = null)
    {
        IssuedNonceBody nonce = (await _http.GetFromJsonAsync<IssuedNonceBody>("/auth/nonce"))!;
        SiweMessage message = Message(key.Address, nonce.Nonce);
        string text = (change?.Invoke(message) ?? message).ToString();
        return (text, PersonalMessage.Sign(key, text).ToString());
    }

    private async Task<string> SignInAsync(EthereumKey key)
    {
        (string message, string signature) = await SignedMessageAsync(key);
        using HttpResponseMessage response = await _http.PostAsJsonAsync("/auth/sign-in", new SignInRequest(message, signature));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SessionBody>())!.Token;
    }

    private static HttpRequestMessage Request(BigInteger assetId, string? token, BigInteger? pass, string? range)
    {
        string query = pass is null ? "" : $"?pass={pass}";
        var request = new HttpRequestMessage(HttpMethod.Get, $"/assets/{assetId}/content{query}");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", range);
        }
        return request;
    }

    private Task<HttpResponseMessage> GetAsync(BigInteger assetId, string? token, BigInteger? pass = null, string? range = null) =>
        _http.SendAsync(Request(assetId, token, pass, range));

    private static async Task ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status, string error, string mentions)
    {
        using (response)
        {
            string body = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(status), body);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            using JsonDocument json = JsonDocument.Parse(body);
            Assert.That(json.RootElement.GetProperty("error").GetString(), Is.EqualTo(error), body);
            Assert.That(json.RootElement.GetProperty("message").GetString(), Does.Contain(mentions), body);
        }
    }
}
