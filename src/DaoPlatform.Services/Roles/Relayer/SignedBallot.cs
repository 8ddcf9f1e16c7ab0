using System.Globalization;
using System.Numerics;
using System.Text.Json;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Services.Roles.Relayer;

/// <summary>
/// A ballot file as the CLI writes it (<c>daoplatform dao vote --sign-to FILE</c>): governor, chainId, proposalId,
/// support (<c>for</c>, <c>against</c> or <c>abstain</c>), voter, nonce and the 65-byte signature (r ‖ s ‖ v) over the
/// EIP-712 <c>Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)</c> of the governor's domain.
/// </summary>
internal sealed record SignedBallot(Address Governor, ulong ChainId, BigInteger ProposalId, byte Support, Address Voter, BigInteger Nonce, byte[] Signature)
{
    /// <summary>Parses the file's JSON.</summary>
    /// <exception cref="FormatException">A field is missing or malformed (the message names it).</exception>
    public static SignedBallot Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        string support = Field(root, "support");
        return new SignedBallot(
            Address.TryParse(Field(root, "governor"), out Address governor) ? governor : throw new FormatException("governor is not an address"),
            root.TryGetProperty("chainId", out JsonElement chainId) && chainId.TryGetUInt64(out ulong id) ? id : throw new FormatException("chainId is missing"),
            Integer(root, "proposalId"),
            support.ToLowerInvariant() switch
            {
                "against" => 0,
                "for" => 1,
                "abstain" => 2,
                _ => throw new FormatException($"support '{support}' is not for, against or abstain"),
            },
            Address.TryParse(Field(root, "voter"), out Address voter) ? voter : throw new FormatException("voter is not an address"),
            Integer(root, "nonce"),
            HexConvert.Decode(Field(root, "signature")));
    }

    private static string Field(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new FormatException($"{name} is missing");

    private static BigInteger Integer(JsonElement root, string name) =>
        BigInteger.TryParse(Field(root, name), NumberStyles.None, CultureInfo.InvariantCulture, out BigInteger value) ? value : throw new FormatException($"{name} is not a decimal integer");
}
