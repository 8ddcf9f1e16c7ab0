using System.Numerics;

namespace DaoPlatform.Ethereum.OpStack;

/// <summary>
/// The most an L2 transaction can cost on an OP-stack chain: its L2 execution at the gas limit and
/// fee cap, plus the L1 data fee for publishing it.
/// </summary>
/// <param name="GasLimit">The transaction's gas limit.</param>
/// <param name="MaxFeePerGas">The transaction's EIP-1559 fee cap, in wei per gas.</param>
/// <param name="L1DataFee">The L1 data fee, in wei.</param>
public sealed record L2FeeEstimate(ulong GasLimit, BigInteger MaxFeePerGas, BigInteger L1DataFee)
{
    /// <summary>The L2 execution part: gas limit × fee cap.</summary>
    public BigInteger ExecutionFee => GasLimit * MaxFeePerGas;

    /// <summary>Execution plus L1 data fee.</summary>
    public BigInteger Total => ExecutionFee + L1DataFee;
}
