using System.Numerics;
using System.Text.Json;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>A mined transaction's receipt (<c>eth_getTransactionReceipt</c>). Hashes are 0x-prefixed lower-case hex.</summary>
public sealed record TransactionReceipt(
    string TransactionHash,
    string BlockHash,
    ulong BlockNumber,
    ulong TransactionIndex,
    byte Type,
    Address From,
    Address? To,
    Address? ContractAddress,
    bool Succeeded,
    ulong GasUsed,
    ulong CumulativeGasUsed,
    BigInteger EffectiveGasPrice,
    IReadOnlyList<LogEntry> Logs,
    BigInteger? L1Fee)
{
    /// <summary>What the L2 execution cost: <see cref="GasUsed"/> × <see cref="EffectiveGasPrice"/> (without the L1 data fee).</summary>
    public BigInteger ExecutionFee => GasUsed * EffectiveGasPrice;

    internal static TransactionReceipt Read(JsonElement receipt, string path)
    {
        ulong status = RpcJson.ReadUInt64(RpcJson.Required(receipt, "status", path), $"{path}.status");
        if (status > 1)
        {
            throw new RpcProtocolException($"{path}.status: {status} is neither 0 nor 1.");
        }
        ulong type = RpcJson.ReadUInt64(RpcJson.Required(receipt, "type", path), $"{path}.type");
        if (type > byte.MaxValue)
        {
            throw new RpcProtocolException($"{path}.type: {type} is not a transaction type.");
        }
        return new TransactionReceipt(
            RpcJson.ReadHash(RpcJson.Required(receipt, "transactionHash", path), $"{path}.transactionHash"),
            RpcJson.ReadHash(RpcJson.Required(receipt, "blockHash", path), $"{path}.blockHash"),
            RpcJson.ReadUInt64(RpcJson.Required(receipt, "blockNumber", path), $"{path}.blockNumber"),
            RpcJson.ReadUInt64(RpcJson.Required(receipt, "transactionIndex", path), $"{path}.transactionIndex"),
            (byte)type,
            RpcJson.ReadAddress(RpcJson.Required(receipt, "from", path), $"{path}.from"),
            RpcJson.Optional(receipt, "to", path) is JsonElement to ? RpcJson.ReadAddress(to, $"{path}.to") : null,
            RpcJson.Optional(receipt, "contractAddress", path) is JsonElement created ? RpcJson.ReadAddress(created, $"{path}.contractAddress") : null,
            status == 1,
            RpcJson.ReadUInt64(RpcJson.Required(receipt, "gasUsed", path), $"{path}.gasUsed"),
            RpcJson.ReadUInt64(RpcJson.Required(receipt, "cumulativeGasUsed", path), $"{path}.cumulativeGasUsed"),
            RpcJson.ReadQuantity(RpcJson.Required(receipt, "effectiveGasPrice", path), $"{path}.effectiveGasPrice"),
            LogEntry.ReadList(RpcJson.Required(receipt, "logs", path), $"{path}.logs"),
            // OP-stack nodes report the L1 data fee charged; a plain node (or anvil) does not.
            RpcJson.Optional(receipt, "l1Fee", path) is JsonElement l1Fee ? RpcJson.ReadQuantity(l1Fee, $"{path}.l1Fee") : null);
    }
}
