using System.Numerics;

namespace DaoPlatform.Ethereum.OpStack;

/// <summary>
/// The L1 data fee of an L2 transaction, computed locally by the formulas of the OP-stack specs and
/// the GasPriceOracle predeploy (version 1.3.0). Inputs are the unsigned, fully RLP-encoded
/// transaction, as <c>GasPriceOracle.getL1Fee(bytes)</c> takes it; both formulas add 68 bytes for the
/// signature the unsigned form lacks.
/// </summary>
public static class L1FeeCalculator
{
    /// <summary>Bytes added to an unsigned transaction for its signature and the RLP overhead it brings.</summary>
    public const int SignaturePadding = 68;

    /// <summary>Fjord: the smallest estimated compressed size, in bytes.</summary>
    public const long MinTransactionSize = 100;

    /// <summary>Fjord: the intercept of the FastLZ-to-Brotli linear regression, scaled by 1e6.</summary>
    public const long CostIntercept = -42_585_600;

    /// <summary>Fjord: the FastLZ-size coefficient of the linear regression, scaled by 1e6.</summary>
    public const long CostFastLzCoefficient = 836_500;

    private static readonly BigInteger Scale = BigInteger.Pow(10, 6);

    /// <summary>
    /// The Ecotone L1 fee: calldata gas (16 per non-zero byte, 4 per zero byte, plus 68 × 16) ×
    /// (16 × baseFeeScalar × l1BaseFee + blobBaseFeeScalar × blobBaseFee) / (16 × 1e6).
    /// </summary>
    public static BigInteger Ecotone(ReadOnlySpan<byte> unsignedTransaction, L1FeeParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        long calldataGas = SignaturePadding * 16;
        foreach (byte b in unsignedTransaction)
        {
            calldataGas += b == 0 ? 4 : 16;
        }
        return calldataGas * ScaledFee(parameters) / (16 * Scale);
    }

    /// <summary>
    /// The Fjord L1 fee: estimatedSize × (16 × baseFeeScalar × l1BaseFee + blobBaseFeeScalar × blobBaseFee) / 1e12,
    /// where estimatedSize = max(100 × 1e6, intercept + coefficient × (FastLZ length + 68)) (scaled by 1e6).
    /// </summary>
    public static BigInteger Fjord(ReadOnlySpan<byte> unsignedTransaction, L1FeeParameters parameters) =>
        FjordFromFastLzSize(FastLz.CompressedLength(unsignedTransaction) + SignaturePadding, parameters);

    /// <summary>The Fjord L1 fee of a transaction whose FastLZ-compressed signed size is <paramref name="fastLzSize"/>.</summary>
    public static BigInteger FjordFromFastLzSize(long fastLzSize, L1FeeParameters parameters)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fastLzSize);
        ArgumentNullException.ThrowIfNull(parameters);
        BigInteger estimatedSize = BigInteger.Max(MinTransactionSize * Scale, CostIntercept + CostFastLzCoefficient * (BigInteger)fastLzSize);
        return estimatedSize * ScaledFee(parameters) / (Scale * Scale);
    }

    private static BigInteger ScaledFee(L1FeeParameters p) =>
        (BigInteger)p.BaseFeeScalar * 16 * p.L1BaseFee + (BigInteger)p.BlobBaseFeeScalar * p.BlobBaseFee;
}
