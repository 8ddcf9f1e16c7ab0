using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Transactions;

namespace DaoPlatform.Ethereum.OpStack;

/// <summary>
/// Reads the OP-stack GasPriceOracle predeploy (0x420…000F), or another deployment of its code: the
/// L1 data fee it charges for a transaction, and the L1 fee parameters it reads from the L1Block predeploy.
/// </summary>
public sealed class GasPriceOracle
{
    private static readonly AbiFunction GetL1FeeFunction = AbiFunction.Parse("getL1Fee(bytes) view returns (uint256)");
    private static readonly AbiFunction IsFjordFunction = AbiFunction.Parse("isFjord() view returns (bool)");
    private static readonly AbiFunction IsEcotoneFunction = AbiFunction.Parse("isEcotone() view returns (bool)");
    private static readonly AbiFunction BaseFeeScalarFunction = AbiFunction.Parse("baseFeeScalar() view returns (uint32)");
    private static readonly AbiFunction BlobBaseFeeScalarFunction = AbiFunction.Parse("blobBaseFeeScalar() view returns (uint32)");
    private static readonly AbiFunction L1BaseFeeFunction = AbiFunction.Parse("l1BaseFee() view returns (uint256)");
    private static readonly AbiFunction BlobBaseFeeFunction = AbiFunction.Parse("blobBaseFee() view returns (uint256)");

    private readonly EthRpcClient _eth;

    /// <summary>Creates a reader of the oracle at <paramref name="address"/> through <paramref name="eth"/>.</summary>
    /// <param name="eth">The node.</param>
    /// <param name="address">The oracle; <see cref="PredeployAddress"/> when null.</param>
    public GasPriceOracle(EthRpcClient eth, Address? address = null)
    {
        ArgumentNullException.ThrowIfNull(eth);
        _eth = eth;
        Address = address ?? PredeployAddress;
    }

    /// <summary>The oracle this reader calls.</summary>
    public Address Address { get; }

    /// <summary>The GasPriceOracle predeploy address on every OP-stack chain.</summary>
    public static Address PredeployAddress { get; } = Address.Parse("0x420000000000000000000000000000000000000f");

    /// <summary>The L1Block predeploy address on every OP-stack chain.</summary>
    public static Address L1BlockAddress { get; } = Address.Parse("0x4200000000000000000000000000000000000015");

    /// <summary>The L1 data fee, in wei, the chain charges for <paramref name="unsignedTransaction"/> (unsigned, fully RLP-encoded).</summary>
    public async Task<BigInteger> GetL1FeeAsync(byte[] unsignedTransaction, BlockTag block = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unsignedTransaction);
        byte[] result = await _eth.CallAsync(Call(GetL1FeeFunction, unsignedTransaction), block, cancellationToken).ConfigureAwait(false);
        return GetL1FeeFunction.DecodeOutput(result).Get<BigInteger>(0);
    }

    /// <summary>
    /// The most <paramref name="transaction"/> can cost: L2 execution at its gas limit and fee cap, plus the
    /// L1 data fee the oracle charges for its unsigned encoding.
    /// </summary>
    public async Task<L2FeeEstimate> EstimateAsync(DynamicFeeTransaction transaction, BlockTag block = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        BigInteger l1Fee = await GetL1FeeAsync(transaction.GetSigningPayload(), block, cancellationToken).ConfigureAwait(false);
        return new L2FeeEstimate(transaction.GasLimit, transaction.MaxFeePerGas, l1Fee);
    }

    /// <summary>Whether the oracle prices with the Fjord formula.</summary>
    public async Task<bool> IsFjordAsync(BlockTag block = default, CancellationToken cancellationToken = default) =>
        IsFjordFunction.DecodeOutput(await _eth.CallAsync(Call(IsFjordFunction), block, cancellationToken).ConfigureAwait(false)).Get<bool>(0);

    /// <summary>Whether the oracle prices with the Ecotone formula (or Fjord, which follows it).</summary>
    public async Task<bool> IsEcotoneAsync(BlockTag block = default, CancellationToken cancellationToken = default) =>
        IsEcotoneFunction.DecodeOutput(await _eth.CallAsync(Call(IsEcotoneFunction), block, cancellationToken).ConfigureAwait(false)).Get<bool>(0);

    /// <summary>The L1 fee parameters at <paramref name="block"/>, read in one batch request.</summary>
    public async Task<L1FeeParameters> GetParametersAsync(BlockTag block = default, CancellationToken cancellationToken = default)
    {
        var batch = new RpcBatch();
        RpcBatchItem<byte[]> baseFeeScalar = batch.Add(EthCalls.Call(Call(BaseFeeScalarFunction), block));
        RpcBatchItem<byte[]> blobBaseFeeScalar = batch.Add(EthCalls.Call(Call(BlobBaseFeeScalarFunction), block));
        RpcBatchItem<byte[]> l1BaseFee = batch.Add(EthCalls.Call(Call(L1BaseFeeFunction), block));
        RpcBatchItem<byte[]> blobBaseFee = batch.Add(EthCalls.Call(Call(BlobBaseFeeFunction), block));
        await _eth.Rpc.SendBatchAsync(batch, cancellationToken).ConfigureAwait(false);
        return new L1FeeParameters(
            (uint)BaseFeeScalarFunction.DecodeOutput(baseFeeScalar.Value).Get<BigInteger>(0),
            (uint)BlobBaseFeeScalarFunction.DecodeOutput(blobBaseFeeScalar.Value).Get<BigInteger>(0),
            L1BaseFeeFunction.DecodeOutput(l1BaseFee.Value).Get<BigInteger>(0),
            BlobBaseFeeFunction.DecodeOutput(blobBaseFee.Value).Get<BigInteger>(0));
    }

    private CallRequest Call(AbiFunction function, params object?[] arguments) =>
        new() { To = Address, Data = function.EncodeCall(arguments) };
}
