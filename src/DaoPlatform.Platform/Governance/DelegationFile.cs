using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Platform.Units;

namespace DaoPlatform.Platform.Governance;

/// <summary>
/// A signed EIP-712 delegation (<c>Delegation(address delegatee,uint256 nonce,uint256 expiry)</c> under the votes
/// token's domain) that anyone can relay with <c>delegateBySig</c>: a holder with no ETH signs offline, a relayer pays
/// the gas. <see cref="Expiry"/> is UNIX seconds.
/// </summary>
public sealed record DelegationFile(Address Token, ulong ChainId, Address Delegator, Address Delegatee, BigInteger Nonce, BigInteger Expiry, byte[] Signature)
{
    /// <summary>The file's JSON (the relayer tells it from a ballot by its <c>delegatee</c>).</summary>
    public JsonObject ToJson() => new()
    {
        ["token"] = Token.ToChecksumString(),
        ["chainId"] = ChainId,
        ["delegator"] = Delegator.ToChecksumString(),
        ["delegatee"] = Delegatee.ToChecksumString(),
        ["nonce"] = Nonce.ToString(CultureInfo.InvariantCulture),
        ["expiry"] = Expiry.ToString(CultureInfo.InvariantCulture),
        ["signature"] = HexConvert.Encode(Signature),
    };

    /// <summary>Reads a delegation file.</summary>
    /// <exception cref="PlatformException">Missing or malformed.</exception>
    public static async Task<DelegationFile> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        JsonObject json = await JsonFile.ReadAsync(path, "delegation", cancellationToken).ConfigureAwait(false);
        return new DelegationFile(
            InputParsing.ParseAddress(JsonFile.Field(json, "token", path), "token"),
            json["chainId"]?.GetValue<ulong>() ?? 0,
            InputParsing.ParseAddress(JsonFile.Field(json, "delegator", path), "delegator"),
            InputParsing.ParseAddress(JsonFile.Field(json, "delegatee", path), "delegatee"),
            InputParsing.ParseInteger(JsonFile.Field(json, "nonce", path), "nonce"),
            InputParsing.ParseInteger(JsonFile.Field(json, "expiry", path), "expiry"),
            InputParsing.ParseHex(JsonFile.Field(json, "signature", path), "signature"));
    }
}
