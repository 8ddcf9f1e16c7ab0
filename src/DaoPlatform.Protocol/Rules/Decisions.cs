using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Protocol;
using DaoPlatform.Protocol.Reads;

namespace DaoPlatform.Protocol.Rules;

/// <summary>What the finalizer can do for a task.</summary>
public enum FinalizerAction
{
    /// <summary>Nothing yet (or ever).</summary>
    None,

    /// <summary><c>OptimisticVerifier.finalize</c>: the pending result's window has closed.</summary>
    Finalize,

    /// <summary><c>OptimisticVerifier.timeoutGame</c>: the open game's turn has ended (finalize waits for the game).</summary>
    TimeoutGame,

    /// <summary><c>TrainingTasks.settleWithoutEvaluation</c>: no model was revealed, the test set was withheld, or nobody evaluated in time.</summary>
    SettleWithoutEvaluation,
}

/// <summary>The auditor's next move in a prediction game it opened (docs/training-tasks.md §8.2).</summary>
public enum GameMove
{
    /// <summary>Nothing to do: no game of ours, or the evaluator's turn still runs.</summary>
    None,

    /// <summary><c>proveNeuron</c>: the trace is answered and our turn runs (sent only when a neuron of it is wrong).</summary>
    ProveNeuron,

    /// <summary><c>timeoutGame</c>: the evaluator let its turn pass without answering.</summary>
    Timeout,
}

/// <summary>
/// Each role's decision as a pure function of one <see cref="TaskSnapshot"/>: the follower uses them to plan jobs, and
/// each job calls them again on a fresh snapshot before acting. A reason string means "do nothing, because".
/// </summary>
public static class Decisions
{
    /// <summary>Why the evaluator should not post for this task now, or null when it should.</summary>
    public static string? EvaluatorWhyNot(TaskSnapshot task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.State.Settled ? "the task is settled"
            : task.HasPendingResult ? $"result {task.ResultHashHex} is pending"
            : task.State.RevealedCount == 0 ? "no model was revealed"
            : !task.TestSetRevealed ? $"the test set is not revealed ({task.State.RevealedChunks} of {task.ChunkCount} chunks)"
            : task.Timestamp >= task.EvaluationDeadline ? $"the evaluation period closed at {task.EvaluationDeadline}"
            : task.AvailabilityPending ? AvailabilityWait(task)
            : null;
    }

    /// <summary>
    /// Why a result or a settlement of <paramref name="task"/> waits for the availability game of its committed models
    /// (docs/training-tasks.md §8.5; the contracts revert <c>AvailabilityPending</c>): the time, or the open challenges.
    /// Only meaningful while <see cref="TaskSnapshot.AvailabilityPending"/>.
    /// </summary>
    public static string AvailabilityWait(TaskSnapshot task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Timestamp < task.AvailabilityEnds
            ? $"results wait for the availability game of the committed models until {task.AvailabilityEnds} (challenge deadline + resolve window)"
            : "results wait for the availability game of the committed models: a chunk challenge is still open";
    }

    /// <summary>Why the auditor has nothing to check for this task now, or null when a result is pending inside its window.</summary>
    public static string? AuditorWhyNot(TaskSnapshot task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return !task.HasPendingResult ? "no result is pending"
            : task.HasOpenGame ? $"a game on result {task.ResultHashHex} is open"
            : task.Timestamp >= task.Claim.Deadline ? $"the challenge window of result {task.ResultHashHex} closed at {task.Claim.Deadline}"
            : null;
    }

    /// <summary>
    /// Why the evaluator <paramref name="self"/> should not answer the open game with a trace now, or null when it
    /// should: the game is on its own pending result, unanswered, and its turn still runs.
    /// </summary>
    public static string? GameAnswerWhyNot(TaskSnapshot task, Address self)
    {
        ArgumentNullException.ThrowIfNull(task);
        return !task.HasOpenGame ? "no game is open"
            : task.Claim.Evaluator != self ? $"the disputed result is {task.Claim.Evaluator}'s"
            : task.GameAnswered ? "the game is answered"
            : task.GameTurnOver ? $"the turn to answer ended at {task.Game.TurnEnds}"
            : null;
    }

    /// <summary>The next move of the auditor <paramref name="self"/> in the open game, if it is the challenger.</summary>
    public static GameMove AuditorGame(TaskSnapshot task, Address self)
    {
        ArgumentNullException.ThrowIfNull(task);
        return !task.HasOpenGame || task.Game.Challenger != self ? GameMove.None
            : task.GameAnswered ? (task.GameTurnOver ? GameMove.None : GameMove.ProveNeuron)
            : task.GameTurnOver ? GameMove.Timeout
            : GameMove.None;
    }

    /// <summary>
    /// What the finalizer should send for this task now. A task that could settle without evaluation but waits for the
    /// availability game (<see cref="FinalizerWaitsForAvailability"/>) gets <see cref="FinalizerAction.None"/>.
    /// </summary>
    public static FinalizerAction Finalizer(TaskSnapshot task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.HasOpenGame)
        {
            return task.GameTurnOver ? FinalizerAction.TimeoutGame : FinalizerAction.None;
        }
        if (task.HasPendingResult)
        {
            return task.Timestamp >= task.Claim.Deadline ? FinalizerAction.Finalize : FinalizerAction.None;
        }
        if (task.State.Settled)
        {
            return FinalizerAction.None;
        }
        bool noModels = task.State.RevealedCount == 0 && task.Timestamp >= task.Config.RevealDeadline;
        bool withheld = task.Timestamp >= task.Config.TestSetRevealDeadline && !task.TestSetRevealed;
        bool unevaluated = task.Timestamp >= task.EvaluationDeadline;
        // With a model revealed, settling waits for the availability game as a result does (the contract reverts AvailabilityPending).
        bool waits = task.State.RevealedCount != 0 && task.AvailabilityPending;
        return (noModels || withheld || unevaluated) && !waits ? FinalizerAction.SettleWithoutEvaluation : FinalizerAction.None;
    }

    /// <summary>
    /// Whether the finalizer would settle <paramref name="task"/> without evaluation but for the availability game of its
    /// committed models (<c>settleWithoutEvaluation</c> reverts <c>AvailabilityPending</c> while a model is revealed).
    /// </summary>
    public static bool FinalizerWaitsForAvailability(TaskSnapshot task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return Finalizer(task) == FinalizerAction.None && Finalizer(task with { AvailabilityPending = false }) == FinalizerAction.SettleWithoutEvaluation;
    }

    /// <summary>Why the submitter agent should not reveal a chunk now, or null when it should (given it holds the test set).</summary>
    public static string? SubmitterWhyNot(TaskSnapshot task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.State.Settled ? "the task is settled"
            : task.TestSetRevealed ? "the test set is revealed"
            : task.Timestamp < task.Config.RevealDeadline ? $"the reveal window opens at {task.Config.RevealDeadline}"
            : task.Timestamp >= task.Config.TestSetRevealDeadline ? $"the reveal window closed at {task.Config.TestSetRevealDeadline}"
            // Revealing a hidden test set no model competes on only burns it (the task settles without evaluation).
            : task.State.RevealedCount == 0 ? "no model was revealed"
            : null;
    }
}
