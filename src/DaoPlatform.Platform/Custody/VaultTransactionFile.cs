using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using System.Text.RegularExpressions;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Ethereum.Signing.Eip712;
using DaoPlatform.Platform.Units;

namespace DaoPlatform.Platform.Custody;

/// <summary>An owner's EIP-712 approval of a vault transaction: 65 bytes r ‖ s ‖ v (v = 27 or 28).</summary>
public sealed record VaultApproval(Address Owner, byte[] Signature);

/// <summary>
/// A vault transaction passed between owners (docs/vault-signing.md): what to call (<c>to</c>, <c>value</c>,
/// <c>data</c>) at which vault nonce, on which vault and chain, and the approvals collected so far.
/// </summary>
/// <remarks>
/// The file's <c>summary</c> is not free text: it is <see cref="Description"/>, recomputed from the call on every
/// read, and a file whose summary disagrees with its contents is refused. The proposer's own words go in <c>note</c>
/// (<see cref="Summary"/>), shown as such; an ETH amount the note names must be the value sent.
/// </remarks>
public sealed record VaultTransactionFile(
    Address Vault, ulong ChainId, Address To, BigInteger Value, byte[] Data, BigInteger Nonce, string Summary, IReadOnlyList<VaultApproval> Approvals)
{
    /// <summary>What the call does, recomputed from <c>to</c>, <c>value</c> and <c>data</c> (the file's <c>summary</c>).</summary>
    public string Description => $"vault nonce {Nonce}: {Protocol.Moves.CallDescriptions.Describe("the vault", To, Value, Data)}";

    /// <summary>The EIP-712 <c>VaultTransaction</c> an owner signs: domain, struct hash and digest.</summary>
    public Protocol.Moves.SignatureRequest Approval() =>
        Protocol.Moves.VaultMoves.Approval(new Eip712Domain { Name = "MultisigVault", Version = "1", ChainId = ChainId, VerifyingContract = Vault }, To, Value, Data, Nonce);

    /// <summary>Checks that every approval in the file recovers, against this transaction's digest, to the owner it names.</summary>
    /// <exception cref="PlatformException">An approval signed another transaction (the file changed after it was signed) or by another key.</exception>
    public void CheckApprovals(string source)
    {
        TypedData typed = Approval().TypedData;
        foreach (VaultApproval approval in Approvals)
        {
            Address signer;
            try
            {
                signer = typed.RecoverSigner(Signature.FromBytes(approval.Signature));
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
            {
                throw PlatformException.BadInput($"{source}: the approval of {approval.Owner} is not a valid signature ({e.Message})", e);
            }
            if (signer != approval.Owner)
            {
                throw PlatformException.BadInput(
                    $"{source}: the approval listed for {approval.Owner} does not match this transaction (it recovers to {signer}): the file changed after it was signed, or the approval is for another transaction; refusing it");
            }
        }
    }

    /// <summary>The file's JSON.</summary>
    public JsonObject ToJson() => new()
    {
        ["vault"] = Vault.ToChecksumString(),
        ["chainId"] = ChainId,
        ["to"] = To.ToChecksumString(),
        ["value"] = Value.ToString(CultureInfo.InvariantCulture),
        ["data"] = HexConvert.Encode(Data),
        ["nonce"] = Nonce.ToString(CultureInfo.InvariantCulture),
        ["summary"] = Description,
        ["note"] = Summary,
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
        var file = new VaultTransactionFile(
            InputParsing.ParseAddress(JsonFile.Field(json, "vault", path), "vault"),
            json["chainId"]?.GetValue<ulong>() ?? 0,
            InputParsing.ParseAddress(JsonFile.Field(json, "to", path), "to"),
            InputParsing.ParseInteger(JsonFile.Field(json, "value", path), "value"),
            InputParsing.ParseHex(JsonFile.Field(json, "data", path), "data"),
            InputParsing.ParseInteger(JsonFile.Field(json, "nonce", path), "nonce"),
            json["note"]?.ToString() ?? "",
            approvals);
        string summary = JsonFile.Field(json, "summary", path);
        if (summary != file.Description)
        {
            throw PlatformException.BadInput($"{path}: its summary says \"{summary}\" but its contents say \"{file.Description}\"; refusing a file that disagrees with itself");
        }
        file.CheckNote(path);
        return file;
    }

    /// <summary>An ETH amount the note names must be the value the transaction sends.</summary>
    private void CheckNote(string source)
    {
        var amounts = Regex.Matches(Summary, @"(\d+(?:\.\d+)?)\s*ETH\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
            .Select(m => EtherAmount.Parse(m.Groups[1].Value)).ToList();
        if (amounts.Count > 0 && !amounts.Contains(Value))
        {
            throw PlatformException.BadInput(
                $"{source}: its note \"{Summary}\" names {string.Join(", ", amounts.Select(a => EtherAmount.Format(a) + " ETH"))} but the transaction sends {EtherAmount.Format(Value)} ETH; refusing it");
        }
    }
}
