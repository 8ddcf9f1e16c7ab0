using DaoPlatform.Contracts.Training;

namespace DaoPlatform.Protocol.Rules;

/// <summary>A training task's phase (docs/training-tasks.md), in the order a task goes through them.</summary>
public enum TaskPhase
{
    /// <summary>Trainers commit model hashes with their stake (now &lt; commit deadline).</summary>
    Commit,

    /// <summary>Trainers reveal their committed models (now &lt; reveal deadline).</summary>
    Reveal,

    /// <summary>The submitter reveals the hidden test set chunk by chunk (now &lt; test-set reveal deadline).</summary>
    TestSetReveal,

    /// <summary>The test set is revealed: an evaluator may post a bonded result.</summary>
    Evaluation,

    /// <summary>A result is posted and open to challenge until its deadline.</summary>
    ChallengeWindow,

    /// <summary>A posted result's challenge window has passed: anyone may finalize it.</summary>
    AwaitingFinalization,

    /// <summary>The test set was not revealed in time: the task can be settled without evaluation.</summary>
    Expired,

    /// <summary>Settled: paid out by a finalized result or returned without evaluation.</summary>
    Settled,
}

/// <summary>What a task's phase depends on besides its terms: settled, whole test set revealed, and the pending result's challenge deadline (seconds since the epoch; null when none is pending).</summary>
public sealed record TaskProgress(bool Settled, bool TestSetRevealed, ulong? ResultDeadline);

/// <summary>
/// A training task's phase and the end of its current window from its terms, progress and the chain's time, for
/// the index, the hub and the CLI (docs/training-tasks.md §2–§3: commit, reveal, test-set reveal, evaluation, the
/// result's challenge window, finalization).
/// </summary>
public static class TaskLifecycle
{
    /// <summary>The phase of a task with terms <paramref name="config"/> and <paramref name="progress"/> at <paramref name="now"/>.</summary>
    public static TaskPhase PhaseOf(TrainingTasks.TaskConfig config, TaskProgress progress, ulong now)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(progress);
        return progress.Settled ? TaskPhase.Settled
            : progress.ResultDeadline is { } deadline ? (now < deadline ? TaskPhase.ChallengeWindow : TaskPhase.AwaitingFinalization)
            : now < config.CommitDeadline ? TaskPhase.Commit
            : now < config.RevealDeadline ? TaskPhase.Reveal
            : progress.TestSetRevealed ? TaskPhase.Evaluation
            : now < config.TestSetRevealDeadline ? TaskPhase.TestSetReveal
            : TaskPhase.Expired;
    }

    /// <summary>When the current phase's window ends (seconds since the epoch), or null when no window is running.</summary>
    public static ulong? PhaseEnds(TrainingTasks.TaskConfig config, TaskProgress progress, ulong now) =>
        PhaseOf(config, progress, now) switch
        {
            TaskPhase.Commit => config.CommitDeadline,
            TaskPhase.Reveal => config.RevealDeadline,
            TaskPhase.TestSetReveal => config.TestSetRevealDeadline,
            TaskPhase.ChallengeWindow => progress.ResultDeadline,
            _ => null,
        };

    /// <summary>The phase in words for a page: "Commit", "Test-set reveal", "Challenge window", …</summary>
    public static string Words(TaskPhase phase) => phase switch
    {
        TaskPhase.TestSetReveal => "Test-set reveal",
        TaskPhase.ChallengeWindow => "Challenge window",
        TaskPhase.AwaitingFinalization => "Result awaiting finalization",
        _ => phase.ToString(),
    };

    /// <summary>The phase as the command line names it: "commit", "test-set-reveal", "challenge-window", …</summary>
    public static string Name(TaskPhase phase) => phase switch
    {
        TaskPhase.TestSetReveal => "test-set-reveal",
        TaskPhase.ChallengeWindow => "challenge-window",
        TaskPhase.AwaitingFinalization => "awaiting-finalization",
        _ => phase.ToString().ToLowerInvariant(),
    };
}
