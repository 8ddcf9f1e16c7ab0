using System.Numerics;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Protocol.Rules;

namespace DaoPlatform.Index;

/// <summary>Where and when something happened: block number and time (seconds since the epoch), transaction hash.</summary>
public sealed record ChainMoment(ulong Block, ulong Timestamp, string TransactionHash);

/// <summary>One vote: voter, support (0 against, 1 for, 2 abstain), weight (token base units), reason, when.</summary>
public sealed record VoteView(Address Voter, byte Support, BigInteger Weight, string Reason, ChainMoment Cast);

/// <summary>One action of a proposal: target, value (wei), calldata.</summary>
public sealed record ProposalActionView(Address Target, BigInteger Value, byte[] Calldata);

/// <summary>
/// A proposal as the index knows it at the time <see cref="AsOf"/> (the cursor block's time): its text, actions,
/// voting window (seconds since the epoch), tallies (token base units), quorum (null until the vote has started and
/// the follower read it), its timeline and its state by the governor's rules (<see cref="ProposalLifecycle"/>).
/// </summary>
public sealed record ProposalView(
    BigInteger Id, Address Proposer, string Description, IReadOnlyList<ProposalActionView> Actions,
    ulong VoteStart, ulong VoteEnd, BigInteger For, BigInteger Against, BigInteger Abstain, BigInteger? Quorum,
    ChainMoment Created, ChainMoment? Queued, ulong Eta, ChainMoment? Executed, ChainMoment? Canceled,
    IReadOnlyList<VoteView> Votes, ulong AsOf)
{
    /// <summary>The first line of the description.</summary>
    public string Title => Description.Split('\n', 2)[0].TrimStart('#', ' ');

    /// <summary>The state at <see cref="AsOf"/> (<see cref="ProposalLifecycle"/>).</summary>
    public ProposalState State => ProposalLifecycle.StateOf(
        new ProposalProgress(VoteStart, VoteEnd, For, Against, Abstain, Quorum, Queued is not null, Executed is not null, Canceled is not null), AsOf);

    /// <summary>How <paramref name="voter"/> voted, or null.</summary>
    public VoteView? VoteOf(Address voter) => Votes.FirstOrDefault(v => v.Voter == voter);
}
