namespace DaoPlatform.Protocol.Moves;

/// <summary>Gas limits sent instead of an estimate where <c>eth_estimateGas</c> can fall short.</summary>
public static class GasLimits
{
    /// <summary>
    /// A prediction game's answer or proof (docs/training-tasks.md §8.2): every move stays under 5 M gas for any model
    /// the format allows, but its calldata (a trace of up to 45,056 bytes, a row of up to 4,100) makes estimates
    /// unreliable; the gas benchmark (scripts/bench/gas-large-models.mjs) sends the same limit.
    /// </summary>
    public const ulong GameMove = 10_000_000;
}
