namespace DaoPlatform.Services.Jobs;

/// <summary>The identity of a job: what it acts on. The same key never runs twice at once (a storage lock) and is planned once while in flight.</summary>
public static class JobKeys
{
    /// <summary>Posting a result for a task.</summary>
    public static string Evaluate(ulong taskId) => $"evaluate:{taskId}";

    /// <summary>Auditing one posted result of a task.</summary>
    public static string Audit(ulong taskId, string resultHash) => $"audit:{taskId}:{resultHash}";

    /// <summary>Finalizing or settling a task.</summary>
    public static string Finalize(ulong taskId) => $"finalize:{taskId}";

    /// <summary>Revealing a task's test set.</summary>
    public static string RevealTestSet(ulong taskId) => $"reveal-test-set:{taskId}";
}
