using System.Numerics;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Protocol.Rules;

namespace DaoPlatform.Index;

/// <summary>One entry of a task: its index, trainer, commitment, and the revealed model's hash and URI once revealed.</summary>
public sealed record EntryView(BigInteger Index, Address Trainer, byte[] Commitment, ChainMoment Committed, byte[]? ModelHash, string? ModelUri, ChainMoment? Revealed);

/// <summary>A posted result: evaluator, bond (wei), end of its challenge window (seconds since the epoch), scores and winner.</summary>
public sealed record ResultView(Address Evaluator, BigInteger Bond, ulong Deadline, IReadOnlyList<uint> Scores, BigInteger Winner, ChainMoment Posted);

/// <summary>
/// A training task as the index knows it at <see cref="AsOf"/>: its terms, entries, the test set's reveal progress
/// (chunks revealed of the total), the latest posted result and how it ended (finalized, overturned, settled).
/// </summary>
public sealed record TaskView(
    BigInteger Id, Address Submitter, TrainingTasks.TaskConfig Config, ChainMoment Created, IReadOnlyList<EntryView> Entries,
    int ChunksRevealed, ResultView? Result, ChainMoment? Finalized, ChainMoment? Overturned, ChainMoment? Settled, ulong AsOf)
{
    /// <summary>The number of test-set chunks.</summary>
    public int TotalChunks => (int)((Config.TestSetSize + (uint)Config.ChunkSize - 1) / Config.ChunkSize);

    /// <summary>Whether every chunk of the test set is revealed.</summary>
    public bool TestSetRevealed => ChunksRevealed >= TotalChunks;

    /// <summary>What the phase depends on besides the terms: settled (or finalized), the test set, the pending result's deadline.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public TaskProgress Progress => new(Settled is not null || Finalized is not null, TestSetRevealed, Finalized is null ? Result?.Deadline : null);

    /// <summary>The phase at <see cref="AsOf"/> (<see cref="TaskLifecycle"/>).</summary>
    public TaskPhase Phase => TaskLifecycle.PhaseOf(Config, Progress, AsOf);

    /// <summary>The end of the current window (seconds since the epoch), or null when no window is running.</summary>
    public ulong? PhaseEnds => TaskLifecycle.PhaseEnds(Config, Progress, AsOf);
}

/// <summary>The asset kinds of <c>AssetRegistry.AssetKind</c>.</summary>
public enum AssetKind
{
    Model = 0,
    Dataset = 1,
    Code = 2,
}

/// <summary>A registered asset: token id, kind, keccak256 content hash, CID, metadata URI, author (first owner), current owner and ETH revenue paid to it (wei; token payments are not summed in).</summary>
public sealed record AssetView(
    BigInteger TokenId, AssetKind Kind, byte[] ContentHash, string Cid, string MetadataUri, Address Author, Address Owner, BigInteger Revenue, ChainMoment Registered);
