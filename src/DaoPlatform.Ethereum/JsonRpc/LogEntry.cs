using System.Text.Json;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>An event log as <c>eth_getLogs</c> and receipts return it. Topics are 32 bytes each; hashes are 0x-prefixed lower-case hex.</summary>
public sealed record LogEntry(
    Address Address,
    IReadOnlyList<byte[]> Topics,
    byte[] Data,
    ulong BlockNumber,
    string BlockHash,
    string TransactionHash,
    ulong TransactionIndex,
    ulong LogIndex,
    bool Removed)
{
    internal static LogEntry Read(JsonElement log, string path)
    {
        JsonElement topics = RpcJson.Required(log, "topics", path);
        RpcJson.RequireArray(topics, $"{path}.topics");
        var topicList = new List<byte[]>(topics.GetArrayLength());
        foreach (JsonElement topic in topics.EnumerateArray())
        {
            topicList.Add(RpcJson.ReadFixedData(topic, $"{path}.topics[{topicList.Count}]", 32));
        }
        return new LogEntry(
            RpcJson.ReadAddress(RpcJson.Required(log, "address", path), $"{path}.address"),
            topicList,
            RpcJson.ReadData(RpcJson.Required(log, "data", path), $"{path}.data"),
            RpcJson.ReadUInt64(RpcJson.Required(log, "blockNumber", path), $"{path}.blockNumber"),
            RpcJson.ReadHash(RpcJson.Required(log, "blockHash", path), $"{path}.blockHash"),
            RpcJson.ReadHash(RpcJson.Required(log, "transactionHash", path), $"{path}.transactionHash"),
            RpcJson.ReadUInt64(RpcJson.Required(log, "transactionIndex", path), $"{path}.transactionIndex"),
            RpcJson.ReadUInt64(RpcJson.Required(log, "logIndex", path), $"{path}.logIndex"),
            RpcJson.Optional(log, "removed", path) is JsonElement removed && RpcJson.ReadBool(removed, $"{path}.removed"));
    }

    internal static IReadOnlyList<LogEntry> ReadList(JsonElement logs, string path)
    {
        RpcJson.RequireArray(logs, path);
        var list = new List<LogEntry>(logs.GetArrayLength());
        foreach (JsonElement log in logs.EnumerateArray())
        {
            list.Add(Read(log, $"{path}[{list.Count}]"));
        }
        return list;
    }
}
