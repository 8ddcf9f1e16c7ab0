using DaoPlatform.Contracts.Custody;
using DaoPlatform.Contracts.Governance;
using DaoPlatform.Contracts.Registry;
using DaoPlatform.Contracts.Streaming;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Deployment;

// In the namespace of the shared Devnet [SetUpFixture], so that it starts a devnet for these tests.
namespace DaoPlatform.Ethereum.IntegrationTests.Services;

/// <summary>
/// The two deployers, <c>scripts/deploy.mjs</c> (scripts/lib/platform.mjs) and the C# <see cref="PlatformDeployer"/>,
/// each on a fresh devnet from the same account with their defaults, wire the same platform: the same contracts at
/// the same addresses with the same runtime code, the same timelock roles, and every parameter and owner a
/// no-argument view reads back equal (on devnets given the same clock).
/// </summary>
public sealed class DeployerParityTests
{
    private static readonly Dictionary<string, ContractDefinition> s_definitions = new()
    {
        [nameof(DaoToken)] = DaoToken.Definition,
        [nameof(DaoTimelock)] = DaoTimelock.Definition,
        [nameof(DaoGovernor)] = DaoGovernor.Definition,
        [nameof(MultisigVault)] = MultisigVault.Definition,
        [nameof(StreamVault)] = StreamVault.Definition,
        [nameof(RevenueSplitter)] = RevenueSplitter.Definition,
        [nameof(TrainingTasks)] = TrainingTasks.Definition,
        [nameof(OptimisticVerifier)] = OptimisticVerifier.Definition,
        [nameof(AssetRegistry)] = AssetRegistry.Definition,
        [nameof(AccessPasses)] = AccessPasses.Definition,
    };

    [Test]
    public async Task The_script_and_the_CSharp_deployer_wire_the_same_platform()
    {
        using PrivateDevnet scriptChain = PrivateDevnet.Start();
        using PrivateDevnet csharpChain = PrivateDevnet.Start();
        await SameClockAsync(scriptChain.Url, csharpChain.Url);
        DeploymentRecord script = DeployWithScript(scriptChain.Url);
        DeploymentRecord csharp;
        using (ChainConnection deployer = await ChainConnection.OpenAsync(csharpChain.Url, null, DevKeys.Key(DevKeys.Deployer)))
        {
            csharp = await new PlatformDeployer(deployer).DeployAsync("devnet", publicNetwork: false, new DeploymentParameters());
        }

        Assert.That(csharp.Deployer, Is.EqualTo(script.Deployer), "the same deploying account");
        Assert.That(csharp.Contracts.Keys, Is.EquivalentTo(script.Contracts.Keys), "the same contracts");
        Assert.That(s_definitions.Keys, Is.EquivalentTo(script.Contracts.Keys), "this test knows every contract the script deploys");
        using var scriptRpc = new JsonRpcClient(scriptChain.Url);
        using var csharpRpc = new JsonRpcClient(csharpChain.Url);
        var scriptEth = new EthRpcClient(scriptRpc);
        var csharpEth = new EthRpcClient(csharpRpc);
        foreach ((string name, DeployedContract deployed) in script.Contracts)
        {
            DeployedContract other = csharp.Contracts[name];
            // The same account sends the same transactions in the same order: the same nonces give the same addresses.
            Assert.That(other.Address, Is.EqualTo(deployed.Address), $"{name}'s address");
            Assert.That(other.AbiKeccak256, Is.EqualTo(deployed.AbiKeccak256), $"{name}'s recorded ABI hash");
            // Same addresses and parameters, so the immutables agree too: the runtime code must be byte for byte equal.
            byte[] code = await scriptEth.GetCodeAsync(deployed.Address);
            Assert.That(code, Is.Not.Empty, $"{name} has code");
            Assert.That(HexConvert.Encode(await csharpEth.GetCodeAsync(other.Address)), Is.EqualTo(HexConvert.Encode(code)), $"{name}'s runtime code");
            foreach (AbiFunction view in s_definitions[name].Abi.Functions.Where(IsComparableView))
            {
                Assert.That(await ViewAsync(csharpEth, other.Address, view), Is.EqualTo(await ViewAsync(scriptEth, deployed.Address, view)), $"{name}.{view.Signature}");
            }
        }
        await AssertSameRolesAsync(script, scriptEth, csharpEth);
    }

    /// <summary>A view without arguments.</summary>
    private static bool IsComparableView(AbiFunction function) =>
        function.Inputs.Count == 0 && function.StateMutability is AbiStateMutability.View or AbiStateMutability.Pure;

    /// <summary>
    /// Gives both devnets the same clock: the next block at the same second, each one after it a second later. The
    /// same transactions then land in blocks with the same timestamps, so values set from the block's time (the
    /// splitter's release schedule starts at its deployment) compare equal too.
    /// </summary>
    private static async Task SameClockAsync(params Uri[] chains)
    {
        ulong start = 0;
        foreach (Uri url in chains)
        {
            using var rpc = new JsonRpcClient(url);
            start = Math.Max(start, (await new EthRpcClient(rpc).GetBlockByNumberAsync(BlockTag.Latest))!.Timestamp + 60);
        }
        foreach (Uri url in chains)
        {
            using var rpc = new JsonRpcClient(url);
            await rpc.SendAsync(new RpcCall<bool>("anvil_setBlockTimestampInterval", new System.Text.Json.Nodes.JsonArray(1), (_, _) => true));
            await rpc.SendAsync(new RpcCall<bool>("evm_setNextBlockTimestamp", new System.Text.Json.Nodes.JsonArray(start), (_, _) => true));
        }
    }

    /// <summary>The view's return data, or the node's error when it reverts (compared the same way).</summary>
    private static async Task<string> ViewAsync(EthRpcClient eth, Address contract, AbiFunction view)
    {
        try
        {
            return HexConvert.Encode(await eth.CallAsync(new CallRequest { To = contract, Data = view.EncodeCall() }, BlockTag.Latest));
        }
        catch (ExecutionRevertedException e)
        {
            return "reverted " + HexConvert.Encode(e.RevertData);
        }
    }

    private static async Task AssertSameRolesAsync(DeploymentRecord record, EthRpcClient scriptEth, EthRpcClient csharpEth)
    {
        var scriptTimelock = new DaoTimelock(record.AddressOf(nameof(DaoTimelock)), new ContractConnection(scriptEth));
        var csharpTimelock = new DaoTimelock(record.AddressOf(nameof(DaoTimelock)), new ContractConnection(csharpEth));
        byte[][] roles =
        [
            await scriptTimelock.DefaultAdminRoleAsync(), await scriptTimelock.ProposerRoleAsync(),
            await scriptTimelock.CancellerRoleAsync(), await scriptTimelock.ExecutorRoleAsync(),
        ];
        Address[] accounts = [.. record.Contracts.Values.Select(c => c.Address), record.Deployer, Address.Zero];
        int granted = 0;
        foreach (byte[] role in roles)
        {
            foreach (Address account in accounts)
            {
                bool expected = await scriptTimelock.HasRoleAsync(role, account);
                granted += expected ? 1 : 0;
                Assert.That(await csharpTimelock.HasRoleAsync(role, account), Is.EqualTo(expected), $"timelock hasRole({HexConvert.Encode(role)}, {account})");
            }
        }
        // The timelock administers itself; the governor proposes and cancels; anyone executes.
        Assert.That(granted, Is.EqualTo(4), "the roles granted");
    }

    /// <summary>Runs <c>scripts/deploy.mjs</c> on the devnet at <paramref name="url"/> with its defaults and reads the record it wrote.</summary>
    private static DeploymentRecord DeployWithScript(Uri url)
    {
        string file = Path.Combine(Path.GetTempPath(), $"daoplatform-deploy-{Guid.NewGuid():N}.json");
        try
        {
            ProcessResult result = Repository.Run("npx", ["hardhat", "run", "scripts/deploy.mjs", "--network", "devnet"],
                new Dictionary<string, string> { ["DEVNET_RPC_URL"] = url.ToString(), ["DAO_DEPLOYMENT_FILE"] = file },
                timeout: TimeSpan.FromMinutes(5));
            Assert.That(result.ExitCode, Is.Zero, $"scripts/deploy.mjs:\n{result.StandardOutput}{result.StandardError}");
            return DeploymentRecord.Parse(File.ReadAllText(file), file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
