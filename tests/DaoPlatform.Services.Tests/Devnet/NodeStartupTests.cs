using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Keystore;
using DaoPlatform.Ethereum.Signing;

// In the namespace of the shared Devnet [SetUpFixture], so that it starts a devnet for these tests.
namespace DaoPlatform.Ethereum.IntegrationTests.Services;

/// <summary>
/// The node executable as an operator starts it: a bad setting, key or chain id stops it at start with one line on
/// standard error and the documented exit code (1 setting or start block, 2 key, 3 port, 5 chain id), never a stack trace.
/// </summary>
public sealed class NodeStartupTests
{
    private string _dir = null!;
    private string _keystore = null!;
    private string _passwordFile = null!;

    [SetUp]
    public void CreateKeystore()
    {
        _dir = Directory.CreateTempSubdirectory("daoplatform-node-start-").FullName;
        _keystore = Path.Combine(_dir, "finalizer.json");
        File.WriteAllText(_keystore, Web3SecretStorage.Encrypt(EthereumKey.FromHex("0x" + new string('2', 64)), "right", new ScryptKeyDerivation(new byte[32], n: 1 << 10)));
        _passwordFile = Path.Combine(_dir, "password");
        File.WriteAllText(_passwordFile, "right\n");
    }

    [TearDown]
    public void DeleteKeystore() => Directory.Delete(_dir, recursive: true);

    private string[] Settings(string roles = "Finalizer", string chainId = "10", string verifier = "0x0000000000000000000000000000000000000002", string? password = null) =>
    [
        $"--Node:Roles={roles}", $"--Node:RpcUrl={Devnet.Url}", $"--Node:ChainId={chainId}",
        "--Node:TrainingTasks=0x0000000000000000000000000000000000000001", $"--Node:Verifier={verifier}",
        $"--Keys:Finalizer:KeystorePath={_keystore}", $"--Keys:Finalizer:PasswordFile={password ?? _passwordFile}",
    ];

    [Test]
    public void An_unknown_role_is_named_with_exit_code_1()
    {
        (int exitCode, string error) = RunNode(Settings(roles: "Oracle"));

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain("Node:Roles 'Oracle'"));
    }

    [Test]
    public async Task A_wrong_password_names_the_keystore_with_exit_code_2()
    {
        string wrong = Path.Combine(_dir, "wrong-password");
        await File.WriteAllTextAsync(wrong, "wrong\n");

        (int exitCode, string error) = RunNode(Settings(password: wrong));

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.Contain("finalizer.json"));
    }

    [Test]
    public void A_malformed_contract_address_is_named_with_exit_code_1()
    {
        (int exitCode, string error) = RunNode(Settings(verifier: "0x1234"));

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain("Node:Verifier"));
    }

    [Test]
    public void A_node_serving_another_chain_is_refused_with_exit_code_5()
    {
        (int exitCode, string error) = RunNode(Settings(chainId: "11155420"));

        Assert.That(error, Does.Contain("serves chain id 10, but Node:ChainId is 11155420"));
        Assert.That(exitCode, Is.EqualTo(5));
    }

    [Test]
    public async Task A_start_block_ahead_of_the_head_is_refused_with_exit_code_1()
    {
        using var rpc = new JsonRpcClient(Devnet.Url);
        ulong head = await new EthRpcClient(rpc).BlockNumberAsync();
        ulong ahead = head + 1_000_000;

        (int exitCode, string error) = RunNode([.. Settings(), $"--Node:StartBlock={ahead}"]);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain($"Node:StartBlock {ahead} is ahead of the chain's head"));
    }

    [Test]
    public void A_health_port_in_use_stops_the_node_with_exit_code_3()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        int port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        (int exitCode, string error) = RunNode([.. Settings(), $"--Node:HealthUrl=http://127.0.0.1:{port}/"]);

        Assert.That(exitCode, Is.EqualTo(3));
        Assert.That(error, Does.Contain("cannot listen").And.Contain(port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Runs the built node (copied beside the tests) and returns its exit code and its one line of standard error.</summary>
    private static (int ExitCode, string Error) RunNode(string[] arguments)
    {
        ProcessResult result = Repository.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "DaoPlatform.Node.dll"), .. arguments], timeout: TimeSpan.FromMinutes(1));
        string error = result.StandardError.TrimEnd();
        Assert.That(error.Split('\n'), Has.Length.EqualTo(1), $"one line on standard error, got:\n{error}\n{result.StandardOutput}");
        Assert.That(error, Does.StartWith("daoplatform-node: ").And.Not.Contain("   at "), "no stack trace");
        return (result.ExitCode, error);
    }
}
