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
        if (dispute is Dispute.Prediction game && task.IsLargeModelTask)
        {
            await OpenGameAsync(task, claim, game, cancellationToken).ConfigureAwait(false);
            return;
        }
        byte[] call = dispute switch
        {
            Dispute.Winner => OptimisticVerifier.EncodeChallengeWinnerCall(taskId, claim.Result),
            Dispute.Score score => OptimisticVerifier.EncodeChallengeScoreCall(
                taskId, claim.Result, score.Model, claim.Claimed.Predictions[score.Model], testSet.Labels),
            Dispute.Prediction prediction => EncodePrediction(task, claim, revealed, prediction),
            _ => throw new InvalidOperationException($"unknown dispute {dispute}"),
        };
        var receipt = await senders.For(NodeRoles.Auditor)
            .SendAsync($"challenge of task {taskId} ({dispute})", contracts.Verifier.Address, call, 0, contracts.VerifierReverts, cancellationToken)
            .ConfigureAwait(false);
        if (receipt is not null)
        {
            logger.LogInformation("Challenged result {ResultHash} of task {TaskId} with {Dispute}: transaction {Transaction}",
                task.ResultHashHex, taskId, dispute, receipt.TransactionHash);
        }
    }

    /// <summary>
    /// Move 1 of the prediction game (docs/training-tasks.md §8.2): no large model fits one transaction, so the wrong
    /// prediction is disputed with the least bond, and <see cref="AuditorGameJob"/> plays the rest.
    /// </summary>
    private async Task OpenGameAsync(TaskSnapshot task, PostedResult claim, Dispute.Prediction prediction, CancellationToken cancellationToken)
    {
        BigInteger bond = await contracts.Verifier.MinEvaluatorBondAsync(task.BlockNumber, cancellationToken).ConfigureAwait(false);
        byte[] call = OptimisticVerifier.EncodeOpenGameCall(
            task.TaskId, claim.Result, prediction.Model, claim.Claimed.Predictions[prediction.Model], prediction.Sample);
        var receipt = await senders.For(NodeRoles.Auditor)
            .SendAsync($"openGame(task {task.TaskId}, {prediction})", contracts.Verifier.Address, call, bond, contracts.VerifierReverts, cancellationToken)
            .ConfigureAwait(false);
        if (receipt is not null)
        {
            logger.LogInformation("Opened a game on result {ResultHash} of task {TaskId} ({Dispute}) with bond {Bond}: transaction {Transaction}",
                task.ResultHashHex, task.TaskId, prediction, bond, receipt.TransactionHash);
        }
    }

    private static byte[] EncodePrediction(TaskSnapshot task, PostedResult claim, RevealedTask revealed, Dispute.Prediction prediction)
    {
        int recordSize = task.Config.InputSize + 1;
        var tree = new TestSetTree(revealed.Records, recordSize);
        byte[] record = revealed.Records[(prediction.Sample * recordSize)..((prediction.Sample + 1) * recordSize)];
        var sample = new OptimisticVerifier.Sample(prediction.Sample, record, tree.SampleProof(prediction.Sample));
        return OptimisticVerifier.EncodeChallengePredictionCall(
            task.TaskId, claim.Result, prediction.Model, claim.Claimed.Predictions[prediction.Model], revealed.Models[prediction.Model].Bytes, sample);
    }
}
