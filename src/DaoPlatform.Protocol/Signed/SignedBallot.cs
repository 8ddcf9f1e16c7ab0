using System.Numerics;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Protocol.Signed;

/// <summary>
/// A ballot signed offline (EIP-712 <c>Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)</c> under the
/// governor's domain, OpenZeppelin <c>Governor.castVoteBySig</c>) that anyone can relay: the voter signs, a relayer pays
/// the gas. The file (<c>dao vote --sign-to</c>, the node's inbox and <c>POST /ballots</c>) is a JSON object: governor,
/// chainId (a number), proposalId, support (<c>for</c>, <c>against</c> or <c>abstain</c>), voter, nonce (decimal
/// strings) and the 65-byte signature (r ‖ s ‖ v, 0x-hex).
/// </summary>
public sealed record SignedBallot(Address Governor, ulong ChainId, BigInteger ProposalId, VoteSupport Support, Address Voter, BigInteger Nonce, byte[] Signature)
{
    /// <summary>The file's JSON.</summary>
    public JsonObject ToJson() => new()
    {
        ["governor"] = Governor.ToChecksumString(),
        ["chainId"] = ChainId,
        ["proposalId"] = SignedFields.Decimal(ProposalId),
        ["support"] = Support.ToString().ToLowerInvariant(),
        ["voter"] = Voter.ToChecksumString(),
        ["nonce"] = SignedFields.Decimal(Nonce),
        ["signature"] = HexConvert.Encode(Signature),
    };

    /// <summary>Reads a ballot file's JSON object.</summary>
    /// <exception cref="SignedFileException">A field is missing or malformed (<see cref="SignedFileException.Field"/> names it).</exception>
    public static SignedBallot Parse(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new SignedBallot(
            SignedFields.Address(json, "governor"),
            SignedFields.ChainId(json),
            SignedFields.Integer(json, "proposalId"),
            ParseSupport(SignedFields.Text(json, "support")),
            SignedFields.Address(json, "voter"),
            SignedFields.Integer(json, "nonce"),
            SignedFields.Signature(json));
    }

    private static VoteSupport ParseSupport(string text) => text.ToLowerInvariant() switch
    {
        "against" => VoteSupport.Against,
        "for" => VoteSupport.For,
        "abstain" => VoteSupport.Abstain,
        _ => throw new SignedFileException($"the field 'support' is '{text}', not for, against or abstain", "support"),
    };
}
