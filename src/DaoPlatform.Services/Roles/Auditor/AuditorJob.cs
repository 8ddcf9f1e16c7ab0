using System.Numerics;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Services.Chain;
using DaoPlatform.Services.Jobs;
using DaoPlatform.Services.Sending;
using Microsoft.Extensions.Logging;

namespace DaoPlatform.Services.Roles.Auditor;

/// <summary>
/// Re-evaluates a task's pending result independently and, inside the window, sends the cheapest dispute that
/// proves it wrong (<see cref="DisputeSolver"/>); for a large-model task a wrong prediction opens a game instead. The
/// dispute is simulated first and never sent when it would fail.
/// </summary>
public sealed class AuditorJob(
    ChainReader reader, RevealedDataReader data, PostedResultReader posted, IEvaluationBackend backend,
    PlatformContracts contracts, RoleSenders senders, JobRunner runner, ILogger<AuditorJob> logger)
{
    /// <summary>Runs the job for the result <paramref name="resultHash"/> of task <paramref name="taskId"/>.</summary>
    public Task RunAsync(ulong taskId, string resultHash, CancellationToken cancellationToken) =>
        runner.RunAsync(JobKeys.Audit(taskId, resultHash), logger, () => AuditAsync(taskId, cancellationToken));

    private async Task AuditAsync(ulong taskId, CancellationToken cancellationToken)
    {
        TaskSnapshot task = await reader.ReadLatestAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (Decisions.AuditorWhyNot(task) is string reason)
        {
            logger.LogInformation("Auditor skipped task {TaskId}: {Reason}", taskId, reason);
            return;
        }
        PostedResult claim = await posted.ReadAsync(task, cancellationToken).ConfigureAwait(false);
        RevealedTask revealed = await data.ReadAsync(task, cancellationToken).ConfigureAwait(false);
        Dataset testSet = revealed.TestSet;
        TaskResult honest = TaskResult.Evaluate(backend, [.. revealed.Models.Select(m => m.Model)], testSet, task.Config.MinScore, cancellationToken);

        Dispute? dispute = DisputeSolver.Solve(claim.Claimed, honest, testSet.Labels, task.Config.MinScore);
        if (dispute is null)
        {
            logger.LogInformation("Result {ResultHash} of task {TaskId} (transaction {Transaction}) is correct: no challenge",
                task.ResultHashHex, taskId, claim.TransactionHash);
            return;
        }
        BigInteger gameBond = task.IsLargeModelTask
            ? await contracts.Verifier.MinEvaluatorBondAsync(task.BlockNumber, cancellationToken).ConfigureAwait(false)
            : BigInteger.Zero;
        // On a large-model task a wrong prediction is disputed by the game's opening move (docs/training-tasks.md §8.2);
        // AuditorGameJob plays the rest.
        Move move = ResultMoves.Challenge(contracts.Verifier.Address, task, claim, dispute, revealed.Models, revealed.Records, gameBond);
        var receipt = await senders.For(NodeRoles.Auditor).SendAsync(move, cancellationToken).ConfigureAwait(false);
        if (receipt is not null)
        {
            logger.LogInformation("Challenged result {ResultHash} of task {TaskId} with {Dispute} ({Action}): transaction {Transaction}",
                task.ResultHashHex, taskId, dispute, move.Action, receipt.TransactionHash);
        }
    }
}
