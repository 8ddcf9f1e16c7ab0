using System.Globalization;
using System.Numerics;
using DaoPlatform.Contracts.Custody;
using DaoPlatform.Contracts.Governance;
using DaoPlatform.Contracts.Registry;
using DaoPlatform.Contracts.Streaming;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Index.Storage;
using DaoPlatform.Protocol.Reads;

namespace DaoPlatform.Index;

/// <summary>A vault transaction executed on chain: nonce, the EIP-712 digest the owners signed, when.</summary>
public sealed record VaultExecutionView(BigInteger Nonce, byte[] Digest, ChainMoment Executed);

/// <summary>The vault's owners, approval threshold and next nonce.</summary>
public sealed record VaultStateView(IReadOnlyList<Address> Owners, BigInteger Threshold, BigInteger Nonce);

/// <summary>The index's state: the cursor (null before the first block).</summary>
public sealed record IndexStatus(IndexedBlock? Cursor);

/// <summary>The views the hub's pages and the JSON API read, built from the index's events.</summary>
public sealed class IndexReader(IndexStore store)
{
    private static readonly string[] ProposalKinds =
        [IndexKinds.ProposalCreated, IndexKinds.VoteCast, IndexKinds.ProposalQueued, IndexKinds.ProposalExecuted, IndexKinds.ProposalCanceled];

    /// <summary>The event kinds the index keeps (<c>Contract.Event</c>).</summary>
    public static IReadOnlyCollection<string> Kinds => EventCatalog.Kinds;

    /// <summary>The cursor.</summary>
    public async Task<IndexStatus> StatusAsync(CancellationToken cancellationToken = default) =>
        new(await store.CursorAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// The proposals, newest first, at most <paramref name="limit"/> after <paramref name="offset"/>, in four queries
    /// whatever the page's size: the page's creations, all their other events at once, their quorums, the cursor.
    /// </summary>
    public async Task<IReadOnlyList<ProposalView>> ProposalsAsync(int limit = 50, int offset = 0, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<IndexedEvent> created = await store.EventsAsync([IndexKinds.ProposalCreated], newestFirst: true, limit: limit, offset: offset, cancellationToken: cancellationToken).ConfigureAwait(false);
        string[] ids = [.. created.Select(e => e.Subject)];
        ILookup<string, IndexedEvent> events = (await store.EventsAboutAsync(ProposalKinds, ids, cancellationToken).ConfigureAwait(false)).ToLookup(e => e.Subject, StringComparer.Ordinal);
        IReadOnlyDictionary<string, string> quorums = await store.FactsNamedAsync([.. ids.Select(id => IndexFacts.QuorumPrefix + id)], cancellationToken).ConfigureAwait(false);
        IndexedBlock? cursor = await store.CursorAsync(cancellationToken).ConfigureAwait(false);
        return [.. ids.Select(id => Proposal(id, [.. events[id]], quorums, cursor)!)];
    }

    /// <summary>One proposal by id (decimal), or null when the index has none.</summary>
    public async Task<ProposalView?> ProposalAsync(string id, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<IndexedEvent> events = await store.EventsAsync(ProposalKinds, subject: id, limit: int.MaxValue, cancellationToken: cancellationToken).ConfigureAwait(false);
        IReadOnlyDictionary<string, string> quorum = await store.FactsNamedAsync([IndexFacts.QuorumPrefix + id], cancellationToken).ConfigureAwait(false);
        IndexedBlock? cursor = await store.CursorAsync(cancellationToken).ConfigureAwait(false);
        return Proposal(id, events, quorum, cursor);
    }

    /// <summary>Proposal <paramref name="id"/> from its events (oldest first), or null without its creation.</summary>
    private static ProposalView? Proposal(string id, IReadOnlyList<IndexedEvent> events, IReadOnlyDictionary<string, string> quorums, IndexedBlock? cursor)
    {
        if (events.FirstOrDefault(e => e.Kind == IndexKinds.ProposalCreated) is not { } createdEvent)
        {
            return null;
        }
        var created = createdEvent.Read<DaoGovernor.ProposalCreatedEvent>();
        BigInteger @for = 0, against = 0, abstain = 0;
        var votes = new List<VoteView>();
        ChainMoment? queued = null, executed = null, canceled = null;
        ulong eta = 0;
        foreach (IndexedEvent e in events)
        {
            switch (e.Kind)
            {
                case IndexKinds.VoteCast:
                    var vote = e.Read<DaoGovernor.VoteCastEvent>();
                    votes.Add(new VoteView(vote.Voter, vote.Support, vote.Weight, vote.Reason, Moment(e)));
                    _ = vote.Support switch
                    {
                        0 => against += vote.Weight,
                        1 => @for += vote.Weight,
                        _ => abstain += vote.Weight,
                    };
                    break;
                case IndexKinds.ProposalQueued:
                    queued = Moment(e);
                    eta = (ulong)e.Read<DaoGovernor.ProposalQueuedEvent>().EtaSeconds;
                    break;
                case IndexKinds.ProposalExecuted:
                    executed = Moment(e);
                    break;
                case IndexKinds.ProposalCanceled:
                    canceled = Moment(e);
                    break;
            }
        }
        return new ProposalView(
            created.ProposalId, created.Proposer, created.Description,
            [.. created.Targets.Select((t, i) => new ProposalActionView(t, created.Values[i], created.Calldatas[i]))],
            (ulong)created.VoteStart, (ulong)created.VoteEnd, @for, against, abstain,
            quorums.TryGetValue(IndexFacts.QuorumPrefix + id, out string? q) ? BigInteger.Parse(q, System.Globalization.CultureInfo.InvariantCulture) : null,
            Moment(createdEvent), queued, eta, executed, canceled, votes, cursor?.Timestamp ?? 0);
    }

    /// <summary>The vault's executed transactions, newest first, at most <paramref name="limit"/> after <paramref name="offset"/>.</summary>
    public async Task<IReadOnlyList<VaultExecutionView>> VaultHistoryAsync(int limit = 50, int offset = 0, CancellationToken cancellationToken = default) =>
        [.. (await store.EventsAsync([IndexKinds.VaultExecuted], newestFirst: true, limit: limit, offset: offset, cancellationToken: cancellationToken).ConfigureAwait(false))
            .Select(e => (Event: e.Read<MultisigVault.ExecutionSuccessEvent>(), Log: e))
            .Select(x => new VaultExecutionView(x.Event.Nonce, x.Event.TxHash, Moment(x.Log)))];

    private static readonly string[] TaskKinds =
    [
        IndexKinds.TaskCreated, IndexKinds.Committed, IndexKinds.ModelRevealed, IndexKinds.TestSetChunkRevealed, IndexKinds.TaskSettled,
        IndexKinds.ResultPosted, IndexKinds.ResultFinalized, IndexKinds.ResultOverturned,
    ];

    /// <summary>
    /// The tasks, newest first, at most <paramref name="limit"/> after <paramref name="offset"/>, in three queries
    /// whatever the page's size: the page's creations, all their other events at once, the cursor.
    /// </summary>
    public async Task<IReadOnlyList<TaskView>> TasksAsync(int limit = 50, int offset = 0, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<IndexedEvent> created = await store.EventsAsync([IndexKinds.TaskCreated], newestFirst: true, limit: limit, offset: offset, cancellationToken: cancellationToken).ConfigureAwait(false);
        string[] ids = [.. created.Select(e => e.Subject)];
        ILookup<string, IndexedEvent> events = (await store.EventsAboutAsync(TaskKinds, ids, cancellationToken).ConfigureAwait(false)).ToLookup(e => e.Subject, StringComparer.Ordinal);
        IndexedBlock? cursor = await store.CursorAsync(cancellationToken).ConfigureAwait(false);
        return [.. ids.Select(id => Task(events[id].ToList(), cursor)!)];
    }

    /// <summary>One task by id (decimal), or null.</summary>
    public async Task<TaskView?> TaskAsync(string id, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<IndexedEvent> events = await store.EventsAsync(TaskKinds, subject: id, limit: int.MaxValue, cancellationToken: cancellationToken).ConfigureAwait(false);
        IndexedBlock? cursor = await store.CursorAsync(cancellationToken).ConfigureAwait(false);
        return Task(events, cursor);
    }

    /// <summary>A task from its events (oldest first), or null without its creation.</summary>
    private static TaskView? Task(IReadOnlyList<IndexedEvent> events, IndexedBlock? cursor)
    {
        if (events.FirstOrDefault(e => e.Kind == IndexKinds.TaskCreated) is not { } createdEvent)
        {
            return null;
        }
        var created = createdEvent.Read<TrainingTasks.TaskCreatedEvent>();
        var entries = new List<EntryView>();
        int chunks = 0;
        ResultView? result = null;
        ChainMoment? finalized = null, overturned = null, settled = null;
        foreach (IndexedEvent e in events)
        {
            switch (e.Kind)
            {
                case IndexKinds.Committed:
                    var commit = e.Read<TrainingTasks.CommittedEvent>();
                    entries.Add(new EntryView(commit.EntryIndex, commit.Trainer, commit.Commitment, Moment(e), null, null, null));
                    break;
                case IndexKinds.ModelRevealed:
                    var reveal = e.Read<TrainingTasks.ModelRevealedEvent>();
                    int at = entries.FindIndex(x => x.Index == reveal.EntryIndex);
                    if (at >= 0)
                    {
                        entries[at] = entries[at] with { ModelHash = reveal.ModelHash, ModelUri = reveal.Uri, Revealed = Moment(e) };
                    }
                    break;
                case IndexKinds.TestSetChunkRevealed:
                    chunks++;
                    break;
                case IndexKinds.ResultPosted:
                    var posted = e.Read<OptimisticVerifier.ResultPostedEvent>();
                    result = new ResultView(posted.Evaluator, posted.Bond, (ulong)posted.Deadline, posted.Result.Scores, posted.Result.Winner, Moment(e));
                    overturned = null;
                    break;
                case IndexKinds.ResultFinalized:
                    finalized = Moment(e);
                    break;
                case IndexKinds.ResultOverturned:
                    overturned = Moment(e);
                    result = null;
                    break;
                case IndexKinds.TaskSettled:
                    settled = Moment(e);
                    break;
            }
        }
        return new TaskView(created.TaskId, created.Submitter, created.Config, Moment(createdEvent), entries, chunks, result, finalized, overturned, settled, cursor?.Timestamp ?? 0);
    }

    /// <summary>
    /// The registered assets, newest first, at most <paramref name="limit"/> after <paramref name="offset"/>, with their
    /// current owner and revenue, in two queries whatever the page's size: the registrations, then all their transfers and payments.
    /// </summary>
    public async Task<IReadOnlyList<AssetView>> AssetsAsync(int limit = 50, int offset = 0, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<IndexedEvent> registered = await store.EventsAsync([IndexKinds.AssetRegistered], newestFirst: true, limit: limit, offset: offset, cancellationToken: cancellationToken).ConfigureAwait(false);
        ILookup<string, IndexedEvent> later = (await store.EventsAboutAsync(AssetLaterKinds, [.. registered.Select(e => e.Subject)], cancellationToken).ConfigureAwait(false))
            .ToLookup(e => e.Subject, StringComparer.Ordinal);
        return [.. registered.Select(e => Asset(e, later[e.Subject]))];
    }

    /// <summary>Asset <paramref name="tokenId"/> with its current owner and revenue, or null when the index has not seen it registered.</summary>
    public async Task<AssetView?> AssetAsync(BigInteger tokenId, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<IndexedEvent> registered = await store.EventsAsync([IndexKinds.AssetRegistered], subject: tokenId.ToString(CultureInfo.InvariantCulture), limit: 1, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (registered.Count == 0)
        {
            return null;
        }
        IReadOnlyList<IndexedEvent> later = await store.EventsAsync(AssetLaterKinds, subject: registered[0].Subject, limit: int.MaxValue, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Asset(registered[0], later);
    }

    /// <summary>The access passes offered for asset <paramref name="tokenId"/> (oldest first, with whether each is on sale) and its sales (newest first, at most <paramref name="limit"/>).</summary>
    public async Task<AssetMarketView> AssetMarketAsync(BigInteger tokenId, int limit = 50, CancellationToken cancellationToken = default)
    {
        string subject = tokenId.ToString(CultureInfo.InvariantCulture);
        IReadOnlyList<IndexedEvent> offered = await store.EventsAsync([IndexKinds.PassTermsOffered], subject: subject, limit: 100, cancellationToken: cancellationToken).ConfigureAwait(false);
        var offeredTerms = offered.Select(e => (Terms: e.Read<AccessPasses.TermsOfferedEvent>(), Log: e)).ToList();
        // Oldest first, so the last state per pass wins.
        var onSaleByPass = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (IndexedEvent state in await store.EventsAboutAsync(
            [IndexKinds.PassSaleStateChanged], [.. offeredTerms.Select(t => t.Terms.PassId.ToString(CultureInfo.InvariantCulture))], cancellationToken).ConfigureAwait(false))
        {
            onSaleByPass[state.Subject] = state.Read<AccessPasses.SaleStateChangedEvent>().NewOnSale;
        }
        var offers = new List<PassOfferView>(offeredTerms.Count);
        foreach ((AccessPasses.TermsOfferedEvent terms, IndexedEvent e) in offeredTerms)
        {
            bool onSale = onSaleByPass.GetValueOrDefault(terms.PassId.ToString(CultureInfo.InvariantCulture), true);
            offers.Add(new PassOfferView(terms.PassId, terms.PaymentToken, terms.Price, terms.Duration, terms.Uses, onSale, Moment(e)));
        }
        IReadOnlyList<IndexedEvent> bought = await store.EventsAsync([IndexKinds.PassesBought], subject: subject, newestFirst: true, limit: limit, cancellationToken: cancellationToken).ConfigureAwait(false);
        var sales = bought.Select(e =>
        {
            var sale = e.Read<AccessPasses.PassesBoughtEvent>();
            return new PassSaleView(sale.PassId, sale.Buyer, sale.To, sale.Quantity, sale.PaymentToken, sale.Paid, sale.Received, Moment(e), e.TransactionHash);
        }).ToList();
        return new AssetMarketView(offers, sales);
    }

    /// <summary>The versions registered as successors of asset <paramref name="tokenId"/> (<c>VersionRegistered</c>), oldest first.</summary>
    public async Task<IReadOnlyList<AssetVersion>> NextVersionsAsync(BigInteger tokenId, CancellationToken cancellationToken = default) =>
        [.. (await store.EventsAsync([IndexKinds.VersionRegistered], subject: tokenId.ToString(CultureInfo.InvariantCulture), limit: 100, cancellationToken: cancellationToken).ConfigureAwait(false))
            .Select(e => e.Read<AssetRegistry.VersionRegisteredEvent>())
            .Select(v => new AssetVersion(v.TokenId, v.Previous, v.TaskId, v.Score))];

    /// <summary>
    /// The winners of tasks that beat model asset <paramref name="tokenId"/> as their incumbent (<c>IncumbentBeaten</c>),
    /// oldest first: each task's id and the winner's score. A winner not among <see cref="NextVersionsAsync"/>' tasks
    /// still waits to be registered.
    /// </summary>
    public async Task<IReadOnlyList<(BigInteger TaskId, BigInteger Score)>> IncumbentBeatenAsync(BigInteger tokenId, CancellationToken cancellationToken = default) =>
        [.. (await store.EventsAsync([IndexKinds.IncumbentBeaten], subject: tokenId.ToString(CultureInfo.InvariantCulture), limit: 100, cancellationToken: cancellationToken).ConfigureAwait(false))
            .Select(e => e.Read<AssetRegistry.IncumbentBeatenEvent>())
            .Select(b => (b.TaskId, b.Score))];

    private static readonly string[] AssetLaterKinds = [IndexKinds.AssetTransfer, IndexKinds.AssetRevenuePaid];

    /// <summary>An asset from its registration and its later transfers and payments (oldest first): the last transfer names the owner.</summary>
    private static AssetView Asset(IndexedEvent e, IEnumerable<IndexedEvent> later)
    {
        var asset = e.Read<AssetRegistry.AssetRegisteredEvent>();
        Address owner = asset.Owner;
        BigInteger revenue = 0;
        foreach (IndexedEvent x in later)
        {
            if (x.Kind == IndexKinds.AssetTransfer)
            {
                owner = x.Read<AssetRegistry.TransferEvent>().To;
            }
            else if (x.Read<AssetRegistry.RevenuePaidEvent>() is { Asset: var paid, Amount: var amount } && paid == Address.Zero)
            {
                // ETH only: a token's payment (a pass sold for an ERC-20) is in other units; the sales list shows it.
                revenue += amount;
            }
        }
        return new AssetView(asset.TokenId, (AssetKind)asset.Kind, asset.ContentHash, asset.Cid, asset.MetadataURI, asset.Owner, owner, revenue, Moment(e));
    }

    /// <summary>The votes delegated to <paramref name="account"/> (token base units), as the token last reported them.</summary>
    public async Task<BigInteger> VotingPowerAsync(Address account, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<IndexedEvent> latest = await store.EventsAsync([IndexKinds.DelegateVotesChanged], subject: account.ToChecksumString(), newestFirst: true, limit: 1, cancellationToken: cancellationToken).ConfigureAwait(false);
        return latest.Count == 0 ? BigInteger.Zero : latest[0].Read<DaoToken.DelegateVotesChangedEvent>().NewVotes;
    }

    /// <summary>The vault's owners, threshold and next nonce (the number of executions, counted in SQL), from its events.</summary>
    public async Task<VaultStateView> VaultStateAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<IndexedEvent> events = await store.EventsAsync(
            [IndexKinds.VaultOwnerAdded, IndexKinds.VaultOwnerRemoved, IndexKinds.VaultThresholdChanged], limit: int.MaxValue, cancellationToken: cancellationToken).ConfigureAwait(false);
        BigInteger nonce = await store.CountAsync([IndexKinds.VaultExecuted], cancellationToken).ConfigureAwait(false);
        var owners = new List<Address>();
        BigInteger threshold = 0;
        foreach (IndexedEvent e in events)
        {
            switch (e.Kind)
            {
                case IndexKinds.VaultOwnerAdded:
                    owners.Add(e.Read<MultisigVault.OwnerAddedEvent>().Owner);
                    break;
                case IndexKinds.VaultOwnerRemoved:
                    owners.Remove(e.Read<MultisigVault.OwnerRemovedEvent>().Owner);
                    break;
                default:
                    threshold = e.Read<MultisigVault.ThresholdChangedEvent>().NewThreshold;
                    break;
            }
        }
        return new VaultStateView(owners, threshold, nonce);
    }

    private static readonly string[] StreamKinds = [IndexKinds.StreamCreated, IndexKinds.StreamToppedUp, IndexKinds.StreamCanceled, IndexKinds.StreamWithdrawn];

    /// <summary>The streams paying <paramref name="recipient"/>, newest first, with their stop times and withdrawals.</summary>
    public async Task<IReadOnlyList<StreamView>> StreamsToAsync(Address recipient, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<IndexedEvent> events = await store.EventsAsync(StreamKinds, limit: int.MaxValue, cancellationToken: cancellationToken).ConfigureAwait(false);
        var streams = new Dictionary<string, StreamView>(StringComparer.Ordinal);
        foreach (IndexedEvent e in events)
        {
            if (e.Kind == IndexKinds.StreamCreated)
            {
                var created = e.Read<StreamVault.StreamCreatedEvent>();
                if (created.Recipient == recipient)
                {
                    streams[e.Subject] = new StreamView(created.StreamId, new StreamVault.StreamKey(created.Token, created.Payer, created.Recipient, created.RatePerSecond, created.StartTime),
                        created.StopTime, created.Deposit, BigInteger.Zero, Moment(e), null);
                }
                continue;
            }
            if (!streams.TryGetValue(e.Subject, out StreamView? stream))
            {
                continue;
            }
            streams[e.Subject] = e.Kind switch
            {
                IndexKinds.StreamToppedUp => e.Read<StreamVault.StreamToppedUpEvent>() is var topUp
                    ? stream with { StopTime = topUp.NewStopTime, Deposited = stream.Deposited + topUp.Amount } : stream,
                IndexKinds.StreamCanceled => stream with { StopTime = e.Read<StreamVault.StreamCanceledEvent>().NewStopTime, Canceled = Moment(e) },
                _ => stream with { Withdrawn = stream.Withdrawn + e.Read<StreamVault.WithdrawnEvent>().Amount },
            };
        }
        return [.. streams.Values.OrderByDescending(s => s.Created.Block)];
    }

    /// <summary>Raw events of one kind (the JSON API's fallback for lists the views do not cover yet).</summary>
    public Task<IReadOnlyList<IndexedEvent>> EventsAsync(string kind, string? subject, int limit, int offset, CancellationToken cancellationToken = default) =>
        store.EventsAsync([kind], subject: subject, newestFirst: true, limit: limit, offset: offset, cancellationToken: cancellationToken);

    private static ChainMoment Moment(IndexedEvent e) => new(e.BlockNumber, e.Timestamp, e.TransactionHash);
}
