using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Platform.Units;

namespace DaoPlatform.Platform.Custody;

/// <summary>An owner's EIP-712 approval of a vault transaction: 65 bytes r ‖ s ‖ v (v = 27 or 28).</summary>
public sealed record VaultApproval(Address Owner, byte[] Signature);

/// <summary>
/// A vault transaction passed between owners (docs/vault-signing.md): what to call (<c>to</c>, <c>value</c>,
/// <c>data</c>) at which vault nonce, on which vault and chain, and the approvals collected so far.
/// </summary>
public sealed record VaultTransactionFile(
    Address Vault, ulong ChainId, Address To, BigInteger Value, byte[] Data, BigInteger Nonce, string Summary, IReadOnlyList<VaultApproval> Approvals)
{
    /// <summary>The file's JSON.</summary>
    public JsonObject ToJson() => new()
    {
        ["vault"] = Vault.ToChecksumString(),
        ["chainId"] = ChainId,
        ["to"] = To.ToChecksumString(),
        ["value"] = Value.ToString(CultureInfo.InvariantCulture),
        ["data"] = HexConvert.Encode(Data),
        ["nonce"] = Nonce.ToString(CultureInfo.InvariantCulture),
        ["summary"] = Summary,
        ["approvals"] = new JsonArray([.. Approvals.Select(a => (JsonNode)new JsonObject
        {
            ["owner"] = a.Owner.ToChecksumString(),
            ["signature"] = HexConvert.Encode(a.Signature),
        })]),
    };

    /// <summary>True when <paramref name="other"/> is the same transaction (vault, chain, call and nonce).</summary>
    public bool SameTransaction(VaultTransactionFile other) =>
        other is not null && Vault == other.Vault && ChainId == other.ChainId && To == other.To && Value == other.Value
        && Data.AsSpan().SequenceEqual(other.Data) && Nonce == other.Nonce;

    /// <summary>Reads a vault transaction file.</summary>
    /// <exception cref="PlatformException">Missing or malformed.</exception>
    public static async Task<VaultTransactionFile> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        JsonObject json = await JsonFile.ReadAsync(path, "vault transaction", cancellationToken).ConfigureAwait(false);
        var approvals = new List<VaultApproval>();
        foreach (JsonNode? node in JsonFile.Array(json, "approvals", path))
        {
            JsonObject a = node as JsonObject ?? throw PlatformException.BadInput($"{path}: an approval is not an object");
            byte[] signature = InputParsing.ParseHex(JsonFile.Field(a, "signature", path), "signature");
            if (signature.Length != 65)
            {
                throw PlatformException.BadInput($"{path}: a signature has {signature.Length} bytes, not 65");
            }
            approvals.Add(new VaultApproval(InputParsing.ParseAddress(JsonFile.Field(a, "owner", path), "owner"), signature));
        }
        return new VaultTransactionFile(
            InputParsing.ParseAddress(JsonFile.Field(json, "vault", path), "vault"),
            json["chainId"]?.GetValue<ulong>() ?? 0,
            InputParsing.ParseAddress(JsonFile.Field(json, "to", path), "to"),
            InputParsing.ParseInteger(JsonFile.Field(json, "value", path), "value"),
            InputParsing.ParseHex(JsonFile.Field(json, "data", path), "data"),
            InputParsing.ParseInteger(JsonFile.Field(json, "nonce", path), "nonce"),
            json["summary"]?.ToString() ?? "",
            approvals);
    }
}
