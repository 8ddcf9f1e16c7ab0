using DaoPlatform.Contracts.Training;
using DaoPlatform.Services.Jobs;
using DaoPlatform.Services.Sending;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Roles.Claimer;

/// <summary>
/// Ends the challenges of a task's committed models that nobody resolved in time (docs/training-tasks.md §8.5):
/// <c>slashUnavailable</c> for each open challenge whose resolve deadline has passed. Anyone may call it; the challenger's
/// bond and share of the stake are credited to the challenger, whoever sends it, and payouts of the task wait for it.
/// Not while a result is pending: a chunk a game forced is slashed after that game overturned the result.
/// Signed by the first of the node's configured roles that has a key (the claimer's own, if it has one).
/// </summary>
public sealed class SlashUnavailableJob(
    ChainReader reader, AvailabilityReader availability, NodeKeys keys, IOptions<NodeOptions> options, RoleSenders senders,
    JobRunner runner, ILogger<SlashUnavailableJob> logger)
{
    /// <summary>Runs the job for task <paramref name="taskId"/>.</summary>
    public Task RunAsync(ulong taskId, CancellationToken cancellationToken) =>
        runner.RunAsync(NodeRoles.Claimer, JobKeys.SlashUnavailable(taskId), logger, () => SlashAsync(taskId, cancellationToken));

    private async Task SlashAsync(ulong taskId, CancellationToken cancellationToken)
    {
        TaskSnapshot task = await reader.ReadLatestAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (task.HasPendingResult)
        {
            // The contract refuses (ResultPending): the game that forced the chunk wins and overturns the result first.
            return;
        }
        ChunkChallenge[] due = [.. (await availability.ChallengesAsync(task, cancellationToken).ConfigureAwait(false))
            .Where(c => c.State == ChunkChallengeState.Open && task.Timestamp >= c.ResolveDeadline)];
        if (due.Length == 0)
        {
            return;
        }
        NodeRoles[] signers = [.. new[] { NodeRoles.Claimer }.Concat(Enum.GetValues<NodeRoles>())
            .Where(r => r != NodeRoles.None && options.Value.Roles.HasFlag(r) && keys.Has(r))];
        if (signers.Length == 0)
        {
            logger.LogWarning("Cannot slash {Count} unresolved challenges of task {TaskId}: no configured role has a key", due.Length, taskId);
            return;
        }
        ChainSender sender = senders.For(signers[0]);
        ModelAvailability contract = await availability.ContractAsync(cancellationToken).ConfigureAwait(false);
        foreach (ChunkChallenge challenge in due)
        {
            Move move = AvailabilityMoves.Slash(contract.Address, taskId, challenge.Entry, challenge.Chunk);
            if (await sender.SendAsync(move, cancellationToken).ConfigureAwait(false) is { } receipt)
            {
                logger.LogInformation("Slashed entry {Entry} of task {TaskId}: chunk {Chunk} challenged by {Challenger} was not resolved by {Deadline}, transaction {Transaction}",
                    challenge.Entry, taskId, challenge.Chunk, challenge.Challenger, challenge.ResolveDeadline, receipt.TransactionHash);
            }
        }
    }
}
