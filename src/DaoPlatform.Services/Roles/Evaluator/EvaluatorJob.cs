using System.Numerics;
using DaoPlatform.Contracts.OpenZeppelin;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Services.Chain;
using DaoPlatform.Services.Jobs;
using DaoPlatform.Services.Sending;
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
        runner.RunAsync(NodeRoles.Evaluator, JobKeys.Evaluate(taskId), logger, () => EvaluateAsync(taskId, cancellationToken));

    private async Task EvaluateAsync(ulong taskId, CancellationToken cancellationToken)
    {
        TaskSnapshot task = await reader.ReadLatestAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (Decisions.EvaluatorWhyNot(task) is string reason)
        {
            logger.LogInformation("Evaluator skipped task {TaskId}: {Reason}", taskId, reason);
            return;
        }
        RevealedTask revealed;
        try
        {
            revealed = await data.ReadAsync(task, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelUnavailableException e)
        {
            // Evaluating without it would be wrong; the availability game brings its bytes on chain or excludes it.
            logger.LogWarning("Evaluator skipped task {TaskId}: {Reason}", taskId, e.Message);
            return;
        }
        TaskResult result = TaskResult.Evaluate(backend, [.. revealed.Models.Select(m => m.Model)], revealed.TestSet, task.Config.MinScore, cancellationToken);
        logger.LogInformation(
            "Evaluated task {TaskId} with {Backend}: {Models} models on {Samples} samples, scores [{Scores}], winner {Winner}",
            taskId, backend.Name, revealed.Models.Count, revealed.TestSet.Count, string.Join(", ", result.Scores), result.Winner);

        BigInteger bond = await contracts.Verifier.RequiredBondAsync(taskId, cancellationToken: cancellationToken).ConfigureAwait(false);
        ChainSender sender = senders.For(NodeRoles.Evaluator);
        // A token task's bond is approved first, by construction of the move (a retry may repeat the approval harmlessly).
        Ethereum.JsonRpc.TransactionReceipt? receipt = null;
        foreach (Move move in ResultMoves.Post(contracts.Verifier.Address, task, result, bond))
        {
            receipt = await sender.SendAsync(move, cancellationToken).ConfigureAwait(false);
            if (receipt is null)
            {
                return;
            }
        }
        if (receipt is not null)
        {
            logger.LogInformation("Posted result for task {TaskId}: scores [{Scores}], winner {Winner}, bond {Bond}, transaction {Transaction}",
                taskId, string.Join(", ", result.Scores), result.Winner, bond, receipt.TransactionHash);
        }
    }
}
