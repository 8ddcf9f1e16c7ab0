using System.Text.Json;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.JsonRpc;

// In the namespace of the shared Devnet [SetUpFixture], so that it starts a devnet for these tests.
namespace DaoPlatform.Ethereum.IntegrationTests.Services;

/// <summary>A devnet of one test's own (scripts/devnet on a free port), which the test may stop and start again with its state.</summary>
internal sealed class PrivateDevnet : IDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly string _stateDir;

    private PrivateDevnet(int port, string stateDir)
    {
        _stateDir = stateDir;
        _environment = new Dictionary<string, string>
        {
            ["DEVNET_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DEVNET_STATE_DIR"] = stateDir,
        };
        Url = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Url { get; }

    public static PrivateDevnet Start()
    {
        var devnet = new PrivateDevnet(Devnet.FreePort(), Path.Combine(Path.GetTempPath(), "daoplatform-devnet-" + Guid.NewGuid().ToString("N")));
        devnet.Run("start");
        return devnet;
    }

    /// <summary>anvil_dumpState: the whole chain (blocks, transactions, logs, accounts) as anvil's hex blob.</summary>
    public async Task<string> DumpAsync()
    {
        using var rpc = new JsonRpcClient(Url);
        return await rpc.SendAsync(new RpcCall<string>("anvil_dumpState", [], (result, _) => result.GetString()!));
    }

    public void Stop() => Run("stop");

    /// <summary>Starts the node again on the same port and loads <paramref name="state"/> (anvil_loadState).</summary>
    public async Task RestartWithAsync(string state)
    {
        Run("start");
        using var rpc = new JsonRpcClient(Url);
        bool loaded = await rpc.SendAsync(new RpcCall<bool>("anvil_loadState", new JsonArray(state), (result, _) => result.ValueKind == JsonValueKind.True));
        Assert.That(loaded, Is.True, "anvil_loadState");
    }

    public void Dispose()
    {
        Run("stop");
        if (Directory.Exists(_stateDir))
        {
            Directory.Delete(_stateDir, recursive: true);
        }
    }

    private void Run(string command) => TestContext.Progress.WriteLine(Repository.RunBash($"scripts/devnet {command}", _environment));
}
