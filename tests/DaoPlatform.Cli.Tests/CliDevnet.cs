using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DaoPlatform.Cli.Tests;

/// <summary>
/// One devnet for the command tests, started with <c>daoplatform devnet up</c> on a free port, with the platform
/// deployed by <c>daoplatform deploy</c> (2-of-3 vault of alice, bob and carol; short governance windows) and the
/// dev accounts imported; stopped with <c>devnet down</c> afterwards.
/// </summary>
[SetUpFixture]
public sealed class CliDevnet
{
    /// <summary>Anvil's dev keys (default mnemonic), by the names the tests use.</summary>
    public static readonly IReadOnlyList<(string Name, string Key, string Address)> Accounts =
    [
        ("deployer", "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"),
        ("alice", "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
        ("bob", "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"),
        ("carol", "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6", "0x90F79bf6EB2c4f870365E785982E1f101E93b906"),
    ];

    private static string? s_root;

    /// <summary>The harness bound to this devnet and its data directory.</summary>
    public static CliHarness Cli { get; private set; } = null!;

    /// <summary>The address of a named account.</summary>
    public static string Address(string name) => Accounts.Single(a => a.Name == name).Address;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        s_root = Path.Combine(Path.GetTempPath(), "daoplatform-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(s_root);
        int port = FreePort();
        Cli = new CliHarness(new Dictionary<string, string?>
        {
            ["DAOPLATFORM_RPC_URL"] = $"http://127.0.0.1:{port}",
            ["DAOPLATFORM_DATA_DIR"] = Path.Combine(s_root, "data"),
            ["DAOPLATFORM_DEPLOYMENT"] = Path.Combine(s_root, "deployments", "devnet.json"),
            ["DAOPLATFORM_PASSWORD"] = "test password",
            ["DEVNET_STATE_DIR"] = Path.Combine(s_root, "devnet"),
            ["HOME"] = s_root,
        }, RepositoryRoot());
        CliRun up = await Cli.JsonAsync("devnet", "up");
        Assert.That(up.ExitCode, Is.Zero, up.Error);
        foreach (var (name, key, _) in Accounts)
        {
            (await Cli.RunAsync(["--json", "account", "import", "--name", name, "--private-key-stdin", "--light-kdf"], key)).Ok();
        }
        (await Cli.AsAsync("deployer", "deploy", "--vault-owner", Address("alice"), "--vault-owner", Address("bob"), "--vault-owner", Address("carol"),
            "--vault-threshold", "2", "--voting-delay", "1m", "--voting-period", "10m", "--timelock-delay", "5m")).Ok();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (Cli is not null)
        {
            await Cli.JsonAsync("devnet", "down");
        }
        if (s_root is not null && Directory.Exists(s_root))
        {
            Directory.Delete(s_root, recursive: true);
        }
    }

    /// <summary>The repository checkout the tests run in.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DaoPlatform.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("the repository root was not found");
    }

    /// <summary>A TCP port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A folder for one test's files.</summary>
    public static string NewFolder()
    {
        string folder = Path.Combine(s_root!, Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    internal static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
