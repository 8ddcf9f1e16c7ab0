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

    /// <summary>The stake each trainer commits with (wei).</summary>
    public BigInteger Stake { get; init; } = EtherAmount.OneUnit / 20;

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

    /// <summary>Seconds from creation until commits close.</summary>
    public ulong CommitWindow { get; init; } = 600;

    /// <summary>Seconds from the commit deadline until reveals close.</summary>
    public ulong RevealWindow { get; init; } = 600;

    /// <summary>Seconds from the reveal deadline until the test set must be revealed.</summary>
    public ulong TestSetRevealWindow { get; init; } = 1200;
}
