using DaoPlatform.Services;
using DaoPlatform.Services.Tests.Support;

// In the namespace of the shared Devnet [SetUpFixture], so that it starts a devnet for these tests.
namespace DaoPlatform.Ethereum.IntegrationTests.Services;

/// <summary>The node's RPC endpoint fails, hangs, answers garbage or lies for a while: the flow still ends with one post, finalized.</summary>
public sealed class RpcFaultTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [TestCase(RpcFault.Error)]
    [TestCase(RpcFault.Timeout)]
    [TestCase(RpcFault.MalformedJson)]
    [TestCase(RpcFault.ForeignReceipt)]
    [TestCase(RpcFault.LogOutsideRange)]
    public async Task The_flow_completes_through_a_faulty_node(RpcFault fault)
    {
        using TestPlatform platform = await TestPlatform.DeployAsync();
        TestTask task = await platform.CreateTaskWithModelsAsync(seed: 40 + (int)fault);
        await platform.RevealTestSetAsync(task);
        using var proxy = new FaultyRpcProxy(platform.Url) { TimeoutDelay = TimeSpan.FromSeconds(1) };
        switch (fault)
        {
            case RpcFault.ForeignReceipt:
                proxy.Inject(fault, 2, "eth_getTransactionReceipt");
                break;
            case RpcFault.LogOutsideRange:
                proxy.Inject(fault, 3, "eth_getLogs");
                break;
            default:
                proxy.InjectFor(fault, TimeSpan.FromSeconds(3));
                break;
        }
        NodeKeys keys = new NodeKeys()
            .Set(NodeRoles.Evaluator, DevKeys.Key(DevKeys.Evaluator))
            .Set(NodeRoles.Auditor, DevKeys.Key(DevKeys.Auditor))
            .Set(NodeRoles.Finalizer, DevKeys.Key(DevKeys.Finalizer));
        await using NodeHost node = await NodeHost.StartAsync(platform, NodeRoles.Evaluator | NodeRoles.Auditor | NodeRoles.Finalizer, keys, rpcUrl: proxy.Url);

        await NodeHost.WaitForAsync(async () => (await platform.PostsAsync(task)).Count == 1, "the post", Patience, node);
        await NodeHost.WaitForAsync(() => Task.FromResult(node.Logs.Contains("is correct: no challenge")), "the audit", Patience, node);
        await AnvilCheats.AdvanceAsync(platform.Eth, TestPlatform.ChallengeWindow + 1);
        await NodeHost.WaitForAsync(async () => (await platform.StateAsync(task)).Settled, "finalization", Patience, node);

        Assert.That(proxy.FaultsServed, Is.GreaterThan(0), "the faults reached the node");
        Assert.That(await platform.PostsAsync(task), Has.Count.EqualTo(1));
        Assert.That(await platform.OverturnsAsync(task), Is.Empty);
    }
}
