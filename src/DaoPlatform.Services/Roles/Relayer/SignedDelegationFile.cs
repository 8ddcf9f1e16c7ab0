using System.Globalization;
using System.Numerics;
using System.Text.Json;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Services.Roles.Relayer;

/// <summary>
/// Reads a delegation file as the CLI writes it (<c>daoplatform dao delegate --sign-to FILE</c>): token, chainId, delegator,
/// delegatee, nonce, expiry (UNIX seconds) and the 65-byte signature (r ‖ s ‖ v) over the EIP-712
/// <c>Delegation(address delegatee,uint256 nonce,uint256 expiry)</c> of the token's domain (OpenZeppelin <c>Votes.delegateBySig</c>).
/// </summary>
internal static class SignedDelegationFile
{
    /// <summary>Whether <paramref name="root"/> is a delegation file rather than a ballot (it names a delegatee).</summary>
    public static bool IsDelegation(JsonElement root) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty("delegatee", out _);

    /// <summary>Parses the file's JSON.</summary>
    /// <exception cref="FormatException">A field is missing or malformed (the message names it).</exception>
    public static SignedDelegation Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return Parse(document.RootElement);
    }

    /// <summary>Parses the file's JSON object.</summary>
    /// <exception cref="FormatException">A field is missing or malformed (the message names it).</exception>
    public static SignedDelegation Parse(JsonElement root) => new(
        AddressField(root, "token"),
        root.TryGetProperty("chainId", out JsonElement chainId) && chainId.TryGetUInt64(out ulong id) ? id : throw new FormatException("chainId is missing"),
        AddressField(root, "delegator"),
        AddressField(root, "delegatee"),
        Integer(root, "nonce"),
        Integer(root, "expiry"),
        HexConvert.Decode(Field(root, "signature")));

    private static string Field(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new FormatException($"{name} is missing");

    private static Address AddressField(JsonElement root, string name) =>
        Address.TryParse(Field(root, name), out Address address) ? address : throw new FormatException($"{name} is not an address");

    private static BigInteger Integer(JsonElement root, string name) =>
        BigInteger.TryParse(Field(root, name), NumberStyles.None, CultureInfo.InvariantCulture, out BigInteger value) ? value : throw new FormatException($"{name} is not a decimal integer");
}
