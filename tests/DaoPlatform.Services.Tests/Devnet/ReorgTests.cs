using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Services;

// In the namespace of the shared Devnet [SetUpFixture], so that it starts a devnet for these tests.
namespace DaoPlatform.Ethereum.IntegrationTests.Services;

/// <summary>Blocks the follower has processed are replaced (evm_revert, then other blocks at the same heights).</summary>
public sealed class ReorgTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task The_follower_rewinds_on_a_reorg_and_forgets_a_task_whose_creation_was_replaced()
    {
        using TestPlatform platform = await TestPlatform.DeployAsync();
        string snapshot = await platform.Eth.Rpc.SendAsync(new RpcCall<string>("evm_snapshot", [], (result, _) => result.GetString()!));
        TestTask task = await platform.CreateTaskWithModelsAsync(seed: 51);
        await using NodeHost node = await NodeHost.StartAsync(platform, NodeRoles.None, new NodeKeys());
        await NodeHost.WaitForAsync(() => Task.FromResult(node.Logs.Contains($"Found task {task.Id} ")), "the task", Patience, node);

        bool reverted = await platform.Eth.Rpc.SendAsync(new RpcCall<bool>("evm_revert", new JsonArray(snapshot), (result, _) => result.GetBoolean()));
        Assert.That(reverted, Is.True);
        // One other block: a shorter branch without the task, whose head replaces a block the follower saw.
        await AnvilCheats.AdvanceAsync(platform.Eth, 1);
        await NodeHost.WaitForAsync(() => Task.FromResult(node.Logs.Contains("Reorg: block")), "the reorg", Patience, node);
        await NodeHost.WaitForAsync(() => Task.FromResult(node.Logs.Contains($"Task {task.Id} no longer exists")), "the task dropped", Patience, node);
    }
}
