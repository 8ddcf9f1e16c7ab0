using System.Numerics;
using System.Text.Json;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>A block as <c>eth_getBlockByNumber(tag, false)</c> returns it: the header fields and the transaction hashes.</summary>
public sealed record BlockHeader(
    ulong Number,
    string Hash,
    string ParentHash,
    ulong Timestamp,
    ulong GasLimit,
    ulong GasUsed,
    BigInteger? BaseFeePerGas,
    Address Miner,
    IReadOnlyList<string> TransactionHashes)
{
    internal static BlockHeader Read(JsonElement block, string path)
    {
        JsonElement transactions = RpcJson.Required(block, "transactions", path);
        RpcJson.RequireArray(transactions, $"{path}.transactions");
        var hashes = new List<string>(transactions.GetArrayLength());
        foreach (JsonElement hash in transactions.EnumerateArray())
        {
            hashes.Add(RpcJson.ReadHash(hash, $"{path}.transactions[{hashes.Count}]"));
        }
        return new BlockHeader(
            RpcJson.ReadUInt64(RpcJson.Required(block, "number", path), $"{path}.number"),
            RpcJson.ReadHash(RpcJson.Required(block, "hash", path), $"{path}.hash"),
            RpcJson.ReadHash(RpcJson.Required(block, "parentHash", path), $"{path}.parentHash"),
            RpcJson.ReadUInt64(RpcJson.Required(block, "timestamp", path), $"{path}.timestamp"),
            RpcJson.ReadUInt64(RpcJson.Required(block, "gasLimit", path), $"{path}.gasLimit"),
            RpcJson.ReadUInt64(RpcJson.Required(block, "gasUsed", path), $"{path}.gasUsed"),
            RpcJson.Optional(block, "baseFeePerGas", path) is JsonElement baseFee ? RpcJson.ReadQuantity(baseFee, $"{path}.baseFeePerGas") : null,
            RpcJson.ReadAddress(RpcJson.Required(block, "miner", path), $"{path}.miner"),
            hashes);
    }
}
