using DaoPlatform.Contracts.Training;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Services.Chain;
using DaoPlatform.Services.Jobs;
using DaoPlatform.Services.Sending;
using Microsoft.Extensions.Logging;

namespace DaoPlatform.Services.Roles.Finalizer;

/// <summary>
/// Finalizes a result whose window has closed, ends a prediction game whose turn has passed (<c>finalize</c> reverts
/// <c>GameOpen</c> while one runs), or settles a task that needs no evaluation.
/// </summary>
public sealed class FinalizerJob(
    ChainReader reader, PlatformContracts contracts, RoleSenders senders, JobRunner runner, ILogger<FinalizerJob> logger)
{
    /// <summary>Runs the job for task <paramref name="taskId"/>.</summary>
    public Task RunAsync(ulong taskId, CancellationToken cancellationToken) =>
        runner.RunAsync(JobKeys.Finalize(taskId), logger, () => FinalizeAsync(taskId, cancellationToken));

    private async Task FinalizeAsync(ulong taskId, CancellationToken cancellationToken)
    {
        TaskSnapshot task = await reader.ReadLatestAsync(taskId, cancellationToken).ConfigureAwait(false);
        ChainSender sender = senders.For(NodeRoles.Finalizer);
        switch (Decisions.Finalizer(task))
        {
            case FinalizerAction.Finalize:
                if (await sender.SendAsync(ResultMoves.Finalize(contracts.Verifier.Address, taskId), cancellationToken).ConfigureAwait(false) is { } finalized)
                {
                    logger.LogInformation("Finalized result {ResultHash} of task {TaskId}: winner entry {Entry}, transaction {Transaction}",
                        task.ResultHashHex, taskId, task.Claim.WinnerEntry, finalized.TransactionHash);
                }
                break;
            case FinalizerAction.TimeoutGame:
                if (await sender.SendAsync(GameMoves.Timeout(contracts.Verifier.Address, task), cancellationToken).ConfigureAwait(false) is { } timedOut)
                {
                    logger.LogInformation("Ended the game on result {ResultHash} of task {TaskId}: {Party}'s turn passed, transaction {Transaction}",
                        task.ResultHashHex, taskId, task.GameAnswered ? "the challenger" : "the evaluator", timedOut.TransactionHash);
                }
                break;
            case FinalizerAction.SettleWithoutEvaluation:
                if (await sender.SendAsync(TaskMoves.SettleWithoutEvaluation(contracts.Tasks.Address, taskId), cancellationToken).ConfigureAwait(false) is { } settled)
                {
                    logger.LogInformation("Settled task {TaskId} without evaluation ({Revealed} models revealed), transaction {Transaction}",
                        taskId, task.State.RevealedCount, settled.TransactionHash);
                }
                break;
            default:
                logger.LogInformation("Finalizer skipped task {TaskId}: nothing to finalize or settle at {Timestamp}", taskId, task.Timestamp);
                break;
        }
    }
}
