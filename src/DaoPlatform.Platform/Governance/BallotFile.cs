using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Platform.Units;

namespace DaoPlatform.Platform.Governance;

/// <summary>
/// A signed EIP-712 ballot (<c>Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)</c> under the
/// governor's domain) that anyone can relay with <c>castVoteBySig</c>: the voter signs offline, a relayer pays the gas.
/// </summary>
public sealed record BallotFile(Address Governor, ulong ChainId, BigInteger ProposalId, VoteSupport Support, Address Voter, BigInteger Nonce, byte[] Signature)
{
    /// <summary>The file's JSON.</summary>
    public JsonObject ToJson() => new()
    {
        ["governor"] = Governor.ToChecksumString(),
        ["chainId"] = ChainId,
        ["proposalId"] = ProposalId.ToString(CultureInfo.InvariantCulture),
        ["support"] = Support.ToString().ToLowerInvariant(),
        ["voter"] = Voter.ToChecksumString(),
        ["nonce"] = Nonce.ToString(CultureInfo.InvariantCulture),
        ["signature"] = HexConvert.Encode(Signature),
    };

    /// <summary>Reads a ballot file.</summary>
    /// <exception cref="PlatformException">Missing or malformed.</exception>
    public static async Task<BallotFile> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        JsonObject json = await JsonFile.ReadAsync(path, "ballot", cancellationToken).ConfigureAwait(false);
        string support = JsonFile.Field(json, "support", path);
        return new BallotFile(
            InputParsing.ParseAddress(JsonFile.Field(json, "governor", path), "governor"),
            json["chainId"]?.GetValue<ulong>() ?? 0,
            InputParsing.ParseInteger(JsonFile.Field(json, "proposalId", path), "proposalId"),
            Enum.TryParse(support, ignoreCase: true, out VoteSupport s) ? s : throw PlatformException.BadInput($"{path}: support '{support}' is not for, against or abstain"),
            InputParsing.ParseAddress(JsonFile.Field(json, "voter", path), "voter"),
            InputParsing.ParseInteger(JsonFile.Field(json, "nonce", path), "nonce"),
            InputParsing.ParseHex(JsonFile.Field(json, "signature", path), "signature"));
    }
}
