using DaoPlatform.Services.Chain;

namespace DaoPlatform.Services.Roles;

/// <summary>What the finalizer can do for a task.</summary>
public enum FinalizerAction
{
    /// <summary>Nothing yet (or ever).</summary>
    None,

    /// <summary><c>OptimisticVerifier.finalize</c>: the pending result's window has closed.</summary>
    Finalize,

    /// <summary><c>TrainingTasks.settleWithoutEvaluation</c>: no model was revealed, the test set was withheld, or nobody evaluated in time.</summary>
    SettleWithoutEvaluation,
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
            : null;
    }

    /// <summary>Why the auditor has nothing to check for this task now, or null when a result is pending inside its window.</summary>
    public static string? AuditorWhyNot(TaskSnapshot task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return !task.HasPendingResult ? "no result is pending"
            : task.Timestamp >= task.Claim.Deadline ? $"the challenge window of result {task.ResultHashHex} closed at {task.Claim.Deadline}"
            : null;
    }

    /// <summary>What the finalizer should send for this task now.</summary>
    public static FinalizerAction Finalizer(TaskSnapshot task)
    {
        ArgumentNullException.ThrowIfNull(task);
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
        return noModels || withheld || unevaluated ? FinalizerAction.SettleWithoutEvaluation : FinalizerAction.None;
    }

    /// <summary>Why the submitter agent should not reveal a chunk now, or null when it should (given it holds the test set).</summary>
    public static string? SubmitterWhyNot(TaskSnapshot task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.State.Settled ? "the task is settled"
            : task.TestSetRevealed ? "the test set is revealed"
            : task.Timestamp < task.Config.RevealDeadline ? $"the reveal window opens at {task.Config.RevealDeadline}"
            : task.Timestamp >= task.Config.TestSetRevealDeadline ? $"the reveal window closed at {task.Config.TestSetRevealDeadline}"
            : null;
    }
}
