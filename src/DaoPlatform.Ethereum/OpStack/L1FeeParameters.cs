using System.Numerics;

namespace DaoPlatform.Ethereum.OpStack;

/// <summary>
/// The L1 values an OP-stack chain prices data with since Ecotone, as the L1Block predeploy holds
/// them (set by the depositor's L1-attributes transaction each L2 block).
/// </summary>
/// <param name="BaseFeeScalar">The scalar applied to the L1 base fee (L1Block.baseFeeScalar).</param>
/// <param name="BlobBaseFeeScalar">The scalar applied to the L1 blob base fee (L1Block.blobBaseFeeScalar).</param>
/// <param name="L1BaseFee">The L1 base fee in wei (L1Block.basefee).</param>
/// <param name="BlobBaseFee">The L1 blob base fee in wei (L1Block.blobBaseFee).</param>
public sealed record L1FeeParameters(uint BaseFeeScalar, uint BlobBaseFeeScalar, BigInteger L1BaseFee, BigInteger BlobBaseFee);
