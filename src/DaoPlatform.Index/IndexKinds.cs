namespace DaoPlatform.Index;

/// <summary>The kind names of the events the reader queries (<c>Contract.Event</c>, as <see cref="EventCatalog"/> writes them).</summary>
public static class IndexKinds
{
    public const string ProposalCreated = "DaoGovernor.ProposalCreated";
    public const string VoteCast = "DaoGovernor.VoteCast";
    public const string ProposalQueued = "DaoGovernor.ProposalQueued";
    public const string ProposalExecuted = "DaoGovernor.ProposalExecuted";
    public const string ProposalCanceled = "DaoGovernor.ProposalCanceled";
    public const string VaultExecuted = "MultisigVault.ExecutionSuccess";
    public const string VaultHashApproved = "MultisigVault.HashApproved";
    public const string VaultOwnerAdded = "MultisigVault.OwnerAdded";
    public const string VaultOwnerRemoved = "MultisigVault.OwnerRemoved";
    public const string VaultThresholdChanged = "MultisigVault.ThresholdChanged";
    public const string DelegateVotesChanged = "DaoToken.DelegateVotesChanged";
    public const string TaskCreated = "TrainingTasks.TaskCreated";
    public const string Committed = "TrainingTasks.Committed";
    public const string ModelRevealed = "TrainingTasks.ModelRevealed";
    public const string TestSetChunkRevealed = "TrainingTasks.TestSetChunkRevealed";
    public const string TaskSettled = "TrainingTasks.TaskSettled";
    public const string ResultPosted = "OptimisticVerifier.ResultPosted";
    public const string ResultFinalized = "OptimisticVerifier.ResultFinalized";
    public const string ResultOverturned = "OptimisticVerifier.ResultOverturned";
    public const string AssetRegistered = "AssetRegistry.AssetRegistered";
    public const string AssetTransfer = "AssetRegistry.Transfer";
    public const string AssetRevenuePaid = "AssetRegistry.RevenuePaid";
    public const string VersionRegistered = "AssetRegistry.VersionRegistered";
    public const string IncumbentBeaten = "AssetRegistry.IncumbentBeaten";
    public const string PassTermsOffered = "AccessPasses.TermsOffered";
    public const string PassSaleStateChanged = "AccessPasses.SaleStateChanged";
    public const string PassesBought = "AccessPasses.PassesBought";
    public const string StreamCreated = "StreamVault.StreamCreated";
    public const string StreamWithdrawn = "StreamVault.Withdrawn";
    public const string StreamCanceled = "StreamVault.StreamCanceled";
    public const string StreamToppedUp = "StreamVault.StreamToppedUp";
}

/// <summary>Names of the facts the follower reads from the chain.</summary>
public static class IndexFacts
{
    /// <summary><c>quorum:&lt;proposalId&gt;</c>: the governor's <c>quorum(voteStart)</c> in token base units.</summary>
    public const string QuorumPrefix = "quorum:";
}
