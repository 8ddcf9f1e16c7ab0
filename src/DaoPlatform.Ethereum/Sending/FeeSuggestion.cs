using System.Numerics;

namespace DaoPlatform.Ethereum.Sending;

/// <summary>EIP-1559 fees to offer: the priority fee and the fee cap, in wei per gas.</summary>
/// <param name="MaxPriorityFeePerGas">The tip to the block producer.</param>
/// <param name="MaxFeePerGas">The most paid per gas, base fee included.</param>
public sealed record FeeSuggestion(BigInteger MaxPriorityFeePerGas, BigInteger MaxFeePerGas);
