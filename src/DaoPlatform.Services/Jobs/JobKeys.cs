namespace DaoPlatform.Services.Jobs;

/// <summary>The identity of a job: what it acts on. The same key never runs twice at once (a storage lock) and is planned once while in flight.</summary>
public static class JobKeys
{
    /// <summary>Posting a result for a task.</summary>
    public static string Evaluate(ulong taskId) => $"evaluate:{taskId}";

    /// <summary>Auditing one posted result of a task.</summary>
    public static string Audit(ulong taskId, string resultHash) => $"audit:{taskId}:{resultHash}";

    /// <summary>The evaluator's answer to the game opened at <paramref name="openedAt"/> on a result of a task.</summary>
    public static string AnswerGame(ulong taskId, string resultHash, ulong openedAt) => $"answer-game:{taskId}:{resultHash}:{openedAt}";

    /// <summary>The auditor's move in the game it opened at <paramref name="openedAt"/> on a result of a task.</summary>
    public static string PlayGame(ulong taskId, string resultHash, ulong openedAt) => $"play-game:{taskId}:{resultHash}:{openedAt}";

    /// <summary>Sampling the availability of a task's committed large models (docs/training-tasks.md §8.5).</summary>
    public static string AuditAvailability(ulong taskId) => $"audit-availability:{taskId}";

    /// <summary>Resolving the challenges of chunks of the node's own committed models in a task.</summary>
    public static string ResolveChunks(ulong taskId) => $"resolve-chunks:{taskId}";

    /// <summary>Slashing the unresolved challenges of a task's committed models after their deadlines.</summary>
    public static string SlashUnavailable(ulong taskId) => $"slash-unavailable:{taskId}";

    /// <summary>Finalizing or settling a task.</summary>
    public static string Finalize(ulong taskId) => $"finalize:{taskId}";

    /// <summary>Revealing a task's test set.</summary>
    public static string RevealTestSet(ulong taskId) => $"reveal-test-set:{taskId}";

    /// <summary>Withdrawing what the contracts owe the node's accounts.</summary>
    public static string Claim() => "claim";
}
