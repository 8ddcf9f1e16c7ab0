using System.Numerics;
using DaoPlatform.Contracts.Governance;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Deployment;
using DaoPlatform.Platform.Units;
using Microsoft.Playwright;

namespace DaoPlatform.Ethereum.IntegrationTests.Hub;

/// <summary>
/// For every hub test, on the shared devnet: the platform deployed (a 2-of-3 vault of alice, bob and carol; voting
/// delay 1 min, voting period 10 min, timelock 5 min), 100,000 tokens delegated by each member, the hub running over
/// it, and one Chromium (Debian's, /usr/bin/chromium) in which each member gets a browser context with their own
/// wallet.
/// </summary>
[SetUpFixture]
public sealed class HubFixture
{
    /// <summary>Anvil's dev accounts (default mnemonic) by the part they play.</summary>
    public static readonly IReadOnlyDictionary<string, string> Keys = new Dictionary<string, string>
    {
        ["deployer"] = Devnet.Account0Key,
        ["alice"] = Devnet.Account1Key,
        ["bob"] = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
        ["carol"] = "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
        ["dave"] = "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
    };

    private static string s_root = null!;
    private static IPlaywright? s_playwright;

    public static DeploymentRecord Deployment { get; private set; } = null!;

    public static string DeploymentPath { get; private set; } = null!;

    public static HubProcess Hub { get; private set; } = null!;

    public static IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the screenshots go: TestResults/hub-screenshots at the repository root.</summary>
    public static string Screenshots { get; } = Path.Combine(Repository.Root, "TestResults", "hub-screenshots");

    public static Address AddressOf(string member) => EthereumKey.FromHex(Keys[member]).Address;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        s_root = Path.Combine(Path.GetTempPath(), "daoplatform-hub-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(s_root);
        Directory.CreateDirectory(Screenshots);
        Deployment = await DeployAsync();
        DeploymentPath = Path.Combine(s_root, "devnet.json");
        await File.WriteAllTextAsync(DeploymentPath, Deployment.ToJson());
        Hub = await HubProcess.StartAsync(Devnet.Url, DeploymentPath, Path.Combine(s_root, "data"));
        s_playwright = await Playwright.CreateAsync();
        Browser = await s_playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        s_playwright?.Dispose();
        if (Hub is not null)
        {
            await Hub.DisposeAsync();
        }
        if (Directory.Exists(s_root))
        {
            Directory.Delete(s_root, recursive: true);
        }
    }

    /// <summary>A browser context for <paramref name="member"/> with their wallet, and a page in it.</summary>
    public static async Task<Member> MemberAsync(string member, ulong? walletChainId = null)
    {
        IBrowserContext context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1200, Height = 900 } });
        TestWallet wallet = await TestWallet.InstallAsync(context, AddressOf(member), walletChainId ?? Deployment.ChainId, Devnet.Url);
        IPage page = await context.NewPageAsync();
        return new Member(member, context, page, wallet);
    }

    /// <summary>A folder for one test's files.</summary>
    public static string NewFolder()
    {
        string folder = Path.Combine(s_root, Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static async Task<DeploymentRecord> DeployAsync()
    {
        using ChainConnection deployer = await ChainConnection.OpenAsync(Devnet.Url, null, EthereumKey.FromHex(Keys["deployer"]));
        DeploymentRecord record = await new PlatformDeployer(deployer).DeployAsync("devnet", publicNetwork: false, new DeploymentParameters
        {
            VaultOwners = [AddressOf("alice"), AddressOf("bob"), AddressOf("carol")],
            VaultThreshold = 2,
            VotingDelay = 60,
            VotingPeriod = 600,
            TimelockDelay = 300,
        });
        var token = new DaoToken(record.AddressOf(nameof(DaoToken)), deployer.Contracts);
        BigInteger share = 100_000 * EtherAmount.OneUnit;
        foreach (string member in new[] { "alice", "bob", "carol" })
        {
            await token.TransferAsync(AddressOf(member), share);
            using ChainConnection self = await ChainConnection.OpenAsync(Devnet.Url, null, EthereumKey.FromHex(Keys[member]));
            await new DaoToken(token.Address, self.Contracts).DelegateAsync(AddressOf(member));
        }
        await token.DelegateAsync(AddressOf("deployer"));
        // The treasury (the timelock) and the vault hold 100 ETH each to pay from.
        foreach (string holder in new[] { nameof(DaoTimelock), "MultisigVault" })
        {
            await deployer.Eth.Rpc.SendAsync(new DaoPlatform.Ethereum.JsonRpc.RpcCall<bool>("anvil_setBalance",
                new System.Text.Json.Nodes.JsonArray(record.AddressOf(holder).ToLowerHex(), "0x56bc75e2d63100000"), (_, _) => true));
        }
        // Votes count from the second after delegation (the governor reads getVotes at clock() - 1).
        await AnvilCheats.AdvanceAsync(deployer.Eth, 2);
        return record;
    }
}

/// <summary>One member in the browser: their context, page and wallet.</summary>
public sealed record Member(string Name, IBrowserContext Context, IPage Page, TestWallet Wallet) : IAsyncDisposable
{
    public Address Address => HubFixture.AddressOf(Name);

    /// <summary>Opens <paramref name="path"/> on the hub and waits for the circuit to be interactive.</summary>
    public async Task OpenAsync(string path)
    {
        await Page.GotoAsync(new Uri(HubFixture.Hub.Url, path).ToString());
        await Page.Locator("[data-interactive=true]").WaitForAsync();
    }

    /// <summary>
    /// Reloads the page, as a person would, until <paramref name="locator"/> finds something or 30 s pass: a page reads
    /// the index when it loads, and the index follows the chain a block or two behind.
    /// </summary>
    public async Task ReloadUntilShownAsync(ILocator locator)
    {
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); await locator.CountAsync() == 0 && waited.Elapsed < TimeSpan.FromSeconds(30);)
        {
            await Task.Delay(500);
            await Page.ReloadAsync();
            await Page.Locator("[data-interactive=true]").WaitForAsync();
        }
    }

    /// <summary>Connects the wallet from the header and waits until the page shows the account.</summary>
    public async Task ConnectAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Connect wallet" }).ClickAsync();
        await Page.Locator(".wallet .account").WaitForAsync();
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
