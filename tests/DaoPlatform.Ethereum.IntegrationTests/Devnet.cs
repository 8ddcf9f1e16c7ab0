using System.Net;
using System.Net.Sockets;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.IntegrationTests;

/// <summary>
/// Starts one devnet (scripts/devnet: anvil in OP mode with the fee predeploys) on a free port with
/// its own state directory before any test of this assembly, and stops it afterwards, also when
/// tests fail. Compiles the contracts first when the ErrorProbe artifact is missing.
/// </summary>
[SetUpFixture]
public sealed class Devnet
{
    private static string? s_stateDir;
    private static Dictionary<string, string>? s_environment;

    /// <summary>The devnet's JSON-RPC endpoint.</summary>
    public static Uri Url { get; private set; } = null!;

    /// <summary>Anvil's first dev account (mnemonic "test test ... junk", index 0): address and private key.</summary>
    public static Address Account0 { get; } = Address.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");

    /// <inheritdoc cref="Account0"/>
    public const string Account0Key = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    /// <summary>Anvil's second dev account (index 1).</summary>
    public static Address Account1 { get; } = Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");

    /// <inheritdoc cref="Account1"/>
    public const string Account1Key = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

    [OneTimeSetUp]
    public void Start()
    {
        s_stateDir = Path.Combine(Path.GetTempPath(), "daoplatform-devnet-" + Guid.NewGuid().ToString("N"));
        int port = FreePort();
        s_environment = new Dictionary<string, string>
        {
            ["DEVNET_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DEVNET_STATE_DIR"] = s_stateDir,
        };
        try
        {
            // The devnet script installs node_modules on a fresh clone, so it runs before the compiler.
            TestContext.Progress.WriteLine(Repository.RunBash("scripts/devnet start", s_environment));
            if (!File.Exists(Artifacts.ErrorProbePath))
            {
                TestContext.Progress.WriteLine(Repository.RunBash("npx hardhat compile"));
            }
        }
        catch
        {
            Stop();
            throw;
        }
        Url = new Uri($"http://127.0.0.1:{port}");
    }

    [OneTimeTearDown]
    public void Stop()
    {
        if (s_environment is not null)
        {
            TestContext.Progress.WriteLine(Repository.RunBash("scripts/devnet stop", s_environment));
            s_environment = null;
        }
        if (s_stateDir is not null && Directory.Exists(s_stateDir))
        {
            Directory.Delete(s_stateDir, recursive: true);
        }
    }

    /// <summary>A typed client for the devnet; dispose its <see cref="EthRpcClient.Rpc"/> when done.</summary>
    public static EthRpcClient Client() => new(new JsonRpcClient(Url));

    /// <summary>A TCP port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
