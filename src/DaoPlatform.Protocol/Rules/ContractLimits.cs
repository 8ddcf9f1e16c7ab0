namespace DaoPlatform.Protocol.Rules;

/// <summary>
/// The platform contracts' limits, named once in C# (each constant is the Solidity constant of the same name;
/// contracts/training/TrainingTasks.sol, contracts/verifier/OptimisticVerifier.sol, contracts/training/ModelPublication.sol).
/// Times are seconds, amounts wei.
/// </summary>
public static class ContractLimits
{
    /// <summary><c>TrainingTasks.MAX_TEST_SET_SIZE</c>: samples in a test set.</summary>
    public const uint MaxTestSetSize = 10_000;

    /// <summary><c>TrainingTasks.MAX_TRAINERS</c>: commits per task.</summary>
    public const uint MaxTrainers = 64;

    /// <summary><c>TrainingTasks.MAX_POSTED_PREDICTIONS</c>: prediction bytes one result carries (models × samples).</summary>
    public const uint MaxPostedPredictions = 120_000;

    /// <summary><c>TrainingTasks.MAX_MACS</c>: multiply-accumulates of a small model per sample.</summary>
    public const uint MaxMacs = 100_000;

    /// <summary><c>TrainingTasks.MAX_NEURONS</c>: neurons of a small model.</summary>
    public const uint MaxNeurons = 1024;

    /// <summary><c>TrainingTasks.MAX_TEST_SET_CHUNKS</c>: chunks a test set is revealed in.</summary>
    public const uint MaxTestSetChunks = 1024;

    /// <summary>
    /// <c>TrainingTasks.MAX_MODEL_BYTES</c>: the largest model a small-model task allows; a task allowing more opted
    /// in to large models, whose predictions are disputed by the game (docs/training-tasks.md §8).
    /// </summary>
    public const uint MaxModelBytes = 100_000;

    /// <summary><c>TrainingTasks.MAX_LARGE_MACS</c>: multiply-accumulates of a large model per sample.</summary>
    public const ulong MaxLargeMacs = 8UL * 4096 * 4096;

    /// <summary><c>TrainingTasks.MAX_LARGE_MODEL_BYTES</c>.</summary>
    public const ulong MaxLargeModelBytes = 31 + 8UL * (4096 * 4096 + 4 * 4096);

    /// <summary><c>TrainingTasks.MAX_CHUNK_BYTES</c>: bytes of one test-set chunk.</summary>
    public const uint MaxChunkBytes = 100_000;

    /// <summary><c>ModelPublication.MAX_MODEL_CHUNK_BYTES</c>: bytes of one published large-model chunk.</summary>
    public const uint MaxModelChunkBytes = 100_000;

    /// <summary><c>TrainingTasks.MAX_INPUT_SIZE</c>: inputs per sample.</summary>
    public const uint MaxInputSize = 4096;

    /// <summary><c>TrainingTasks.MAX_CLASSES</c>: classes, so a prediction or label is one byte.</summary>
    public const uint MaxClasses = 256;

    /// <summary><c>TrainingTasks.MAX_LAYERS</c>.</summary>
    public const uint MaxLayers = 8;

    /// <summary><c>TrainingTasks.MIN_WINDOW</c>: the shortest commit, reveal or test-set window (1 day).</summary>
    public const ulong MinWindowSeconds = 86_400;

    /// <summary><c>OptimisticVerifier.MIN_CHALLENGE_WINDOW</c> (1 day).</summary>
    public const ulong MinChallengeWindowSeconds = 86_400;

    /// <summary><c>OptimisticVerifier.MAX_CHALLENGE_WINDOW</c> (30 days).</summary>
    public const ulong MaxChallengeWindowSeconds = 30 * 86_400;

    /// <summary><c>OptimisticVerifier.RESPONSE_WINDOW</c>: a prediction game's turn (1 day).</summary>
    public const ulong ResponseWindowSeconds = 86_400;

    /// <summary><c>ModelAvailability.RESOLVE_WINDOW</c>: a challenged chunk is resolved within this many seconds, or the committer is slashed.</summary>
    public const ulong ResolveWindowSeconds = 86_400;

    /// <summary>
    /// <c>OptimisticVerifier.FORCE_TIME</c>: what forcing a committed model's chunk adds to the challenger's turn, the
    /// availability game's resolve window (1 day).
    /// </summary>
    public const ulong ForceTimeSeconds = ResolveWindowSeconds;

    /// <summary>
    /// <c>OptimisticVerifier.GAME_MOVES_TIME</c>: the end of a large-model result's window in which no game opens, two
    /// turns and a forced chunk's resolution (3 days).
    /// </summary>
    public const ulong GameMovesTimeSeconds = 2 * ResponseWindowSeconds + ForceTimeSeconds;

    /// <summary><c>OptimisticVerifier.MAX_CHALLENGER_SHARE_BPS</c>.</summary>
    public const uint MaxChallengerShareBps = 5_000;
}
