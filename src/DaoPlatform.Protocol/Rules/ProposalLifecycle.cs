using System.Numerics;

namespace DaoPlatform.Protocol.Rules;

/// <summary>The governor's proposal states, numbered as <c>IGovernor.ProposalState</c>.</summary>
public enum ProposalState
{
    /// <summary>Created; voting has not started (now ≤ vote start).</summary>
    Pending = 0,

    /// <summary>Voting is open (vote start &lt; now ≤ vote end).</summary>
    Active = 1,

    /// <summary>Canceled by its proposer before voting started, or by the guardian.</summary>
    Canceled = 2,

    /// <summary>Voting ended without quorum or with no more for than against.</summary>
    Defeated = 3,

    /// <summary>Voting ended with quorum and more for than against; not queued yet.</summary>
    Succeeded = 4,

    /// <summary>In the timelock, executable from its eta.</summary>
    Queued = 5,

    /// <summary>Past its execution window (unused by a timelocked governor; kept for the numbering).</summary>
    Expired = 6,

    /// <summary>Executed.</summary>
    Executed = 7,
}

/// <summary>What a proposal's state depends on: its voting window (seconds since the epoch, the governor's clock), tallies and quorum (token base units, the quorum null until it is known), and the lifecycle events seen.</summary>
public sealed record ProposalProgress(
    ulong VoteStart, ulong VoteEnd, BigInteger For, BigInteger Against, BigInteger Abstain, BigInteger? Quorum,
    bool Queued, bool Executed, bool Canceled);

/// <summary>
/// A proposal's state by the rules of OpenZeppelin's Governor with GovernorCountingSimple and a timelock: the same
/// answer as <c>state(proposalId)</c> at time <c>now</c>, computed from events, for the index, the hub and the CLI.
/// Quorum counts for and abstain votes; a vote succeeds with more for than against. An unknown quorum after the vote
/// counts as not reached (the index reads it when the vote starts).
/// </summary>
public static class ProposalLifecycle
{
    /// <summary>The state of <paramref name="proposal"/> at <paramref name="now"/> (seconds since the epoch).</summary>
    public static ProposalState StateOf(ProposalProgress proposal, ulong now)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return proposal.Executed ? ProposalState.Executed
            : proposal.Canceled ? ProposalState.Canceled
            : proposal.VoteStart >= now ? ProposalState.Pending
            : proposal.VoteEnd >= now ? ProposalState.Active
            : !QuorumReached(proposal) || proposal.For <= proposal.Against ? ProposalState.Defeated
            : proposal.Queued ? ProposalState.Queued
            : ProposalState.Succeeded;
    }

    /// <summary>Whether for and abstain votes reach the quorum (false while the quorum is unknown).</summary>
    public static bool QuorumReached(ProposalProgress proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return proposal.Quorum is { } quorum && proposal.For + proposal.Abstain >= quorum;
    }
}
