using System.Numerics;
using DaoPlatform.Ethereum.OpStack;

namespace DaoPlatform.Ethereum.Tests.OpStack;

/// <summary>
/// The formulas by hand on small numbers; the integration tests check them against the
/// GasPriceOracle predeploy on the devnet.
/// </summary>
public sealed class L1FeeCalculatorTests
{
    private static readonly L1FeeParameters Parameters = new(BaseFeeScalar: 2, BlobBaseFeeScalar: 3, L1BaseFee: 1_000_000, BlobBaseFee: 2_000_000);

    // 16 × 2 × 1e6 + 3 × 2e6 = 38e6.
    private static readonly BigInteger ScaledFee = 38_000_000;

    [Test]
    public void EcotoneChargesCalldataGasPlusTheSignature()
    {
        byte[] transaction = [0, 0, 1, 2];
        // 2 zero bytes × 4 + 2 non-zero × 16 + 68 × 16 = 1128 gas.
        Assert.That(L1FeeCalculator.Ecotone(transaction, Parameters), Is.EqualTo(1128 * ScaledFee / 16_000_000));
    }

    [Test]
    public void FjordNeverChargesBelowTheMinimumSize()
    {
        // A tiny transaction's regression estimate is negative: the 100-byte floor applies.
        Assert.That(L1FeeCalculator.Fjord([1, 2, 3], Parameters), Is.EqualTo(100 * ScaledFee / 1_000_000));
        Assert.That(L1FeeCalculator.FjordFromFastLzSize(0, Parameters), Is.EqualTo(100 * ScaledFee / 1_000_000));
    }

    [Test]
    public void FjordAppliesTheLinearRegressionAboveTheFloor()
    {
        // 1000 FastLZ bytes: -42_585_600 + 836_500 × 1000 = 793_914_400 (793.9144 bytes scaled by 1e6).
        BigInteger expected = 793_914_400 * ScaledFee / 1_000_000_000_000;
        Assert.That(L1FeeCalculator.FjordFromFastLzSize(1000, Parameters), Is.EqualTo(expected));
    }

    [Test]
    public void FjordAddsTheSignaturePaddingToTheCompressedLength()
    {
        byte[] transaction = Enumerable.Range(0, 500).Select(i => (byte)(i * 31 + 7)).ToArray();
        int compressed = FastLz.CompressedLength(transaction);
        Assert.That(L1FeeCalculator.Fjord(transaction, Parameters),
            Is.EqualTo(L1FeeCalculator.FjordFromFastLzSize(compressed + 68, Parameters)));
    }

    [Test]
    public void EstimateAddsExecutionAndL1DataFee()
    {
        var estimate = new L2FeeEstimate(GasLimit: 21_000, MaxFeePerGas: 2_000_000_000, L1DataFee: 12_345);
        Assert.That(estimate.ExecutionFee, Is.EqualTo(new BigInteger(42_000_000_000_000)));
        Assert.That(estimate.Total, Is.EqualTo(new BigInteger(42_000_000_012_345)));
    }
}
