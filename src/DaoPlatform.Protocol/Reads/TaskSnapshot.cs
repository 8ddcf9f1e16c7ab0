using DaoPlatform.Contracts.Training;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Protocol.Rules;
using DaoPlatform.Protocol.TestSets;

namespace DaoPlatform.Protocol.Reads;

/// <summary>
/// Everything the roles decide from about one task, read at one block: its terms, its state, the end of its
/// evaluation period (results post strictly before it), the pending claim (an all-zero claim when none), the open
/// prediction game of a large-model task (an all-zero game when none, docs/training-tasks.md §8.2), the block's
/// number and timestamp (seconds), and the block the task was created in (where every log query about it starts).
/// </summary>
public sealed record TaskSnapshot(
    ulong TaskId,
    TrainingTasks.TaskConfig Config,
    TrainingTasks.TaskState State,
    ulong EvaluationDeadline,
    OptimisticVerifier.ClaimsOutput Claim,
    OptimisticVerifier.GamesOutput Game,
    ulong BlockNumber,
    ulong Timestamp,
    ulong CreatedBlock)
{
    /// <summary>The number of chunks the test set is revealed in.</summary>
    public int ChunkCount => TestSetTree.ChunkCount(Config.TestSetSize, Config.ChunkSize);

    /// <summary>Whether every test-set chunk is on chain.</summary>
    public bool TestSetRevealed => State.RevealedChunks == ChunkCount;

    /// <summary>Whether a posted result awaits its window's end.</summary>
    public bool HasPendingResult => Claim.Evaluator != Address.Zero;

    /// <summary>Whether the task opted in to large models (<c>TrainingTasks.isLargeModelTask</c>).</summary>
    public bool IsLargeModelTask => Config.MaxModelBytes > ContractLimits.MaxModelBytes;

    /// <summary>The all-zero game: none open (a new instance each time, so nobody can alter a shared one).</summary>
    public static OptimisticVerifier.GamesOutput NoGame => new(Address.Zero, 0, 0, 0, 0, 0, 0, new byte[32]);

    /// <summary>
    /// Whether results and payouts still wait for the availability game of the task's committed (unpublished) models
    /// (<c>TrainingTasks.availabilityPending</c>, docs/training-tasks.md §8.5): a committed model, and the time before
    /// <see cref="AvailabilityEnds"/> or a challenge still open. <c>postResult</c> and <c>settleWithoutEvaluation</c>
    /// (with a model revealed) revert <c>AvailabilityPending</c> meanwhile.
    /// </summary>
    public bool AvailabilityPending { get; init; }

    /// <summary>
    /// <c>availabilityChallengeDeadline + RESOLVE_WINDOW</c> (UNIX seconds): when a task with a committed model stops
    /// waiting unless a challenge is still open.
    /// </summary>
    public ulong AvailabilityEnds { get; init; }

    /// <summary>Every open game on the pending result, one per challenger, in the order they were opened.</summary>
    public IReadOnlyList<OptimisticVerifier.GamesOutput> OpenGames { get; init; } = [];

    /// <summary>This snapshot with <see cref="Game"/> set to <paramref name="challenger"/>'s open game (all-zero when none).</summary>
    public TaskSnapshot ForChallenger(Address challenger) =>
        this with { Game = OpenGames.FirstOrDefault(g => g.Challenger == challenger) ?? NoGame };

    /// <summary>Whether a prediction game is open on the pending result.</summary>
    public bool HasOpenGame => Game.Challenger != Address.Zero;

    /// <summary>Whether the open game's evaluator answered with a trace (the challenger's turn).</summary>
    public bool GameAnswered => HasOpenGame && Game.TraceHash.AsSpan().IndexOfAnyExcept((byte)0) >= 0;

    /// <summary>Whether the open game's turn has ended at this block (<c>timeoutGame</c> succeeds).</summary>
    public bool GameTurnOver => HasOpenGame && Timestamp >= Game.TurnEnds;

    /// <summary>The pending claim's result hash as hex, or "none".</summary>
    public string ResultHashHex => HasPendingResult ? Ethereum.Hex.HexConvert.Encode(Claim.ResultHash) : "none";
}
