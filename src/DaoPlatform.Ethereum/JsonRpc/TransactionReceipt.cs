using System.Numerics;
using System.Text.Json;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>
/// A mined transaction's receipt (<c>eth_getTransactionReceipt</c>). Hashes are 0x-prefixed lower-case hex.
/// Fields that nodes omit in practice and the platform can do without are optional: <c>effectiveGasPrice</c>
/// (pre-London nodes, pre-Bedrock OP receipts) is null when absent, <c>type</c> (pre-Berlin nodes) reads as 0
/// (legacy), <c>to</c>, <c>contractAddress</c> and the OP <c>l1Fee</c> are null when absent.
/// </summary>
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
    BigInteger? EffectiveGasPrice,
    IReadOnlyList<LogEntry> Logs,
    BigInteger? L1Fee)
{
    /// <summary>
    /// What the L2 execution cost: <see cref="GasUsed"/> × <see cref="EffectiveGasPrice"/> (without the L1 data fee),
    /// or null when the node did not report the price.
    /// </summary>
    public BigInteger? ExecutionFee => GasUsed * EffectiveGasPrice;

    internal static TransactionReceipt Read(JsonElement receipt, string path)
    {
        ulong status = RpcJson.ReadUInt64(RpcJson.Required(receipt, "status", path), $"{path}.status");
        if (status > 1)
        {
            throw new RpcProtocolException($"{path}.status: {status} is neither 0 nor 1.");
        }
        ulong type = RpcJson.Optional(receipt, "type", path) is JsonElement typeElement ? RpcJson.ReadUInt64(typeElement, $"{path}.type") : 0;
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
            RpcJson.Optional(receipt, "effectiveGasPrice", path) is JsonElement price ? RpcJson.ReadQuantity(price, $"{path}.effectiveGasPrice") : null,
            LogEntry.ReadList(RpcJson.Required(receipt, "logs", path), $"{path}.logs"),
            // OP-stack nodes report the L1 data fee charged; a plain node (or anvil) does not.
            RpcJson.Optional(receipt, "l1Fee", path) is JsonElement l1Fee ? RpcJson.ReadQuantity(l1Fee, $"{path}.l1Fee") : null);
    }
}
