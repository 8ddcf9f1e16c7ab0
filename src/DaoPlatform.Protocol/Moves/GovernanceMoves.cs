using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Ethereum.Signing.Eip712;

namespace DaoPlatform.Protocol.Moves;

/// <summary>One call of a proposal: the target, the wei the timelock sends and the calldata.</summary>
public sealed record ProposalCall(Address Target, BigInteger Value, byte[] Data);

/// <summary>
/// The DAO's governance moves (OpenZeppelin Governor with a timelock): delegate votes, propose, vote, relay a signed
/// ballot, queue and execute; and the EIP-712 ballot a member signs for gasless voting.
/// </summary>
public static class GovernanceMoves
{
    /// <summary><c>DaoToken.delegate(delegatee)</c>: the sender's votes count for <paramref name="delegatee"/> (itself to vote).</summary>
    public static Move Delegate(Address token, Address delegatee) =>
        new("DaoToken.delegate", token, DaoToken.EncodeDelegateCall(delegatee), BigInteger.Zero, $"delegate your votes to {delegatee}");

    /// <summary>
    /// The EIP-712 <c>Delegation(address delegatee,uint256 nonce,uint256 expiry)</c> a token holder signs under the
    /// token's domain (OpenZeppelin <c>Votes.delegateBySig</c>) so that anyone can relay the delegation and pay its gas.
    /// The delegator is not in the struct: the token recovers it from the signature, and <paramref name="nonce"/> must be
    /// its current <c>nonces(delegator)</c> (shared with ERC-2612 permits); <paramref name="expiry"/> is a UNIX time in
    /// seconds after which the token refuses the signature (<c>VotesExpiredSignature</c>).
    /// </summary>
    public static SignatureRequest Delegation(Eip712Domain domain, Address delegator, Address delegatee, BigInteger nonce, BigInteger expiry)
    {
        var delegation = new DaoToken.Delegation(delegatee, nonce, expiry);
        return new SignatureRequest(delegation.ToTypedData(domain),
            $"a delegation of {delegator}'s votes to {delegatee} (nonce {nonce}, valid until {UnitFormat.Timestamp(expiry)}), for anyone to relay");
    }

    /// <summary>
    /// <c>DaoToken.delegateBySig(delegatee, nonce, expiry, v, r, s)</c>: relays a signed <see cref="Delegation"/>; the
    /// sender pays the gas, the signer's votes go to <paramref name="delegatee"/>.
    /// </summary>
    /// <param name="token">The votes token.</param>
    /// <param name="delegator">The signer, for the summary (the token recovers it from the signature).</param>
    /// <param name="delegatee">Who receives the votes.</param>
    /// <param name="nonce">The delegator's nonce signed.</param>
    /// <param name="expiry">The expiry signed, UNIX seconds.</param>
    /// <param name="signature">The 65-byte signature r ‖ s ‖ v (v 27 or 28, or the y parity 0 or 1).</param>
    /// <exception cref="SignatureException">The signature is not 65 bytes, or its r, s or v is invalid.</exception>
    public static Move DelegateBySig(Address token, Address delegator, Address delegatee, BigInteger nonce, BigInteger expiry, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        Signature parsed = Signature.FromBytes(signature);
        return new Move("DaoToken.delegateBySig", token,
            DaoToken.EncodeDelegateBySigCall(delegatee, nonce, expiry, parsed.V, parsed.RBytes.ToArray(), parsed.SBytes.ToArray()), BigInteger.Zero,
            $"relay {delegator}'s signed delegation of its votes to {delegatee}");
    }

    /// <summary><c>propose(targets, values, calldatas, description)</c>; the summary lists what each call does from the treasury.</summary>
    /// <exception cref="ArgumentException">No call.</exception>
    public static Move Propose(Address governor, IReadOnlyList<ProposalCall> calls, string description)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(description);
        if (calls.Count == 0)
        {
            throw new ArgumentException("a proposal needs at least one call", nameof(calls));
        }
        return new Move("Governor.propose", governor,
            DaoGovernor.EncodeProposeCall([.. calls.Select(c => c.Target)], [.. calls.Select(c => c.Value)], [.. calls.Select(c => c.Data)], description),
            BigInteger.Zero, $"propose \"{FirstLine(description)}\": {Describe(calls)}");
    }

    /// <summary><c>castVote(proposalId, support)</c> (0 against, 1 for, 2 abstain).</summary>
    public static Move CastVote(Address governor, BigInteger proposalId, byte support) =>
        new("Governor.castVote", governor, DaoGovernor.EncodeCastVoteCall(proposalId, support), BigInteger.Zero,
            $"vote {SupportName(support)} proposal {proposalId}");

    /// <summary>
    /// <c>castVoteWithReason(proposalId, support, reason)</c>: the vote with the voter's reason, kept in the
    /// <c>VoteCast</c> event; an empty reason is the same vote as <see cref="CastVote"/>'s.
    /// </summary>
    public static Move CastVoteWithReason(Address governor, BigInteger proposalId, byte support, string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return new Move("Governor.castVoteWithReason", governor, DaoGovernor.EncodeCastVoteWithReasonCall(proposalId, support, reason), BigInteger.Zero,
            reason.Length == 0 ? $"vote {SupportName(support)} proposal {proposalId}" : $"vote {SupportName(support)} proposal {proposalId} because \"{FirstLine(reason)}\"");
    }

    /// <summary>The EIP-712 ballot <paramref name="voter"/> signs so that anyone can relay the vote (<c>castVoteBySig</c>).</summary>
    public static SignatureRequest Ballot(Eip712Domain domain, BigInteger proposalId, byte support, Address voter, BigInteger nonce)
    {
        var ballot = new DaoGovernor.Ballot(proposalId, support, voter, nonce);
        return new SignatureRequest(ballot.ToTypedData(domain), $"a ballot voting {SupportName(support)} proposal {proposalId} as {voter} (nonce {nonce}), for anyone to relay");
    }

    /// <summary><c>castVoteBySig</c>: relays <paramref name="voter"/>'s signed ballot; the sender pays the gas, the voter's votes count.</summary>
    public static Move CastVoteBySig(Address governor, BigInteger proposalId, byte support, Address voter, byte[] signature) =>
        new("Governor.castVoteBySig", governor, DaoGovernor.EncodeCastVoteBySigCall(proposalId, support, voter, signature), BigInteger.Zero,
            $"relay {voter}'s signed ballot voting {SupportName(support)} proposal {proposalId}");

    /// <summary><c>queue</c>: a succeeded proposal enters the timelock.</summary>
    public static Move Queue(Address governor, IReadOnlyList<ProposalCall> calls, byte[] descriptionHash)
    {
        ArgumentNullException.ThrowIfNull(calls);
        return new Move("Governor.queue", governor,
            DaoGovernor.EncodeQueueCall([.. calls.Select(c => c.Target)], [.. calls.Select(c => c.Value)], [.. calls.Select(c => c.Data)], descriptionHash),
            BigInteger.Zero, $"queue the proposal {HexConvert.Encode(descriptionHash)} in the timelock: {Describe(calls)}");
    }

    /// <summary><c>execute</c>: a queued proposal whose delay has passed runs from the timelock.</summary>
    public static Move Execute(Address governor, IReadOnlyList<ProposalCall> calls, byte[] descriptionHash)
    {
        ArgumentNullException.ThrowIfNull(calls);
        return new Move("Governor.execute", governor,
            DaoGovernor.EncodeExecuteCall([.. calls.Select(c => c.Target)], [.. calls.Select(c => c.Value)], [.. calls.Select(c => c.Data)], descriptionHash),
            BigInteger.Zero, $"execute the proposal: {Describe(calls)}");
    }

    /// <summary>"for", "against" or "abstain on".</summary>
    public static string SupportName(byte support) => support switch
    {
        0 => "against",
        1 => "for",
        2 => "abstain on",
        _ => $"support {support} on",
    };

    private static string Describe(IReadOnlyList<ProposalCall> calls) =>
        string.Join("; ", calls.Select(c => CallDescriptions.Describe("the treasury", c.Target, c.Value, c.Data)));

    private static string FirstLine(string text)
    {
        string line = text.Split('\n', 2)[0].Trim();
        return line.Length <= 80 ? line : line[..77] + "...";
    }
}
