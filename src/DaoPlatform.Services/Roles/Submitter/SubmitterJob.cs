using DaoPlatform.Contracts.Training;
using DaoPlatform.Services.Chain;
using DaoPlatform.Services.Jobs;
using DaoPlatform.Services.Sending;
using Microsoft.Extensions.Logging;

namespace DaoPlatform.Services.Roles.Submitter;

/// <summary>
/// Reveals a held test set chunk by chunk once the reveal window opens. Each chunk starts from the chain's count of
/// revealed chunks, so a restart continues where the chain is and never repeats a chunk.
/// </summary>
public sealed class SubmitterJob(
    ChainReader reader, HiddenTestSets testSets, PlatformContracts contracts, RoleSenders senders, JobRunner runner, ILogger<SubmitterJob> logger)
{
    /// <summary>Runs the job for task <paramref name="taskId"/>.</summary>
    public Task RunAsync(ulong taskId, CancellationToken cancellationToken) =>
        runner.RunAsync(NodeRoles.Submitter, JobKeys.RevealTestSet(taskId), logger, () => RevealAsync(taskId, cancellationToken));

    private async Task RevealAsync(ulong taskId, CancellationToken cancellationToken)
    {
        // Read once per job from the store (every block checked against its CID), then revealed chunk by chunk.
        HiddenTestSet? held = null;
        while (true)
        {
            TaskSnapshot task = await reader.ReadLatestAsync(taskId, cancellationToken).ConfigureAwait(false);
            string? reason = Decisions.SubmitterWhyNot(task);
            if (reason is null && held is null)
            {
                (held, string? failure) = await testSets.FindAsync(task.Config.TestSetRoot, cancellationToken).ConfigureAwait(false);
                if (failure is not null)
                {
                    logger.LogWarning("Submitter revealed nothing for task {TaskId}: {Reason}", taskId, failure);
                    return;
                }
                reason = held is null ? "this agent holds no test set with the task's root" : null;
            }
            if (reason is not null)
            {
                logger.LogInformation("Submitter skipped task {TaskId}: {Reason}", taskId, reason);
                return;
            }
            if (held!.InputSize != task.Config.InputSize || held.Tree.Size != task.Config.TestSetSize)
            {
                throw new InvalidDataException(
                    $"task {taskId}: test set {held.Source} has {held.Tree.Size} samples of {held.InputSize} inputs, the task {task.Config.TestSetSize} of {task.Config.InputSize}");
            }
            int chunk = (int)task.State.RevealedChunks;
            Move move = TaskMoves.RevealTestSetChunk(contracts.Tasks.Address, taskId, task.Config, held, chunk);
            var receipt = await senders.For(NodeRoles.Submitter).SendAsync(move, cancellationToken).ConfigureAwait(false);
            if (receipt is null)
            {
                return;
            }
            logger.LogInformation("Revealed chunk {Chunk} of {Chunks} of task {TaskId} from test set {Source}: transaction {Transaction}",
                chunk + 1, task.ChunkCount, taskId, held.Cid?.ToString() ?? held.Source, receipt.TransactionHash);
        }
    }
}
