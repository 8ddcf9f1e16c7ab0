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
        runner.RunAsync(JobKeys.RevealTestSet(taskId), logger, () => RevealAsync(taskId, cancellationToken));

    private async Task RevealAsync(ulong taskId, CancellationToken cancellationToken)
    {
        while (true)
        {
            TaskSnapshot task = await reader.ReadLatestAsync(taskId, cancellationToken).ConfigureAwait(false);
            HiddenTestSet? held = testSets.Find(task.Config.TestSetRoot);
            string? reason = held is null ? "this agent holds no test set with the task's root" : Decisions.SubmitterWhyNot(task);
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
            logger.LogInformation("Revealed chunk {Chunk} of {Chunks} of task {TaskId}: transaction {Transaction}",
                chunk + 1, task.ChunkCount, taskId, receipt.TransactionHash);
        }
    }
}
