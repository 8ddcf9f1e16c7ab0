namespace DaoPlatform.Protocol.Signed;

/// <summary>The governor's vote types (OpenZeppelin <c>GovernorCountingSimple</c>); a ballot file writes them in lower case.</summary>
public enum VoteSupport : byte
{
    /// <summary>Against.</summary>
    Against = 0,

    /// <summary>For.</summary>
    For = 1,

    /// <summary>Abstain.</summary>
    Abstain = 2,
}
