using System.Globalization;
using System.Numerics;
using DaoPlatform.Contracts.Custody;
using DaoPlatform.Contracts.Governance;
using DaoPlatform.Contracts.Registry;
using DaoPlatform.Contracts.Streaming;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Index;

/// <summary>What one log becomes in the index: its kind, subject, actor and JSON payload (see <see cref="IndexedEvent"/>).</summary>
internal readonly record struct DecodedLog(string Kind, string Subject, string Actor, string Payload);

/// <summary>
/// The events the index keeps, by contract (deployment-record name) and topic 0, each decoded with the generated
/// bindings. One table: adding an event is one line.
/// </summary>
internal static class EventCatalog
{
    private sealed record Entry(string Contract, string Topic0, string Kind, Func<LogEntry, DecodedLog> Decode);

    private static readonly Entry[] Entries =
    [
        Of<DaoGovernor.ProposalCreatedEvent>(nameof(DaoGovernor), e => Id(e.ProposalId), e => e.Proposer),
        Of<DaoGovernor.VoteCastEvent>(nameof(DaoGovernor), e => Id(e.ProposalId), e => e.Voter),
        Of<DaoGovernor.ProposalQueuedEvent>(nameof(DaoGovernor), e => Id(e.ProposalId), _ => null),
        Of<DaoGovernor.ProposalExecutedEvent>(nameof(DaoGovernor), e => Id(e.ProposalId), _ => null),
        Of<DaoGovernor.ProposalCanceledEvent>(nameof(DaoGovernor), e => Id(e.ProposalId), _ => null),
        Of<DaoToken.DelegateChangedEvent>(nameof(DaoToken), e => e.Delegator.ToChecksumString(), e => e.Delegator),
        Of<DaoToken.DelegateVotesChangedEvent>(nameof(DaoToken), e => e.Delegate.ToChecksumString(), e => e.Delegate),
        Of<MultisigVault.ExecutionSuccessEvent>(nameof(MultisigVault), e => Id(e.Nonce), _ => null),
        Of<MultisigVault.HashApprovedEvent>(nameof(MultisigVault), e => HexConvert.Encode(e.Hash), e => e.Owner),
        Of<MultisigVault.HashApprovalRevokedEvent>(nameof(MultisigVault), e => HexConvert.Encode(e.Hash), e => e.Owner),
        Of<MultisigVault.OwnerAddedEvent>(nameof(MultisigVault), e => e.Owner.ToChecksumString(), e => e.Owner),
        Of<MultisigVault.OwnerRemovedEvent>(nameof(MultisigVault), e => e.Owner.ToChecksumString(), e => e.Owner),
        Of<MultisigVault.ThresholdChangedEvent>(nameof(MultisigVault), e => Id(e.NewThreshold), _ => null),
        Of<MultisigVault.EtherReceivedEvent>(nameof(MultisigVault), e => e.Sender.ToChecksumString(), e => e.Sender),
        Of<TrainingTasks.TaskCreatedEvent>(nameof(TrainingTasks), e => Id(e.TaskId), e => e.Submitter),
        Of<TrainingTasks.CommittedEvent>(nameof(TrainingTasks), e => Id(e.TaskId), e => e.Trainer),
        Of<TrainingTasks.ModelRevealedEvent>(nameof(TrainingTasks), e => Id(e.TaskId), e => e.Trainer),
        Of<TrainingTasks.TestSetChunkRevealedEvent>(nameof(TrainingTasks), e => Id(e.TaskId), _ => null),
        Of<TrainingTasks.TestSetRevealedEvent>(nameof(TrainingTasks), e => Id(e.TaskId), _ => null),
        Of<TrainingTasks.TaskSettledEvent>(nameof(TrainingTasks), e => Id(e.TaskId), e => e.Recipient),
        Of<TrainingTasks.StakesForfeitedEvent>(nameof(TrainingTasks), e => Id(e.TaskId), _ => null),
        Of<OptimisticVerifier.ResultPostedEvent>(nameof(OptimisticVerifier), e => Id(e.TaskId), e => e.Evaluator),
        Of<OptimisticVerifier.ResultFinalizedEvent>(nameof(OptimisticVerifier), e => Id(e.TaskId), e => e.Evaluator),
        Of<OptimisticVerifier.ResultOverturnedEvent>(nameof(OptimisticVerifier), e => Id(e.TaskId), e => e.Challenger),
        Of<OptimisticVerifier.GameOpenedEvent>(nameof(OptimisticVerifier), e => Id(e.TaskId), e => e.Challenger),
        Of<OptimisticVerifier.GameAnsweredEvent>(nameof(OptimisticVerifier), e => Id(e.TaskId), _ => null),
        Of<OptimisticVerifier.GameEndedEvent>(nameof(OptimisticVerifier), e => Id(e.TaskId), e => e.Challenger),
        Of<AssetRegistry.AssetRegisteredEvent>(nameof(AssetRegistry), e => Id(e.TokenId), e => e.Owner),
        Of<AssetRegistry.TransferEvent>(nameof(AssetRegistry), e => Id(e.TokenId), e => e.To),
        Of<AssetRegistry.RevenuePaidEvent>(nameof(AssetRegistry), e => Id(e.TokenId), e => e.Payer),
        Of<AssetRegistry.MetadataURIUpdatedEvent>(nameof(AssetRegistry), e => Id(e.TokenId), _ => null),
        // By the version it succeeds, so that an asset's page finds its next versions.
        Of<AssetRegistry.VersionRegisteredEvent>(nameof(AssetRegistry), e => Id(e.Previous), _ => null),
        // By the incumbent beaten, so that its page finds a winner still to be registered as its next version.
        Of<AssetRegistry.IncumbentBeatenEvent>(nameof(AssetRegistry), e => Id(e.IncumbentAsset), _ => null),
        Of<AccessPasses.TermsOfferedEvent>(nameof(AccessPasses), e => Id(e.AssetId), _ => null),
        Of<AccessPasses.SaleStateChangedEvent>(nameof(AccessPasses), e => Id(e.PassId), _ => null),
        Of<AccessPasses.PassesBoughtEvent>(nameof(AccessPasses), e => Id(e.AssetId), e => e.Buyer),
        Of<AccessPasses.PassUsedEvent>(nameof(AccessPasses), e => Id(e.PassId), e => e.Holder),
        Of<StreamVault.StreamCreatedEvent>(nameof(StreamVault), e => HexConvert.Encode(e.StreamId), e => e.Payer),
        Of<StreamVault.StreamToppedUpEvent>(nameof(StreamVault), e => HexConvert.Encode(e.StreamId), _ => null),
        Of<StreamVault.StreamCanceledEvent>(nameof(StreamVault), e => HexConvert.Encode(e.StreamId), _ => null),
        Of<StreamVault.WithdrawnEvent>(nameof(StreamVault), e => HexConvert.Encode(e.StreamId), e => e.Recipient),
        Of<RevenueSplitter.RevenueDepositedEvent>(nameof(RevenueSplitter), e => e.From.ToChecksumString(), e => e.From),
        Of<RevenueSplitter.ReleasedEvent>(nameof(RevenueSplitter), e => e.Account.ToChecksumString(), e => e.Account),
        Of<RevenueSplitter.SharesChangedEvent>(nameof(RevenueSplitter), e => e.Account.ToChecksumString(), e => e.Account),
    ];

    private static readonly Dictionary<(string Contract, string Topic0), Entry> ByTopic =
        Entries.ToDictionary(e => (e.Contract, e.Topic0));

    /// <summary>The contract names the catalog has events of.</summary>
    public static IReadOnlyCollection<string> ContractNames { get; } = [.. Entries.Select(e => e.Contract).Distinct()];

    /// <summary>The kind names (<c>Contract.Event</c>) the catalog keeps.</summary>
    public static IReadOnlyCollection<string> Kinds { get; } = [.. Entries.Select(e => e.Kind)];

    /// <summary>The kinds the catalog keeps of the contracts named <paramref name="contracts"/>, each with its contract and topic 0.</summary>
    public static IReadOnlyList<(string Contract, string Kind, byte[] Topic0)> KindsOf(IReadOnlyCollection<string> contracts) =>
        [.. Entries.Where(e => contracts.Contains(e.Contract)).Select(e => (e.Contract, e.Kind, HexConvert.Decode(e.Topic0)))];

    /// <summary>Decodes <paramref name="log"/> of contract <paramref name="contract"/>, or null when it is not an event the index keeps.</summary>
    /// <exception cref="Ethereum.Abi.AbiException">The log does not decode as the event its topic 0 names.</exception>
    public static DecodedLog? Decode(string contract, LogEntry log) =>
        log.Topics.Count > 0 && ByTopic.TryGetValue((contract, HexConvert.Encode(log.Topics[0])), out Entry? entry) ? entry.Decode(log) : null;

    private static Entry Of<TEvent>(string contract, Func<TEvent, string> subject, Func<TEvent, Address?> actor)
        where TEvent : IEventRecord<TEvent>
    {
        string kind = contract + "." + TEvent.Descriptor.Name;
        return new Entry(contract, TEvent.Descriptor.Topic0Hex, kind, log =>
        {
            TEvent e = ReceiptEvents.DecodeLog<TEvent>(log);
            return new DecodedLog(kind, subject(e), actor(e)?.ToChecksumString() ?? "", EventJson.Write(e));
        });
    }

    private static string Id(BigInteger id) => id.ToString(CultureInfo.InvariantCulture);
}
