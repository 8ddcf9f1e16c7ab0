using System.Numerics;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Services.Chain;
using DaoPlatform.Services.Evaluation;
using DaoPlatform.Services.Jobs;
using DaoPlatform.Services.Sending;
using DaoPlatform.Services.TestSets;
using Microsoft.Extensions.Logging;

namespace DaoPlatform.Services.Roles.Evaluator;

/// <summary>
/// Evaluates a task whose test set is revealed and posts the result with the minimum bond. It re-reads the chain
/// first and stands down when a result is pending or the task is settled; the send is simulated on the pending
/// block, so a post of its own still in the pool (after a restart) is not repeated.
/// </summary>
public sealed class EvaluatorJob(
    ChainReader reader, RevealedDataReader data, IEvaluationBackend backend, PlatformContracts contracts,
    RoleSenders senders, JobRunner runner, ILogger<EvaluatorJob> logger)
{
    /// <summary>Runs the job for task <paramref name="taskId"/>.</summary>
    public Task RunAsync(ulong taskId, CancellationToken cancellationToken) =>
        runner.RunAsync(JobKeys.Evaluate(taskId), logger, () => EvaluateAsync(taskId, cancellationToken));

    private async Task EvaluateAsync(ulong taskId, CancellationToken cancellationToken)
    {
        TaskSnapshot task = await reader.ReadLatestAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (Decisions.EvaluatorWhyNot(task) is string reason)
        {
            logger.LogInformation("Evaluator skipped task {TaskId}: {Reason}", taskId, reason);
            return;
        }
        IReadOnlyList<RevealedModel> models = await data.ReadModelsAsync(task, cancellationToken).ConfigureAwait(false);
        byte[] records = await data.ReadTestSetAsync(task, cancellationToken).ConfigureAwait(false);
        var testSet = TestSetRecords.ToDataset(records, task.Config.InputSize);
        TaskResult result = TaskResult.Evaluate(backend, [.. models.Select(m => m.Model)], testSet);
        logger.LogInformation(
            "Evaluated task {TaskId} with {Backend}: {Models} models on {Samples} samples, scores [{Scores}], winner {Winner}",
            taskId, backend.Name, models.Count, testSet.Count, string.Join(", ", result.Scores), result.Winner);

        BigInteger bond = await contracts.Verifier.MinEvaluatorBondAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        byte[] call = OptimisticVerifier.EncodePostResultCall(taskId, result.Scores, result.Winner, result.ConcatenatedPredictions());
        var receipt = await senders.For(NodeRoles.Evaluator)
            .SendAsync($"postResult(task {taskId})", contracts.Verifier.Address, call, bond, contracts.VerifierReverts, cancellationToken).ConfigureAwait(false);
        if (receipt is not null)
        {
            logger.LogInformation("Posted result for task {TaskId}: scores [{Scores}], winner {Winner}, bond {Bond} wei, transaction {Transaction}",
                taskId, string.Join(", ", result.Scores), result.Winner, bond, receipt.TransactionHash);
        }
    }
}
