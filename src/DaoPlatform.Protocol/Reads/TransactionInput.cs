using System.Text.Json;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Protocol.Reads;

/// <summary>The recipient, calldata and value (wei) of a mined transaction (<c>eth_getTransactionByHash</c>).</summary>
public sealed record TransactionInput(string Hash, Address? To, byte[] Input, System.Numerics.BigInteger Value)
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
            System.Numerics.BigInteger value = result.TryGetProperty("value", out JsonElement valueElement) && valueElement.ValueKind == JsonValueKind.String
                ? new System.Numerics.BigInteger(HexConvert.Decode(PadEven(valueElement.GetString()!)), isUnsigned: true, isBigEndian: true)
                : System.Numerics.BigInteger.Zero;
            return new TransactionInput(hash, to, input, value);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: malformed transaction: {e.Message}", e);
        }
    }

    // Quantities are hex without leading zeros ("0x0", "0x1bc"); the byte decoder wants whole bytes.
    private static string PadEven(string quantity) => quantity.Length % 2 == 0 ? quantity : "0x0" + quantity[2..];
}
