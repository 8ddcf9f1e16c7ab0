using DaoPlatform.Contracts.Training;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Protocol;
using DaoPlatform.Protocol.Reads;
using DaoPlatform.Protocol.Rules;

namespace DaoPlatform.Protocol.Tests.Rules;

public sealed class DecisionsTests
{
    private static readonly Address Someone = Address.Parse("0x00000000000000000000000000000000000000aa");

    private static readonly Address Challenger = Address.Parse("0x00000000000000000000000000000000000000bb");

    private static readonly OptimisticVerifier.GamesOutput NoGame = new(Address.Zero, 0, 0, 0, 0, 0, 0, new byte[32]);

    // 16 samples in chunks of 4; commit until 100, model reveals until 200, test-set reveals until 300, results until 1000.
    private static TaskSnapshot Task(
        ulong now, ushort revealed = 2, uint chunks = 4, bool settled = false, ulong? claimDeadline = null, OptimisticVerifier.GamesOutput? game = null) => new(
        1,
        new TrainingTasks.TaskConfig(Address.Zero, 1, 0, new byte[32], 16, 8, 3, 4, 4, 3, 1000, 10_000, 100, 200, 300, 6),
        new TrainingTasks.TaskState(Someone, 2, revealed, chunks, settled, new byte[32]),
        1000,
        new OptimisticVerifier.ClaimsOutput(claimDeadline is null ? Address.Zero : Someone, claimDeadline ?? 0, 0, 5000, 0, Address.Zero, 0, 0, new byte[32]),
        game ?? NoGame,
        10, now, CreatedBlock: 1);

    // A game opened at 3000 on the result of Someone (window until 4000), the evaluator's turn until 3500 or, answered, the challenger's until 3700.
    private static TaskSnapshot InGame(ulong now, bool answered) => Task(now, claimDeadline: 4000, game: new OptimisticVerifier.GamesOutput(
        Challenger, 3000, answered ? 3700UL : 3500UL, 7, 1, 2, 10, answered ? [.. Enumerable.Repeat((byte)0, 31), (byte)1] : new byte[32]));

    [Test]
    public void The_evaluator_posts_only_for_an_open_revealed_task_without_a_pending_result()
    {
        Assert.That(Decisions.EvaluatorWhyNot(Task(250)), Is.Null);
        Assert.That(Decisions.EvaluatorWhyNot(Task(250, chunks: 3)), Does.Contain("not revealed"));
        Assert.That(Decisions.EvaluatorWhyNot(Task(250, claimDeadline: 4000)), Does.Contain("pending"));
        Assert.That(Decisions.EvaluatorWhyNot(Task(250, revealed: 0)), Does.Contain("no model"));
        Assert.That(Decisions.EvaluatorWhyNot(Task(250, settled: true)), Does.Contain("settled"));
        Assert.That(Decisions.EvaluatorWhyNot(Task(1000)), Does.Contain("evaluation period closed"));
    }

    [Test]
    public void The_auditor_checks_only_inside_the_window()
    {
        Assert.That(Decisions.AuditorWhyNot(Task(3999, claimDeadline: 4000)), Is.Null);
        Assert.That(Decisions.AuditorWhyNot(Task(4000, claimDeadline: 4000)), Does.Contain("closed"));
        Assert.That(Decisions.AuditorWhyNot(Task(250)), Does.Contain("no result"));
    }

    [Test]
    public void The_finalizer_finalizes_after_the_window_and_settles_what_needs_no_evaluation()
    {
        Assert.That(Decisions.Finalizer(Task(3999, claimDeadline: 4000)), Is.EqualTo(FinalizerAction.None));
        Assert.That(Decisions.Finalizer(Task(4000, claimDeadline: 4000)), Is.EqualTo(FinalizerAction.Finalize));
        Assert.That(Decisions.Finalizer(Task(199, revealed: 0, chunks: 0)), Is.EqualTo(FinalizerAction.None));
        Assert.That(Decisions.Finalizer(Task(200, revealed: 0, chunks: 0)), Is.EqualTo(FinalizerAction.SettleWithoutEvaluation));
        Assert.That(Decisions.Finalizer(Task(299, chunks: 2)), Is.EqualTo(FinalizerAction.None));
        Assert.That(Decisions.Finalizer(Task(300, chunks: 2)), Is.EqualTo(FinalizerAction.SettleWithoutEvaluation));
        Assert.That(Decisions.Finalizer(Task(300)), Is.EqualTo(FinalizerAction.None), "revealed: waits for an evaluator");
        Assert.That(Decisions.Finalizer(Task(1000)), Is.EqualTo(FinalizerAction.SettleWithoutEvaluation), "nobody evaluated in time");
        Assert.That(Decisions.Finalizer(Task(5000, claimDeadline: 6000)), Is.EqualTo(FinalizerAction.None), "a pending result is finalized, not settled");
        Assert.That(Decisions.Finalizer(Task(300, settled: true, chunks: 2)), Is.EqualTo(FinalizerAction.None));
    }

    [Test]
    public void Results_and_settlements_wait_for_the_availability_game_of_committed_models()
    {
        // A committed model: the challenge deadline is 200 + 1 day, results wait until 1 day more (docs/training-tasks.md §8.5).
        static TaskSnapshot Committed(TaskSnapshot task, bool pending = true) => task with { AvailabilityPending = pending, AvailabilityEnds = 200 + 2 * 86_400 };

        Assert.That(Decisions.EvaluatorWhyNot(Committed(Task(250))), Does.Contain("availability game").And.Contain($"until {200 + 2 * 86_400}"));
        Assert.That(Decisions.EvaluatorWhyNot(Committed(Task(250), pending: false)), Is.Null, "the game is over: post");
        Assert.That(Decisions.AvailabilityWait(Committed(Task(200 + 2 * 86_400))), Does.Contain("challenge is still open"), "past the time, an open challenge keeps it waiting");
        Assert.That(Decisions.EvaluatorWhyNot(Committed(Task(250, chunks: 3))), Does.Contain("not revealed"), "the test set's reason comes first");

        // Nobody evaluated in time: settling waits too while a model is revealed...
        Assert.That(Decisions.Finalizer(Committed(Task(1000))), Is.EqualTo(FinalizerAction.None));
        Assert.That(Decisions.FinalizerWaitsForAvailability(Committed(Task(1000))), Is.True);
        Assert.That(Decisions.Finalizer(Committed(Task(1000), pending: false)), Is.EqualTo(FinalizerAction.SettleWithoutEvaluation));
        Assert.That(Decisions.FinalizerWaitsForAvailability(Committed(Task(1000), pending: false)), Is.False);
        // ...but not when no model is revealed (the contract checks the wait only with one), nor when nothing is to settle.
        Assert.That(Decisions.Finalizer(Committed(Task(200, revealed: 0, chunks: 0))), Is.EqualTo(FinalizerAction.SettleWithoutEvaluation));
        Assert.That(Decisions.FinalizerWaitsForAvailability(Committed(Task(300))), Is.False, "revealed and in time: the evaluator's turn, not a settlement");
        Assert.That(Decisions.Finalizer(Committed(Task(4000, claimDeadline: 4000))), Is.EqualTo(FinalizerAction.Finalize), "a posted result finalizes as before");
    }

    [Test]
    public void The_submitter_reveals_only_inside_its_window()
    {
        Assert.That(Decisions.SubmitterWhyNot(Task(199, chunks: 0)), Does.Contain("opens"));
        Assert.That(Decisions.SubmitterWhyNot(Task(200, chunks: 0)), Is.Null);
        Assert.That(Decisions.SubmitterWhyNot(Task(299, chunks: 3)), Is.Null);
        Assert.That(Decisions.SubmitterWhyNot(Task(300, chunks: 3)), Does.Contain("closed"));
        Assert.That(Decisions.SubmitterWhyNot(Task(250)), Does.Contain("revealed"));
        Assert.That(Decisions.SubmitterWhyNot(Task(250, revealed: 0, chunks: 0)), Is.EqualTo("no model was revealed"), "revealing would only burn the hidden test set");
    }

    [Test]
    public void The_evaluator_answers_a_game_on_its_own_result_in_its_turn()
    {
        Assert.That(Decisions.GameAnswerWhyNot(InGame(3499, answered: false), Someone), Is.Null);
        Assert.That(Decisions.GameAnswerWhyNot(InGame(3499, answered: false), Challenger), Does.Contain("'s"));
        Assert.That(Decisions.GameAnswerWhyNot(InGame(3500, answered: false), Someone), Does.Contain("ended at 3500"));
        Assert.That(Decisions.GameAnswerWhyNot(InGame(3600, answered: true), Someone), Does.Contain("answered"));
        Assert.That(Decisions.GameAnswerWhyNot(Task(3000, claimDeadline: 4000), Someone), Does.Contain("no game"));
    }

    [Test]
    public void The_challenger_proves_after_the_answer_and_times_out_a_silent_evaluator()
    {
        Assert.That(Decisions.AuditorGame(InGame(3499, answered: false), Challenger), Is.EqualTo(GameMove.None), "the evaluator's turn");
        Assert.That(Decisions.AuditorGame(InGame(3500, answered: false), Challenger), Is.EqualTo(GameMove.Timeout));
        Assert.That(Decisions.AuditorGame(InGame(3699, answered: true), Challenger), Is.EqualTo(GameMove.ProveNeuron));
        Assert.That(Decisions.AuditorGame(InGame(3700, answered: true), Challenger), Is.EqualTo(GameMove.None), "its own turn passed");
        Assert.That(Decisions.AuditorGame(InGame(3699, answered: true), Someone), Is.EqualTo(GameMove.None), "not its game");
        Assert.That(Decisions.AuditorWhyNot(InGame(3100, answered: false)), Does.Contain("game"), "no second dispute while a game runs");
    }

    [Test]
    public void The_finalizer_ends_a_game_whose_turn_passed_and_never_finalizes_during_one()
    {
        Assert.That(Decisions.Finalizer(InGame(3499, answered: false)), Is.EqualTo(FinalizerAction.None));
        Assert.That(Decisions.Finalizer(InGame(3500, answered: false)), Is.EqualTo(FinalizerAction.TimeoutGame));
        Assert.That(Decisions.Finalizer(InGame(3700, answered: true)), Is.EqualTo(FinalizerAction.TimeoutGame));
        Assert.That(Decisions.Finalizer(InGame(4000, answered: false)), Is.EqualTo(FinalizerAction.TimeoutGame), "finalize reverts GameOpen");
    }
}
