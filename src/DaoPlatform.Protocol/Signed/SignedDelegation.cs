using System.Numerics;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Protocol.Signed;

/// <summary>
/// A delegation signed offline (EIP-712 <c>Delegation(address delegatee,uint256 nonce,uint256 expiry)</c> under the
/// votes token's domain, OpenZeppelin <c>Votes.delegateBySig</c>) that anyone can relay: a holder with no ETH signs, a
/// relayer pays the gas. The file (<c>dao delegate --sign-to</c>, the node's inbox and <c>POST /delegations</c>) is a
/// JSON object: token, chainId (a number), delegator, delegatee, nonce and expiry (UNIX seconds; decimal strings) and
/// the 65-byte signature (r ‖ s ‖ v, 0x-hex).
/// </summary>
public sealed record SignedDelegation(Address Token, ulong ChainId, Address Delegator, Address Delegatee, BigInteger Nonce, BigInteger Expiry, byte[] Signature)
{
    /// <summary>The file's JSON (told from a ballot by its <c>delegatee</c>).</summary>
    public JsonObject ToJson() => new()
    {
        ["token"] = Token.ToChecksumString(),
        ["chainId"] = ChainId,
        ["delegator"] = Delegator.ToChecksumString(),
        ["delegatee"] = Delegatee.ToChecksumString(),
        ["nonce"] = SignedFields.Decimal(Nonce),
        ["expiry"] = SignedFields.Decimal(Expiry),
        ["signature"] = HexConvert.Encode(Signature),
    };

    /// <summary>Reads a delegation file's JSON object.</summary>
    /// <exception cref="SignedFileException">A field is missing or malformed (<see cref="SignedFileException.Field"/> names it).</exception>
    public static SignedDelegation Parse(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new SignedDelegation(
            SignedFields.Address(json, "token"),
            SignedFields.ChainId(json),
            SignedFields.Address(json, "delegator"),
            SignedFields.Address(json, "delegatee"),
            SignedFields.Integer(json, "nonce"),
            SignedFields.Integer(json, "expiry"),
            SignedFields.Signature(json));
    }
}
