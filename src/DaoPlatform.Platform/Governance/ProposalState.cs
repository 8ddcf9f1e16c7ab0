namespace DaoPlatform.Platform.Governance;

/// <summary>The governor's proposal states, in the order of OpenZeppelin's <c>IGovernor.ProposalState</c>.</summary>
public enum ProposalState : byte
{
    /// <summary>Waiting for the vote to start.</summary>
    Pending,

    /// <summary>Voting.</summary>
    Active,

    /// <summary>Cancelled.</summary>
    Canceled,

    /// <summary>Lost the vote or missed quorum.</summary>
    Defeated,

    /// <summary>Won; to be queued.</summary>
    Succeeded,

    /// <summary>In the timelock.</summary>
    Queued,

    /// <summary>Not executed in time.</summary>
    Expired,

    /// <summary>Executed.</summary>
    Executed,
}
