using System.Numerics;
using DaoPlatform.Platform.Units;

namespace DaoPlatform.Platform.Training;

/// <summary>
/// What a submitter chooses for a task besides its test set: reward and stake (wei of ETH), the model limits, the
/// reveal chunk size, and the three windows as durations (seconds) counted from the task's creation.
/// </summary>
public sealed record TaskParameters
{
    /// <summary>The escrowed reward (wei).</summary>
    public BigInteger Reward { get; init; } = EtherAmount.OneUnit;

    /// <summary>
    /// The stake each trainer commits with (wei); (MaxTrainers − 1) × Stake must cover the reward, so that filling the
    /// slots with one's own accounts never pays (default 0.15 ETH, which covers the default reward with 8 slots).
    /// </summary>
    public BigInteger Stake { get; init; } = EtherAmount.OneUnit * 15 / 100;

    /// <summary>The baseline: a model scoring below it is not paid and forfeits its stake (default 0).</summary>
    public uint MinScore { get; init; }

    /// <summary>Samples per test-set chunk (a power of two).</summary>
    public ushort ChunkSize { get; init; } = 32;

    /// <summary>The most trainers.</summary>
    public ushort MaxTrainers { get; init; } = 8;

    /// <summary>The most layers of a model.</summary>
    public byte MaxLayers { get; init; } = 3;

    /// <summary>The most multiply-accumulates per sample.</summary>
    public uint MaxMacs { get; init; } = 100_000;

    /// <summary>The largest model in bytes.</summary>
    public uint MaxModelBytes { get; init; } = 100_000;

    /// <summary>Seconds from creation until commits close (at least a day: TrainingTasks.MIN_WINDOW).</summary>
    public ulong CommitWindow { get; init; } = 86_400;

    /// <summary>Seconds from the commit deadline until reveals close (at least a day).</summary>
    public ulong RevealWindow { get; init; } = 86_400;

    /// <summary>Seconds from the reveal deadline until the test set must be revealed (at least a day).</summary>
    public ulong TestSetRevealWindow { get; init; } = 86_400;
}
