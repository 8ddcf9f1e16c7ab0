using System.Numerics;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>Typed <c>eth_*</c> methods over a <see cref="JsonRpcClient"/>, one request each.</summary>
public sealed class EthRpcClient
{
    /// <summary>Creates the typed client over <paramref name="rpc"/>.</summary>
    public EthRpcClient(JsonRpcClient rpc)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        Rpc = rpc;
    }

    /// <summary>The underlying JSON-RPC client, for batches and other methods.</summary>
    public JsonRpcClient Rpc { get; }

    /// <inheritdoc cref="EthCalls.ChainId"/>
    public Task<ulong> ChainIdAsync(CancellationToken cancellationToken = default) =>
        Rpc.SendAsync(EthCalls.ChainId(), cancellationToken);

    /// <inheritdoc cref="EthCalls.BlockNumber"/>
    public Task<ulong> BlockNumberAsync(CancellationToken cancellationToken = default) =>
        Rpc.SendAsync(EthCalls.BlockNumber(), cancellationToken);

    /// <inheritdoc cref="EthCalls.GasPrice"/>
    public Task<BigInteger> GasPriceAsync(CancellationToken cancellationToken = default) =>
        Rpc.SendAsync(EthCalls.GasPrice(), cancellationToken);

    /// <inheritdoc cref="EthCalls.MaxPriorityFeePerGas"/>
    public Task<BigInteger> MaxPriorityFeePerGasAsync(CancellationToken cancellationToken = default) =>
        Rpc.SendAsync(EthCalls.MaxPriorityFeePerGas(), cancellationToken);

    /// <inheritdoc cref="EthCalls.GetBalance"/>
    public Task<BigInteger> GetBalanceAsync(Address account, BlockTag block = default, CancellationToken cancellationToken = default) =>
        Rpc.SendAsync(EthCalls.GetBalance(account, block), cancellationToken);

    /// <inheritdoc cref="EthCalls.GetTransactionCount"/>
    public Task<ulong> GetTransactionCountAsync(Address account, BlockTag block = default, CancellationToken cancellationToken = default) =>
        Rpc.SendAsync(EthCalls.GetTransactionCount(account, block), cancellationToken);

    /// <inheritdoc cref="EthCalls.GetCode"/>
    public Task<byte[]> GetCodeAsync(Address account, BlockTag block = default, CancellationToken cancellationToken = default) =>
        Rpc.SendAsync(EthCalls.GetCode(account, block), cancellationToken);

    /// <inheritdoc cref="EthCalls.Call(CallRequest, BlockTag)"/>
    /// <exception cref="ExecutionRevertedException">The call reverted.</exception>
    public Task<byte[]> CallAsync(CallRequest request, BlockTag block = default, CancellationToken cancellationToken = default) =>
        Rpc.SendAsync(EthCalls.Call(request, block), cancellationToken);

    /// <inheritdoc cref="EthCalls.Call(CallRequest, BlockTag, IReadOnlyDictionary{Address, BigInteger})"/>
    /// <exception cref="ExecutionRevertedException">The call reverted.</exception>
    public Task<byte[]> CallAsync(CallRequest request, BlockTag block, IReadOnlyDictionary<Address, BigInteger> balances, CancellationToken cancellationToken = default) =>
        Rpc.SendAsync(EthCalls.Call(request, block, balances), cancellationToken);

    /// <inheritdoc cref="EthCalls.EstimateGas"/>
    /// <exception cref="ExecutionRevertedException">The call reverted.</exception>
    public Task<ulong> EstimateGasAsync(CallRequest request, BlockTag block = default, CancellationToken cancellationToken = default) =>
        Rpc.SendAsync(EthCalls.EstimateGas(request, block), cancellationToken);

    /// <inheritdoc cref="EthCalls.SendRawTransaction"/>
    public Task<string> SendRawTransactionAsync(ReadOnlyMemory<byte> signedTransaction, CancellationToken cancellationToken = default) =>
        Rpc.SendAsync(EthCalls.SendRawTransaction(signedTransaction.Span), cancellationToken);

    /// <inheritdoc cref="EthCalls.GetTransactionReceipt"/>
    public Task<TransactionReceipt?> GetTransactionReceiptAsync(string transactionHash, CancellationToken cancellationToken = default) =>
        Rpc.SendAsync(EthCalls.GetTransactionReceipt(transactionHash), cancellationToken);

    /// <inheritdoc cref="EthCalls.GetLogs"/>
    public Task<IReadOnlyList<LogEntry>> GetLogsAsync(LogFilter filter, CancellationToken cancellationToken = default) =>
        Rpc.SendAsync(EthCalls.GetLogs(filter), cancellationToken);

    /// <inheritdoc cref="EthCalls.FeeHistory"/>
    public Task<FeeHistory> FeeHistoryAsync(int blockCount, BlockTag newestBlock, IReadOnlyList<double> rewardPercentiles, CancellationToken cancellationToken = default) =>
        Rpc.SendAsync(EthCalls.FeeHistory(blockCount, newestBlock, rewardPercentiles), cancellationToken);

    /// <inheritdoc cref="EthCalls.GetBlockByNumber"/>
    public Task<BlockHeader?> GetBlockByNumberAsync(BlockTag block, CancellationToken cancellationToken = default) =>
        Rpc.SendAsync(EthCalls.GetBlockByNumber(block), cancellationToken);
}
