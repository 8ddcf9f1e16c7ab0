using DaoPlatform.Services;

// In the namespace of the shared Devnet [SetUpFixture], so that it starts a devnet for these tests.
namespace DaoPlatform.Ethereum.IntegrationTests.Services;

/// <summary>The chain node goes away mid-flow and comes back with its state: the services wait, then finish the flow.</summary>
public sealed class NodeOutageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public async Task The_flow_completes_after_the_chain_node_is_stopped_and_restarted_with_its_state()
    {
        using PrivateDevnet devnet = PrivateDevnet.Start();
        using TestPlatform platform = await TestPlatform.DeployAsync(devnet.Url);
        TestTask task = await platform.CreateTaskWithModelsAsync(seed: 31);
        await platform.RevealTestSetAsync(task);
        string state = await devnet.DumpAsync();
        devnet.Stop();

        NodeKeys keys = new NodeKeys()
            .Set(NodeRoles.Evaluator, DevKeys.Key(DevKeys.Evaluator))
            .Set(NodeRoles.Auditor, DevKeys.Key(DevKeys.Auditor))
            .Set(NodeRoles.Finalizer, DevKeys.Key(DevKeys.Finalizer));
        await using NodeHost node = await NodeHost.StartAsync(platform, NodeRoles.Evaluator | NodeRoles.Auditor | NodeRoles.Finalizer, keys);
        await NodeHost.WaitForAsync(() => Task.FromResult(node.Logs.Contains("Chain follower tick failed")), "the follower noticing the outage", Patience, node);

        await devnet.RestartWithAsync(state);
        await NodeHost.WaitForAsync(async () => (await platform.PostsAsync(task)).Count == 1, "the post after the restart", Patience, node);
        await AnvilCheats.AdvanceAsync(platform.Eth, TestPlatform.ChallengeWindow + 1);
        await NodeHost.WaitForAsync(async () => (await platform.StateAsync(task)).Settled, "finalization", Patience, node);
        Assert.That(await platform.OverturnsAsync(task), Is.Empty);
    }
}
