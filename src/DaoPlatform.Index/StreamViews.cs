using System.Numerics;
using DaoPlatform.Contracts.Streaming;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Index;

/// <summary>
/// A StreamVault stream as the index knows it: its key (token, payer, recipient, rate in base units per second
/// scaled by <see cref="RateScale"/>, start), its stop time (seconds since the epoch, moved by top-ups and a cancel),
/// the deposit and what the recipient has withdrawn (token base units).
/// </summary>
public sealed record StreamView(
    byte[] StreamId, StreamVault.StreamKey Key, ulong StopTime, BigInteger Deposited, BigInteger Withdrawn, ChainMoment Created, ChainMoment? Canceled)
{
    /// <summary>StreamVault's <c>RATE_SCALE</c>: a rate of 1e18 streams one base unit per second.</summary>
    public static readonly BigInteger RateScale = BigInteger.Pow(10, 18);

    /// <summary>
    /// What has streamed from the start to <paramref name="now"/> (seconds since the epoch), as the vault computes it:
    /// <c>rate × elapsed / RATE_SCALE</c> with elapsed capped at the stop time.
    /// </summary>
    public BigInteger StreamedAt(ulong now)
    {
        ulong end = Math.Min(now, StopTime);
        return end <= Key.StartTime ? BigInteger.Zero : Key.RatePerSecond * (end - Key.StartTime) / RateScale;
    }

    /// <summary>What the recipient can withdraw at <paramref name="now"/>: streamed so far less what was withdrawn.</summary>
    public BigInteger WithdrawableAt(ulong now) => BigInteger.Max(BigInteger.Zero, StreamedAt(now) - Withdrawn);
}
