using System.Globalization;
using System.Numerics;
using DaoPlatform.Contracts.Governance;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Index.Storage;

namespace DaoPlatform.Index;

/// <summary>
/// Advances the index to head − confirmation depth with the node follower's cursor rules: the cursor is a block
/// number and hash; when the block at the cursor changed its hash (or is gone), the index steps back to the newest
/// remembered block whose hash is unchanged and forgets everything above it. Logs are fetched in ranges of at most
/// <see cref="IndexOptions.MaxLogRange"/> blocks from all followed contracts at once, and each range is committed
/// with its last block as the new cursor only if that block's hash is the same after the logs were read (so the
/// logs belong to the branch the cursor names). A database built by an older version, before the catalog gained an
/// event kind (or before a contract was followed), first reads that kind back from the start block to the cursor.
/// </summary>
public sealed class IndexFollower(EthRpcClient eth, IndexStore store, IndexOptions options)
{
    private readonly Dictionary<Address, string> _contracts = options.Contracts
        .Where(c => EventCatalog.ContractNames.Contains(c.Key))
        .ToDictionary(c => c.Value, c => c.Key);

    private readonly IReadOnlyList<(string Contract, string Kind, byte[] Topic0)> _kinds = EventCatalog.KindsOf(options.Contracts.Keys);

    private bool _kindsKept;

    /// <summary>One poll. Returns the number of events added.</summary>
    /// <exception cref="RpcException">The node failed or answered malformed data; nothing was committed for the failing range.</exception>
    /// <exception cref="InvalidDataException">The chain changed under the read (retry on the next poll).</exception>
    public async Task<int> TickAsync(CancellationToken cancellationToken = default)
    {
        ulong head = await eth.BlockNumberAsync(cancellationToken).ConfigureAwait(false);
        if (head < options.ConfirmationDepth)
        {
            return 0;
        }
        ulong target = head - options.ConfirmationDepth;
        IndexedBlock? cursor = await RewindOnReorgAsync(cancellationToken).ConfigureAwait(false);
        await CatchUpKindsAsync(cursor, cancellationToken).ConfigureAwait(false);
        if (cursor is { } at && at.Number >= target)
        {
            return 0;
        }
        int added = 0;
        for (ulong from = cursor is { } c ? c.Number + 1 : options.StartBlock; from <= target;)
        {
            ulong to = Math.Min(target, from + options.MaxLogRange - 1);
            added += await IndexRangeAsync(from, to, cancellationToken).ConfigureAwait(false);
            from = to + 1;
        }
        await ReadQuorumsAsync(cancellationToken).ConfigureAwait(false);
        return added;
    }

    private async Task<int> IndexRangeAsync(ulong from, ulong to, CancellationToken cancellationToken)
    {
        (List<IndexedEvent> events, BlockHeader end) = await ReadRangeAsync(from, to, [.. _contracts.Keys], [], null, cancellationToken).ConfigureAwait(false);
        await store.AppendAsync(events, new IndexedBlock(end.Number, end.Hash, end.Timestamp), cancellationToken).ConfigureAwait(false);
        return events.Count;
    }

    /// <summary>
    /// Reads back, from the start block through the cursor, the events of the kinds this version keeps that the
    /// database does not list as kept (it was built before the catalog gained them, or before their contract was
    /// followed), so that an upgraded hub knows their history and not only the blocks after the upgrade. Only those
    /// kinds' logs are asked for and events already kept are skipped, so the hub's pages stay whole meanwhile and an
    /// interrupted catch-up simply runs again. Once per follower; an empty index only records the kinds as kept.
    /// </summary>
    private async Task CatchUpKindsAsync(IndexedBlock? cursor, CancellationToken cancellationToken)
    {
        if (_kindsKept)
        {
            return;
        }
        IReadOnlySet<string> kept = await store.KeptKindsAsync(cancellationToken).ConfigureAwait(false);
        var missing = _kinds.Where(k => !kept.Contains(k.Kind)).ToList();
        if (missing.Count > 0 && cursor is { } at)
        {
            var kinds = missing.Select(k => k.Kind).ToHashSet(StringComparer.Ordinal);
            Address[] addresses = [.. _contracts.Where(c => missing.Any(m => m.Contract == c.Value)).Select(c => c.Key)];
            IReadOnlyList<byte[]> topics = [.. missing.Select(m => m.Topic0)];
            for (ulong from = options.StartBlock; from <= at.Number;)
            {
                ulong to = Math.Min(at.Number, from + options.MaxLogRange - 1);
                (List<IndexedEvent> events, _) = await ReadRangeAsync(from, to, addresses, [topics], kinds, cancellationToken).ConfigureAwait(false);
                await store.BackfillAsync(events, null, cancellationToken).ConfigureAwait(false);
                from = to + 1;
            }
            if (await HashAtAsync(at.Number, cancellationToken).ConfigureAwait(false) != at.Hash)
            {
                throw new InvalidDataException($"block {at.Number} changed its hash while the index read back {string.Join(", ", kinds)}: the chain reorganised, retry");
            }
        }
        if (missing.Count > 0)
        {
            await store.BackfillAsync([], [.. missing.Select(m => m.Kind)], cancellationToken).ConfigureAwait(false);
        }
        _kindsKept = true;
    }

    /// <summary>
    /// The events of <paramref name="addresses"/>' logs in [<paramref name="from"/>, <paramref name="to"/>] matching
    /// <paramref name="topics"/> (of the given <paramref name="kinds"/> only, when not null), each on the chain the node has
    /// now, with block <paramref name="to"/> unchanged across the read.
    /// </summary>
    private async Task<(List<IndexedEvent> Events, BlockHeader End)> ReadRangeAsync(
        ulong from, ulong to, Address[] addresses, IReadOnlyList<IReadOnlyList<byte[]>?> topics, IReadOnlySet<string>? kinds, CancellationToken cancellationToken)
    {
        BlockHeader end = await BlockAsync(to, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<LogEntry> logs = addresses.Length == 0 ? [] : await eth.GetLogsAsync(new LogFilter
        {
            Addresses = addresses,
            Topics = topics,
            FromBlock = BlockTag.Number(from),
            ToBlock = BlockTag.Number(to),
        }, cancellationToken).ConfigureAwait(false);
        var times = new Dictionary<ulong, BlockHeader> { [end.Number] = end };
        var events = new List<IndexedEvent>();
        foreach (LogEntry log in logs)
        {
            if (log.Removed)
            {
                throw new InvalidDataException($"eth_getLogs [{from}, {to}] returned a log of block {log.BlockNumber} marked removed: the chain reorganised, retry");
            }
            if (EventCatalog.Decode(_contracts[log.Address], log) is not { } decoded || kinds?.Contains(decoded.Kind) == false)
            {
                continue;
            }
            if (!times.TryGetValue(log.BlockNumber, out BlockHeader? block))
            {
                block = times[log.BlockNumber] = await BlockAsync(log.BlockNumber, cancellationToken).ConfigureAwait(false);
            }
            if (block.Hash != log.BlockHash)
            {
                throw new InvalidDataException($"the log of block {log.BlockNumber} names block hash {log.BlockHash}, the node now {block.Hash}: the chain reorganised, retry");
            }
            events.Add(new IndexedEvent(log.BlockNumber, log.BlockHash, block.Timestamp, log.TransactionHash, log.LogIndex,
                decoded.Kind, decoded.Subject, decoded.Actor, decoded.Payload));
        }
        BlockHeader endAfter = await BlockAsync(to, cancellationToken).ConfigureAwait(false);
        if (endAfter.Hash != end.Hash)
        {
            throw new InvalidDataException($"block {to} changed its hash while its logs were read: the chain reorganised, retry");
        }
        return (events, end);
    }

    /// <summary>Returns the cursor after stepping back over a reorg (null: start again from the start block).</summary>
    private async Task<IndexedBlock?> RewindOnReorgAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<IndexedBlock> recent = await store.RecentAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (recent.Count == 0)
        {
            return null;
        }
        if (await HashAtAsync(recent[0].Number, cancellationToken).ConfigureAwait(false) == recent[0].Hash)
        {
            return recent[0];
        }
        foreach (IndexedBlock block in recent.Skip(1))
        {
            if (await HashAtAsync(block.Number, cancellationToken).ConfigureAwait(false) == block.Hash)
            {
                await store.RewindAsync(block.Number, cancellationToken).ConfigureAwait(false);
                return block;
            }
        }
        await store.RewindAsync(null, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Reads <c>quorum(voteStart)</c> once for each proposal whose vote has started (the governor's clock is the
    /// block timestamp and it answers only for past timepoints), at the cursor block.
    /// </summary>
    private async Task ReadQuorumsAsync(CancellationToken cancellationToken)
    {
        if (!options.Contracts.TryGetValue(nameof(DaoGovernor), out Address governorAddress)
            || await store.CursorAsync(cancellationToken).ConfigureAwait(false) is not { } cursor)
        {
            return;
        }
        IReadOnlyDictionary<string, string> known = await store.FactsAsync(IndexFacts.QuorumPrefix, cancellationToken).ConfigureAwait(false);
        var governor = new DaoGovernor(governorAddress, new ContractConnection(eth));
        foreach (IndexedEvent created in await store.EventsAsync([IndexKinds.ProposalCreated], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var proposal = created.Read<DaoGovernor.ProposalCreatedEvent>();
            if (known.ContainsKey(IndexFacts.QuorumPrefix + created.Subject) || proposal.VoteStart >= cursor.Timestamp)
            {
                continue;
            }
            BigInteger quorum = await governor.QuorumAsync(proposal.VoteStart, cursor.Number, cancellationToken).ConfigureAwait(false);
            await store.SetFactAsync(IndexFacts.QuorumPrefix + created.Subject, quorum.ToString(CultureInfo.InvariantCulture), cursor.Number, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string?> HashAtAsync(ulong number, CancellationToken cancellationToken) =>
        (await eth.GetBlockByNumberAsync(BlockTag.Number(number), cancellationToken).ConfigureAwait(false))?.Hash;

    private async Task<BlockHeader> BlockAsync(ulong number, CancellationToken cancellationToken)
    {
        BlockHeader block = await eth.GetBlockByNumberAsync(BlockTag.Number(number), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"eth_getBlockByNumber({number}) returned null below the head");
        return block.Number == number ? block : throw new InvalidDataException($"eth_getBlockByNumber({number}) answered with block {block.Number}");
    }
}
