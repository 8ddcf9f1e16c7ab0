using DaoPlatform.Contracts.Training;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Services.Jobs;
using DaoPlatform.Services.Sending;
using Microsoft.Extensions.Logging;
using ModelCommitment = DaoPlatform.Evaluation.LargeModels.ModelCommitment;

namespace DaoPlatform.Services.Roles.Sentinel;

/// <summary>
/// Resolves the open challenges of chunks of the models the sentinel's key committed in a task (docs/training-tasks.md
/// §8.5), and of the task's incumbent when the store holds it (§9.3: the incumbent is no trainer's; whoever holds its
/// bytes, the owner's node first, resolves and takes the bond, and an unresolved chunk excludes it): each model's bytes come from the content store at its committed CID, checked against the commitment; each
/// open challenge still before its resolve deadline gets <c>resolveChunk</c> with the chunk's rows and proof. The
/// resolution is simulated first (a challenge resolved meanwhile by someone else is skipped).
/// </summary>
public sealed class SentinelJob(
    ChainReader reader, AvailabilityReader availability, IContentStore store, RoleSenders senders, JobRunner runner, ILogger<SentinelJob> logger)
{
    /// <summary>Runs the job for task <paramref name="taskId"/>.</summary>
    public Task RunAsync(ulong taskId, CancellationToken cancellationToken) =>
        runner.RunAsync(NodeRoles.Sentinel, JobKeys.ResolveChunks(taskId), logger, () => ResolveAsync(taskId, cancellationToken));

    private async Task ResolveAsync(ulong taskId, CancellationToken cancellationToken)
    {
        TaskSnapshot task = await reader.ReadLatestAsync(taskId, cancellationToken).ConfigureAwait(false);
        ChunkChallenge[] open = [.. (await availability.ChallengesAsync(task, cancellationToken).ConfigureAwait(false))
            .Where(c => c.State == ChunkChallengeState.Open && task.Timestamp < c.ResolveDeadline)];
        if (open.Length == 0)
        {
            return;
        }
        ChainSender sender = senders.For(NodeRoles.Sentinel);
        IReadOnlyList<CommittedModel> models = await availability.CommittedModelsAsync(task, cancellationToken).ConfigureAwait(false);
        ModelAvailability contract = await availability.ContractAsync(cancellationToken).ConfigureAwait(false);
        foreach (IGrouping<int, ChunkChallenge> byEntry in open.GroupBy(c => c.Entry))
        {
            int entry = byEntry.Key;
            Address trainer = await availability.TrainerAsync(task, entry, cancellationToken).ConfigureAwait(false);
            bool incumbent = entry == 0 && trainer == Address.Zero;
            if (trainer != sender.Address && !incumbent)
            {
                continue;
            }
            CommittedModel model = models.LastOrDefault(m => m.Entry == entry)
                ?? throw new InvalidDataException($"task {taskId}: entry {entry} has a challenged chunk but no ModelCommitted log up to block {task.BlockNumber}");
            (ModelCommitment? commitment, string? failure) = await CommittedModelContent.FetchAsync(store, model, cancellationToken).ConfigureAwait(false);
            if (commitment is null && incumbent)
            {
                logger.LogWarning("Cannot resolve the challenges of chunks {Chunks} of the incumbent of task {TaskId}: {Failure}; deadline {Deadline}",
                    string.Join(", ", byEntry.Select(c => c.Chunk)), taskId, failure, byEntry.Min(c => c.ResolveDeadline));
                continue;
            }
            if (commitment is null)
            {
                // Nothing else can resolve it: the stake is lost unless the bytes reach the store before the deadline.
                logger.LogError("Cannot resolve the challenges of chunks {Chunks} of our committed model in task {TaskId} (entry {Entry}): {Failure}; deadline {Deadline}",
                    string.Join(", ", byEntry.Select(c => c.Chunk)), taskId, entry, failure, byEntry.Min(c => c.ResolveDeadline));
                continue;
            }
            foreach (ChunkChallenge challenge in byEntry)
            {
                Move move = AvailabilityMoves.Resolve(contract.Address, taskId, entry, challenge.Chunk, commitment);
                if (await sender.SendAsync(move, cancellationToken).ConfigureAwait(false) is { } receipt)
                {
                    logger.LogInformation("Resolved the challenge of chunk {Chunk} of {Model} in task {TaskId} (entry {Entry}) by {Challenger}: transaction {Transaction}, gas {Gas}",
                        challenge.Chunk, incumbent ? "the incumbent" : "our committed model", taskId, entry, challenge.Challenger, receipt.TransactionHash, receipt.GasUsed);
                }
            }
        }
    }
}
