using System.Numerics;
using System.Security.Cryptography;
using DaoPlatform.Assets.Store.Encryption;
using DaoPlatform.Assets.Store.Storage;
using DaoPlatform.Contracts.Registry;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Keystore;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Platform;
using Microsoft.Playwright;

namespace DaoPlatform.Ethereum.IntegrationTests.Hub;

/// <summary>
/// An asset page in the browser, over a hub with its content service on: a gated model published by alice (encrypted
/// in the service's folder, registered, one-download passes offered, the service's node key allowed to record uses);
/// bob is refused without a session and without a pass, with the service's words in place, then buys a pass with
/// his wallet, signs in with it (personal_sign) and downloads the exact bytes.
/// </summary>
[NonParallelizable]
public sealed class AssetPagesTests
{
    // Anvil's dev account 5: the content service's node key (it pays the gas of recording uses).
    private const string NodeKeyHex = "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba";
    private const string Password = "content service";
    private static readonly BigInteger Price = BigInteger.Pow(10, 15);

    private HubProcess _hub = null!;
    private byte[] _content = null!;
    private BigInteger _asset;
    private BigInteger _pass;

    [OneTimeSetUp]
    public async Task PublishAsync()
    {
        string folder = HubFixture.NewFolder();
        EthereumKey nodeKey = EthereumKey.FromHex(NodeKeyHex);
        string keystore = Path.Combine(folder, "node-key.json");
        await File.WriteAllTextAsync(keystore, Web3SecretStorage.Encrypt(nodeKey, Password, new ScryptKeyDerivation(RandomNumberGenerator.GetBytes(32), n: 1 << 10)));
        _content = RandomNumberGenerator.GetBytes(200_000);
        AssetManifest manifest;
        using (var node = NodeKey.FromKey(nodeKey))
        using (var source = new MemoryStream(_content))
        {
            var store = new EncryptedAssetStore(new LocalFolderStore(Path.Combine(folder, "content", "blocks")), Path.Combine(folder, "content", "manifests"), node);
            manifest = await store.AddAsync(source, isPublic: false);
        }

        using ChainConnection alice = await ChainConnection.OpenAsync(Devnet.Url, null, EthereumKey.FromHex(HubFixture.Keys["alice"]));
        var registry = new AssetRegistry(HubFixture.Deployment.AddressOf(nameof(AssetRegistry)), alice.Contracts);
        var passes = new AccessPasses(HubFixture.Deployment.AddressOf(nameof(AccessPasses)), alice.Contracts);
        byte[] contentHash = HexConvert.Decode(manifest.ContentHash);
        byte[] salt = RandomNumberGenerator.GetBytes(32);
        Address owner = alice.Key!.Address;
        await registry.CommitRegistrationAsync(await registry.RegistrationCommitmentAsync(contentHash, owner, salt, owner));
        await registry.RegisterCommittedAsync(0, contentHash, manifest.Cid, "ipfs://" + manifest.Cid + "/metadata.json", owner, salt);
        _asset = await registry.TokenOfContentAsync(contentHash);
        _pass = await passes.SimulateOfferAsync(_asset, Address.Zero, Price, 0, 1);
        await passes.OfferAsync(_asset, Address.Zero, Price, 0, 1);
        await passes.SetConsumerAsync(_asset, nodeKey.Address, true);

        _hub = await HubProcess.StartAsync(Devnet.Url, HubFixture.DeploymentPath, HubFixture.NewFolder(), new Dictionary<string, string>
        {
            ["Hub__Content__Folder"] = Path.Combine(folder, "content"),
            ["Hub__Content__KeystorePath"] = keystore,
            ["Hub__Content__PasswordEnvironmentVariable"] = "HUB_TEST_NODE_KEY_PASSWORD",
            ["HUB_TEST_NODE_KEY_PASSWORD"] = Password,
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }
    }

    [Test]
    public async Task BuySignInAndDownloadGiveTheExactBytesAndWithoutAPassTheServiceSaysWhy()
    {
        await using Member bob = await HubFixture.MemberAsync("bob");
        await bob.Page.GotoAsync(new Uri(_hub.Url, $"/assets/{_asset}").ToString());
        await bob.Page.Locator("[data-interactive=true]").WaitForAsync();
        await Assertions.Expect(bob.Page.GetByTestId("published-by")).ToHaveTextAsync(HubFixture.AddressOf("alice").ToString());
        await Assertions.Expect(bob.Page.GetByTestId("offer")).ToContainTextAsync("1 download");
        await bob.ConnectAsync();
        ILocator outcome = bob.Page.GetByTestId("asset-outcome");

        // No session: the service's refusal, in place.
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync();
        await Assertions.Expect(outcome).ToContainTextAsync("Not served: sign in with your wallet first");
        await Screens.CheckAsync(bob.Page, "asset-refused-no-session");

        // Signed in, still no pass.
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in with your wallet" }).ClickAsync();
        await Assertions.Expect(bob.Page.GetByTestId("signed-in")).ToContainTextAsync(bob.Address.ToString());
        Assert.That(bob.Wallet.Forwarded, Does.Contain("personal_sign"));
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync();
        await Assertions.Expect(outcome).ToContainTextAsync($"Not served: your account holds no pass for asset {_asset}; buy one above");
        await Screens.CheckAsync(bob.Page, "asset-refused-no-pass");

        // Bought with the wallet: the sale shows, then the download gives alice's bytes.
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = $"Buy pass #{_pass}" }).ClickAsync();
        await Assertions.Expect(outcome).ToContainTextAsync("Done: buy 1 pass 1 to asset");
        await Assertions.Expect(bob.Page.GetByTestId("held")).ToHaveTextAsync("1");
        IDownload download = await bob.Page.RunAndWaitForDownloadAsync(() => bob.Page.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync());
        byte[] saved = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.That(saved, Is.EqualTo(_content), "the bytes alice published");
        await Assertions.Expect(outcome).ToContainTextAsync($"Downloaded {_content.Length:N0} bytes");
        await bob.Page.ReloadAsync();
        await bob.Page.Locator("[data-interactive=true]").WaitForAsync();
        await Assertions.Expect(bob.Page.GetByTestId("sale")).ToContainTextAsync(bob.Address.ToString());
        await Screens.CheckAsync(bob.Page, "asset-page");

        // The one use is spent: a second download is refused, and the page says so.
        await bob.ConnectAsync();
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync();
        await Assertions.Expect(outcome).ToContainTextAsync("Not served:");
        await Assertions.Expect(outcome).ToContainTextAsync("used up");
        await Screens.CheckAsync(bob.Page, "asset-used-up");
    }
}
