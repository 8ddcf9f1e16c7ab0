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

    /// <summary>The creation of proposal <paramref name="proposalId"/>, or null when no such proposal was created.</summary>
    public static async Task<DaoGovernor.ProposalCreatedEvent?> FindAsync(DaoGovernor governor, ReadOptions options, ulong head, BigInteger proposalId, CancellationToken cancellationToken = default) =>
        (await AllAsync(governor, options, head, cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => p.ProposalId == proposalId);
}
