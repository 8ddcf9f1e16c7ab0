using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>
/// The standard <c>eth_*</c> calls as <see cref="RpcCall{T}"/> values, for <see cref="JsonRpcClient.SendAsync"/>
/// or an <see cref="RpcBatch"/>. <see cref="EthRpcClient"/> sends them one at a time.
/// </summary>
public static class EthCalls
{
    /// <summary><c>eth_chainId</c>: the chain id.</summary>
    public static RpcCall<ulong> ChainId() => new("eth_chainId", [], RpcJson.ReadUInt64);

    /// <summary><c>eth_blockNumber</c>: the number of the latest block.</summary>
    public static RpcCall<ulong> BlockNumber() => new("eth_blockNumber", [], RpcJson.ReadUInt64);

    /// <summary><c>eth_gasPrice</c>: the node's legacy gas price suggestion, in wei.</summary>
    public static RpcCall<BigInteger> GasPrice() => new("eth_gasPrice", [], RpcJson.ReadQuantity);

    /// <summary><c>eth_maxPriorityFeePerGas</c>: the node's priority fee suggestion, in wei.</summary>
    public static RpcCall<BigInteger> MaxPriorityFeePerGas() => new("eth_maxPriorityFeePerGas", [], RpcJson.ReadQuantity);

    /// <summary><c>eth_getBalance</c>: the balance of <paramref name="account"/> in wei.</summary>
    public static RpcCall<BigInteger> GetBalance(Address account, BlockTag block = default) =>
        new("eth_getBalance", [account.ToLowerHex(), block.ToString()], RpcJson.ReadQuantity);

    /// <summary><c>eth_getTransactionCount</c>: the nonce of <paramref name="account"/> (use <see cref="BlockTag.Pending"/> for the next one to use).</summary>
    public static RpcCall<ulong> GetTransactionCount(Address account, BlockTag block = default) =>
        new("eth_getTransactionCount", [account.ToLowerHex(), block.ToString()], RpcJson.ReadUInt64);

    /// <summary><c>eth_getCode</c>: the runtime code at <paramref name="account"/> (empty for none).</summary>
    public static RpcCall<byte[]> GetCode(Address account, BlockTag block = default) =>
        new("eth_getCode", [account.ToLowerHex(), block.ToString()], RpcJson.ReadData);

    /// <summary><c>eth_call</c>: executes <paramref name="request"/> without a transaction and returns the return data.</summary>
    public static RpcCall<byte[]> Call(CallRequest request, BlockTag block = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new("eth_call", [request.ToJson(), block.ToString()], RpcJson.ReadData);
    }

    /// <summary>
    /// <c>eth_call</c> with a state override (the optional third parameter of geth, op-geth, reth, anvil, Nethermind and
    /// Erigon) that sets the balance of each account in <paramref name="balances"/> (wei) for this call only.
    /// </summary>
    public static RpcCall<byte[]> Call(CallRequest request, BlockTag block, IReadOnlyDictionary<Address, BigInteger> balances)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(balances);
        var overrides = new JsonObject();
        foreach ((Address account, BigInteger balance) in balances)
        {
            overrides[account.ToLowerHex()] = new JsonObject { ["balance"] = RpcJson.FormatQuantity(balance) };
        }
        return new("eth_call", [request.ToJson(), block.ToString(), overrides], RpcJson.ReadData);
    }

    /// <summary><c>eth_estimateGas</c>: the gas <paramref name="request"/> needs.</summary>
    public static RpcCall<ulong> EstimateGas(CallRequest request, BlockTag block = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new("eth_estimateGas", [request.ToJson(), block.ToString()], RpcJson.ReadUInt64);
    }

    /// <summary><c>eth_sendRawTransaction</c>: submits a signed transaction; returns its hash.</summary>
    public static RpcCall<string> SendRawTransaction(ReadOnlySpan<byte> signedTransaction) =>
        new("eth_sendRawTransaction", [HexConvert.Encode(signedTransaction)], RpcJson.ReadHash);

    /// <summary>
    /// <c>eth_getTransactionReceipt</c>: the receipt, or null while the transaction is not mined. A receipt for
    /// another transaction than the one asked for is a <see cref="RpcProtocolException"/>, never a result.
    /// </summary>
    public static RpcCall<TransactionReceipt?> GetTransactionReceipt(string transactionHash)
    {
        string requested = CanonicalHash(transactionHash);
        return new("eth_getTransactionReceipt", [requested], (result, path) =>
        {
            if (result.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            TransactionReceipt receipt = TransactionReceipt.Read(result, path);
            return receipt.TransactionHash == requested
                ? receipt
                : throw new RpcProtocolException($"{path}: the receipt is for transaction {receipt.TransactionHash}; {requested} was requested.");
        });
    }

    /// <summary>
    /// <c>eth_getLogs</c>: the logs matching <paramref name="filter"/>. A log the filter excludes (outside its
    /// block range or block, from another address, with other topics) is a <see cref="RpcProtocolException"/>
    /// naming the log, so a lying node cannot feed a follower events it did not ask for.
    /// </summary>
    public static RpcCall<IReadOnlyList<LogEntry>> GetLogs(LogFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new("eth_getLogs", [filter.ToJson()], (result, path) =>
        {
            IReadOnlyList<LogEntry> logs = LogEntry.ReadList(result, path);
            for (int i = 0; i < logs.Count; i++)
            {
                filter.CheckMatches(logs[i], $"{path}[{i}]");
            }
            return logs;
        });
    }

    /// <summary>
    /// <c>eth_feeHistory</c>: base fees and gas-used ratios of <paramref name="blockCount"/> blocks ending at
    /// <paramref name="newestBlock"/>, and the priority fees paid at each of <paramref name="rewardPercentiles"/>.
    /// </summary>
    public static RpcCall<FeeHistory> FeeHistory(int blockCount, BlockTag newestBlock, IReadOnlyList<double> rewardPercentiles)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockCount);
        ArgumentNullException.ThrowIfNull(rewardPercentiles);
        for (int i = 0; i < rewardPercentiles.Count; i++)
        {
            if (rewardPercentiles[i] is < 0 or > 100 || (i > 0 && rewardPercentiles[i] < rewardPercentiles[i - 1]))
            {
                throw new ArgumentException($"Reward percentiles must rise monotonically within [0, 100]; got {rewardPercentiles[i]} at index {i}.", nameof(rewardPercentiles));
            }
        }
        var percentiles = new JsonArray([.. rewardPercentiles.Select(p => (JsonNode)p)]);
        int count = rewardPercentiles.Count;
        return new("eth_feeHistory", [RpcJson.FormatQuantity((ulong)blockCount), newestBlock.ToString(), percentiles],
            (result, path) => JsonRpc.FeeHistory.Read(result, path, count));
    }

    /// <summary><c>eth_getBlockByNumber(block, false)</c>: the block with transaction hashes, or null when there is none.</summary>
    public static RpcCall<BlockHeader?> GetBlockByNumber(BlockTag block) =>
        new("eth_getBlockByNumber", [block.ToString(), false],
            (result, path) => result.ValueKind == JsonValueKind.Null ? null : BlockHeader.Read(result, path));

    private static string CanonicalHash(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        byte[] bytes = HexConvert.Decode(hash);
        return bytes.Length == 32
            ? HexConvert.Encode(bytes)
            : throw new ArgumentException($"A transaction hash has 32 bytes; '{hash}' has {bytes.Length}.", nameof(hash));
    }
}
