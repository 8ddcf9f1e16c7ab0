using System.Numerics;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.Sending;

/// <summary>
/// What to send: recipient, value and calldata. Gas and fees left null are filled in by
/// <see cref="TransactionSender"/> (estimate with a margin; fee-history suggestion).
/// </summary>
public sealed record TransactionRequest
{
    /// <summary>The recipient; null deploys <see cref="Data"/> as init code.</summary>
    public Address? To { get; init; }

    /// <summary>The wei to send.</summary>
    public BigInteger Value { get; init; }

    /// <summary>The calldata, or the init code of a deployment.</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>The gas limit; null estimates it.</summary>
    public ulong? GasLimit { get; init; }

    /// <summary>The fee cap per gas; null takes the suggestion.</summary>
    public BigInteger? MaxFeePerGas { get; init; }

    /// <summary>The priority fee per gas; null takes the suggestion.</summary>
    public BigInteger? MaxPriorityFeePerGas { get; init; }
}
