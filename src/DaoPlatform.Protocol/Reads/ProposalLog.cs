using System.Numerics;
using DaoPlatform.Ethereum.Contracts;

namespace DaoPlatform.Protocol.Reads;

/// <summary>
/// The governor's proposals as its <c>ProposalCreated</c> events record them (targets, values, calldatas, description:
/// everything queue and execute need), read in ranges of at most <see cref="ReadOptions.MaxLogRange"/> blocks so
/// that public RPC providers answer.
/// </summary>
public static class ProposalLog
{
    /// <summary>Every proposal created from <see cref="ReadOptions.StartBlock"/> to <paramref name="head"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<DaoGovernor.ProposalCreatedEvent>> AllAsync(DaoGovernor governor, ReadOptions options, ulong head, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(governor);
        ArgumentNullException.ThrowIfNull(options);
        if (head < options.StartBlock)
        {
            return [];
        }
        List<EventLog<DaoGovernor.ProposalCreatedEvent>> logs = await LogRanges.QueryAsync(options.StartBlock, head, options.MaxLogRange,
            (from, to) => governor.QueryProposalCreatedEventsAsync(from, to, cancellationToken)).ConfigureAwait(false);
        return [.. logs.Select(l => l.Event)];
    }

    /// <summary>
    /// The proposals created at or after <paramref name="since"/> (UNIX seconds), oldest first: the first block of that
    /// time is found by bisection over headers (<see cref="BlocksByTime"/>, no log query), and only the blocks from there to
    /// <paramref name="head"/> are scanned, so a recent window costs the same on a chain of any age. Returns that block too.
    /// </summary>
    public static async Task<(ulong FromBlock, IReadOnlyList<DaoGovernor.ProposalCreatedEvent> Proposals)> SinceAsync(
        DaoGovernor governor, ReadOptions options, ulong head, ulong since, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(governor);
        ArgumentNullException.ThrowIfNull(options);
        if (head < options.StartBlock)
        {
            return (options.StartBlock, []);
        }
        ulong first = await BlocksByTime.FirstAtOrAfterAsync(governor.Connection.Rpc, options.StartBlock, head, since, cancellationToken).ConfigureAwait(false);
        return (first, first > head ? [] : await AllAsync(governor, options with { StartBlock = first }, head, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The creation of proposal <paramref name="proposalId"/>, or null when no such proposal was created. The governor's
    /// clock is the token's timestamp (ERC-6372 <c>mode=timestamp</c>), and <c>proposalSnapshot</c> is the creation's time
    /// plus the voting delay: the blocks of that time (<see cref="BlocksByTime"/>) hold the <c>ProposalCreated</c> log,
    /// so one <c>eth_getLogs</c> finds it on a chain of any age. Only when the voting delay changed since the proposal
    /// (the time is then another block's) does it scan from <see cref="ReadOptions.StartBlock"/>.
    /// </summary>
    public static async Task<DaoGovernor.ProposalCreatedEvent?> FindAsync(DaoGovernor governor, ReadOptions options, ulong head, BigInteger proposalId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(governor);
        ArgumentNullException.ThrowIfNull(options);
        BigInteger snapshot = await governor.ProposalSnapshotAsync(proposalId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (snapshot.IsZero || head < options.StartBlock)
        {
            return null;
        }
        BigInteger created = snapshot - await governor.VotingDelayAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (created.Sign > 0 && created <= ulong.MaxValue
            && await BlocksByTime.FindAsync(governor.Connection.Rpc, options.StartBlock, head, (ulong)created, cancellationToken).ConfigureAwait(false) is { } blocks)
        {
            List<EventLog<DaoGovernor.ProposalCreatedEvent>> logs = await LogRanges.QueryAsync(blocks.From, blocks.To, options.MaxLogRange,
                (from, to) => governor.QueryProposalCreatedEventsAsync(from, to, cancellationToken)).ConfigureAwait(false);
            if (logs.FirstOrDefault(l => l.Event.ProposalId == proposalId) is { } found)
            {
                return found.Event;
            }
        }
        return (await AllAsync(governor, options, head, cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => p.ProposalId == proposalId);
    }
}
