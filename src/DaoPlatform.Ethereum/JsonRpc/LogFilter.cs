using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>
/// The filter of <c>eth_getLogs</c>: emitting addresses (any of them), topics by position, and either a
/// block range or one block hash. A topic position is null (any value) or a set of 32-byte values,
/// one of which must match; positions past the list match anything.
/// </summary>
public sealed record LogFilter
{
    /// <summary>The emitting contracts, any of which matches; empty matches every address.</summary>
    public IReadOnlyList<Address> Addresses { get; init; } = [];

    /// <summary>Up to four topic positions; each null (wildcard) or a set of alternatives.</summary>
    public IReadOnlyList<IReadOnlyList<byte[]>?> Topics { get; init; } = [];

    /// <summary>The first block of the range; the node's default (latest) when absent.</summary>
    public BlockTag? FromBlock { get; init; }

    /// <summary>The last block of the range; the node's default (latest) when absent.</summary>
    public BlockTag? ToBlock { get; init; }

    /// <summary>One block's hash; excludes <see cref="FromBlock"/> and <see cref="ToBlock"/>.</summary>
    public string? BlockHash { get; init; }

    internal JsonObject ToJson()
    {
        if (BlockHash is not null && (FromBlock is not null || ToBlock is not null))
        {
            throw new ArgumentException("A log filter takes either a block hash or a block range, not both.");
        }
        if (Topics.Count > 4)
        {
            throw new ArgumentException($"A log filter has at most 4 topic positions; got {Topics.Count}.");
        }
        var json = new JsonObject();
        if (Addresses.Count == 1)
        {
            json["address"] = Addresses[0].ToLowerHex();
        }
        else if (Addresses.Count > 1)
        {
            json["address"] = new JsonArray([.. Addresses.Select(a => (JsonNode)a.ToLowerHex())]);
        }
        if (Topics.Count > 0)
        {
            var topics = new JsonArray();
            for (int position = 0; position < Topics.Count; position++)
            {
                IReadOnlyList<byte[]>? alternatives = Topics[position];
                topics.Add(alternatives is null
                    ? null
                    : new JsonArray([.. alternatives.Select(t => (JsonNode)Topic(t, position))]));
            }
            json["topics"] = topics;
        }
        if (FromBlock is BlockTag from)
        {
            json["fromBlock"] = from.ToString();
        }
        if (ToBlock is BlockTag to)
        {
            json["toBlock"] = to.ToString();
        }
        if (BlockHash is not null)
        {
            json["blockHash"] = CanonicalHash(BlockHash);
        }
        return json;
    }

    /// <summary>Throws when <paramref name="log"/>, answered at <paramref name="path"/>, is one this filter excludes.</summary>
    internal void CheckMatches(LogEntry log, string path)
    {
        ulong from = FromBlock?.BlockNumber ?? 0;
        ulong to = ToBlock?.BlockNumber ?? ulong.MaxValue;
        if (log.BlockNumber < from || log.BlockNumber > to)
        {
            throw new RpcProtocolException($"{path}: the log of block {log.BlockNumber} lies outside the requested blocks {FromBlock?.ToString() ?? "latest"}..{ToBlock?.ToString() ?? "latest"}.");
        }
        if (BlockHash is not null && log.BlockHash != CanonicalHash(BlockHash))
        {
            throw new RpcProtocolException($"{path}: the log is from block {log.BlockHash}; block {CanonicalHash(BlockHash)} was requested.");
        }
        if (Addresses.Count > 0 && !Addresses.Contains(log.Address))
        {
            throw new RpcProtocolException($"{path}: the log was emitted by {log.Address.ToLowerHex()}, which the filter does not name.");
        }
        for (int position = 0; position < Topics.Count; position++)
        {
            if (Topics[position] is { } alternatives
                && (position >= log.Topics.Count || !alternatives.Any(t => t.AsSpan().SequenceEqual(log.Topics[position]))))
            {
                throw new RpcProtocolException($"{path}: topic {position} of the log matches none of the filter's.");
            }
        }
    }

    private static string Topic(byte[] topic, int position) =>
        topic?.Length == 32
            ? HexConvert.Encode(topic)
            : throw new ArgumentException($"Log filter topic position {position}: a topic has 32 bytes; got {topic?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}.");

    private static string CanonicalHash(string hex)
    {
        byte[] bytes;
        try
        {
            bytes = HexConvert.Decode(hex);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"Log filter block hash '{hex}' is not hex: {e.Message}", e);
        }
        return bytes.Length == 32
            ? HexConvert.Encode(bytes)
            : throw new ArgumentException($"Log filter block hash '{hex}' has {bytes.Length} bytes; expected 32.");
    }
}
