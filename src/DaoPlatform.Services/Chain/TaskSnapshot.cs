using DaoPlatform.Contracts.Training;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Services.TestSets;

namespace DaoPlatform.Services.Chain;

/// <summary>
/// Everything the roles decide from about one task, read at one block: its terms, its state, the end of its
/// evaluation period (results post strictly before it), the pending claim (an all-zero claim when none) and the
/// block's number and timestamp (seconds).
/// </summary>
public sealed record TaskSnapshot(
    ulong TaskId,
    TrainingTasks.TaskConfig Config,
    TrainingTasks.TaskState State,
    ulong EvaluationDeadline,
    OptimisticVerifier.ClaimsOutput Claim,
    ulong BlockNumber,
    ulong Timestamp)
{
    /// <summary>The number of chunks the test set is revealed in.</summary>
    public int ChunkCount => TestSetTree.ChunkCount(Config.TestSetSize, Config.ChunkSize);

    /// <summary>Whether every test-set chunk is on chain.</summary>
    public bool TestSetRevealed => State.RevealedChunks == ChunkCount;

    /// <summary>Whether a posted result awaits its window's end.</summary>
    public bool HasPendingResult => Claim.Evaluator != Address.Zero;

    /// <summary>The pending claim's result hash as hex, or "none".</summary>
    public string ResultHashHex => HasPendingResult ? Ethereum.Hex.HexConvert.Encode(Claim.ResultHash) : "none";
}
