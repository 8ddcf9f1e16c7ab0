using System.Numerics;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Protocol.Rules;

namespace DaoPlatform.Protocol.Tests.Rules;

/// <summary>Proposal states and task phases from events and the clock, as the governor and the task contracts decide them.</summary>
public sealed class LifecycleTests
{
    private static ProposalProgress Proposal(BigInteger forVotes, BigInteger against, BigInteger abstain, BigInteger? quorum, bool queued = false, bool executed = false, bool canceled = false) =>
        new(100, 200, forVotes, against, abstain, quorum, queued, executed, canceled);

    [TestCase(100ul, ProposalState.Pending)]
    [TestCase(101ul, ProposalState.Active)]
    [TestCase(200ul, ProposalState.Active)]
    [TestCase(201ul, ProposalState.Succeeded)]
    public void A_proposal_moves_with_the_clock_at_the_governors_boundaries(ulong now, ProposalState expected)
    {
        Assert.That(ProposalLifecycle.StateOf(Proposal(10, 5, 0, 10), now), Is.EqualTo(expected));
    }

    [Test]
    public void Quorum_counts_for_and_abstain_and_success_needs_more_for_than_against()
    {
        Assert.That(ProposalLifecycle.StateOf(Proposal(4, 0, 6, 10), 300), Is.EqualTo(ProposalState.Succeeded), "abstain counts to quorum");
        Assert.That(ProposalLifecycle.StateOf(Proposal(4, 0, 5, 10), 300), Is.EqualTo(ProposalState.Defeated), "one short of quorum");
        Assert.That(ProposalLifecycle.StateOf(Proposal(10, 10, 0, 10), 300), Is.EqualTo(ProposalState.Defeated), "a tie is defeated");
        Assert.That(ProposalLifecycle.StateOf(Proposal(10, 0, 0, null), 300), Is.EqualTo(ProposalState.Defeated), "an unknown quorum is not reached");
    }

    [Test]
    public void Lifecycle_events_take_precedence_over_the_clock()
    {
        Assert.That(ProposalLifecycle.StateOf(Proposal(10, 0, 0, 10, queued: true), 300), Is.EqualTo(ProposalState.Queued));
        Assert.That(ProposalLifecycle.StateOf(Proposal(10, 0, 0, 10, queued: true, executed: true), 300), Is.EqualTo(ProposalState.Executed));
        Assert.That(ProposalLifecycle.StateOf(Proposal(0, 0, 0, null, canceled: true), 50), Is.EqualTo(ProposalState.Canceled));
    }

    private static readonly TrainingTasks.TaskConfig Config = new(
        Address.Zero, 1, 1, new byte[32], 4, 2, 3, 2, 4, 3, 1000, 10_000, CommitDeadline: 100, RevealDeadline: 200, TestSetRevealDeadline: 300, MinScore: 1);

    [TestCase(99ul, false, TaskPhase.Commit, 100ul)]
    [TestCase(100ul, false, TaskPhase.Reveal, 200ul)]
    [TestCase(200ul, false, TaskPhase.TestSetReveal, 300ul)]
    [TestCase(250ul, true, TaskPhase.Evaluation, null)]
    [TestCase(300ul, false, TaskPhase.Expired, null)]
    public void A_task_without_a_result_moves_through_its_windows(ulong now, bool testSetRevealed, TaskPhase expected, ulong? ends)
    {
        var progress = new TaskProgress(false, testSetRevealed, null);
        Assert.That(TaskLifecycle.PhaseOf(Config, progress, now), Is.EqualTo(expected));
        Assert.That(TaskLifecycle.PhaseEnds(Config, progress, now), Is.EqualTo(ends));
    }

    [Test]
    public void A_posted_result_opens_its_challenge_window_and_settlement_ends_everything()
    {
        Assert.That(TaskLifecycle.PhaseOf(Config, new TaskProgress(false, true, 500), 499), Is.EqualTo(TaskPhase.ChallengeWindow));
        Assert.That(TaskLifecycle.PhaseEnds(Config, new TaskProgress(false, true, 500), 499), Is.EqualTo(500));
        Assert.That(TaskLifecycle.PhaseOf(Config, new TaskProgress(false, true, 500), 500), Is.EqualTo(TaskPhase.AwaitingFinalization));
        Assert.That(TaskLifecycle.PhaseOf(Config, new TaskProgress(true, true, null), 50), Is.EqualTo(TaskPhase.Settled));
        Assert.That(TaskLifecycle.Name(TaskPhase.TestSetReveal), Is.EqualTo("test-set-reveal"));
        Assert.That(TaskLifecycle.Words(TaskPhase.ChallengeWindow), Is.EqualTo("Challenge window"));
    }
}
