using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Protocol.Rules;
using DaoPlatform.Services;

// In the namespace of the shared Devnet [SetUpFixture], so that it starts a devnet for these tests.
namespace DaoPlatform.Ethereum.IntegrationTests.Services;

/// <summary>The claimer on the devnet: the auditor's challenge reward and the honest evaluator's returned bond are withdrawn by the node.</summary>
public sealed class ClaimerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public async Task The_challenge_reward_and_the_returned_bond_are_withdrawn_to_their_accounts()
    {
        using TestPlatform platform = await TestPlatform.DeployAsync();
        TestTask task = await platform.CreateTaskWithModelsAsync(seed: 12);
        await platform.RevealTestSetAsync(task);
        TaskResult honest = task.Honest();
        // Claims no model won (the seed's honest result has a winner), which challengeWinner overturns.
        TaskResult forged = honest with { Winner = TaskResult.NoWinner };
        System.Numerics.BigInteger bond = await platform.BondAsync(task);
        await platform.PostAsync(task, forged, DevKeys.Mallory);
        Address auditor = DevKeys.Key(DevKeys.Auditor).Address;
        Address evaluator = DevKeys.Key(DevKeys.Evaluator).Address;
        NodeKeys keys = RoleFlowTests.AllKeys().Set(NodeRoles.Claimer, DevKeys.Key(DevKeys.Finalizer));

        await using NodeHost node = await NodeHost.StartAsync(
            platform, NodeRoles.Evaluator | NodeRoles.Auditor | NodeRoles.Finalizer | NodeRoles.Claimer, keys,
            extra: new Dictionary<string, string?> { ["Claimer:EveryBlocks"] = "1" });
        await NodeHost.WaitForAsync(async () => (await platform.OverturnsAsync(task)).Count == 1, "the auditor's challenge", Patience, node);
        await NodeHost.WaitForAsync(async () => (await Withdrawals(platform, auditor)).Count == 1, "the auditor's reward withdrawn", Patience, node);
        Assert.That((await Withdrawals(platform, auditor)).Single().Event.Amount, Is.EqualTo(bond / 2), "the challenger's share of the forged bond");
        Assert.That(await platform.Verifier.CreditsAsync(Address.Zero, auditor), Is.EqualTo(System.Numerics.BigInteger.Zero));

        await NodeHost.WaitForAsync(async () => (await platform.PostsAsync(task)).Count == 2, "the honest post", Patience, node);
        await AnvilCheats.AdvanceAsync(platform.Eth, TestPlatform.ChallengeWindow + 1);
        await NodeHost.WaitForAsync(async () => (await platform.StateAsync(task)).Settled, "finalization", Patience, node);
        await NodeHost.WaitForAsync(async () => (await Withdrawals(platform, evaluator)).Count == 1, "the evaluator's bond withdrawn", Patience, node);
        Assert.That((await Withdrawals(platform, evaluator)).Single().Event.Amount, Is.EqualTo((await platform.PostsAsync(task))[1].Event.Bond));
        Assert.That(await platform.Verifier.CreditsAsync(Address.Zero, evaluator), Is.EqualTo(System.Numerics.BigInteger.Zero));
        // The job logs once it has the receipt, which may be after the test saw the event.
        await NodeHost.WaitForAsync(() => Task.FromResult(node.Logs.Contains("that OptimisticVerifier owed the evaluator account")), "the claimer's log line", Patience, node);
        // Nothing is owed to the finalizer or the claimer: no withdrawal is attempted (it would revert NothingToWithdraw).
        Assert.That(await Withdrawals(platform, DevKeys.Key(DevKeys.Finalizer).Address), Is.Empty);
    }

    private static async Task<IReadOnlyList<Contracts.EventLog<DaoPlatform.Contracts.Verifier.OptimisticVerifier.WithdrawnEvent>>> Withdrawals(TestPlatform platform, Address account) =>
        await platform.Verifier.QueryWithdrawnEventsAsync(platform.StartBlock, account: account);
}
