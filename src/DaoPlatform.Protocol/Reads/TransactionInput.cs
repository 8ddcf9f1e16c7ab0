using System.Text.Json;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Protocol.Reads;

/// <summary>The recipient and calldata of a mined transaction (<c>eth_getTransactionByHash</c>).</summary>
public sealed record TransactionInput(string Hash, Address? To, byte[] Input)
{
    /// <summary>Fetches transaction <paramref name="hash"/>; checks the node answered for that transaction.</summary>
    /// <exception cref="InvalidDataException">The node knows no such transaction, or answered with another one or malformed fields.</exception>
    public static async Task<TransactionInput> FetchAsync(EthRpcClient eth, string hash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eth);
        var call = new RpcCall<TransactionInput?>("eth_getTransactionByHash", new JsonArray(hash), Read);
        TransactionInput input = await eth.Rpc.SendAsync(call, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"eth_getTransactionByHash: the node knows no transaction {hash}");
        return string.Equals(input.Hash, hash, StringComparison.OrdinalIgnoreCase)
            ? input
            : throw new InvalidDataException($"eth_getTransactionByHash({hash}) answered with transaction {input.Hash}");
    }

    private static TransactionInput? Read(JsonElement result, string path)
    {
        if (result.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        try
        {
            string hash = result.GetProperty("hash").GetString() ?? throw new InvalidDataException($"{path}.hash is null");
            Address? to = result.TryGetProperty("to", out JsonElement toElement) && toElement.ValueKind == JsonValueKind.String
                ? Address.Parse(toElement.GetString()!)
                : null;
            byte[] input = HexConvert.Decode(result.GetProperty("input").GetString() ?? throw new InvalidDataException($"{path}.input is null"));
            return new TransactionInput(hash, to, input);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: malformed transaction: {e.Message}", e);
        }
    }
}
