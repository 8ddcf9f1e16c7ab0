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
        runner.RunAsync(JobKeys.Evaluate(taskId), logger, () => EvaluateAsync(taskId, cancellationToken));

    private async Task EvaluateAsync(ulong taskId, CancellationToken cancellationToken)
    {
        TaskSnapshot task = await reader.ReadLatestAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (Decisions.EvaluatorWhyNot(task) is string reason)
        {
            logger.LogInformation("Evaluator skipped task {TaskId}: {Reason}", taskId, reason);
            return;
        }
        RevealedTask revealed = await data.ReadAsync(task, cancellationToken).ConfigureAwait(false);
        TaskResult result = TaskResult.Evaluate(backend, [.. revealed.Models.Select(m => m.Model)], revealed.TestSet, task.Config.MinScore, cancellationToken);
        logger.LogInformation(
            "Evaluated task {TaskId} with {Backend}: {Models} models on {Samples} samples, scores [{Scores}], winner {Winner}",
            taskId, backend.Name, revealed.Models.Count, revealed.TestSet.Count, string.Join(", ", result.Scores), result.Winner);

        BigInteger bond = await contracts.Verifier.RequiredBondAsync(taskId, cancellationToken: cancellationToken).ConfigureAwait(false);
        ChainSender sender = senders.For(NodeRoles.Evaluator);
        bool inEth = task.Config.Token == Address.Zero;
        if (!inEth)
        {
            // An ERC-20 bond is pulled by the verifier: allow it first (idempotent, so a retry may repeat it harmlessly).
            await sender.SendAsync($"approve({bond} of {task.Config.Token} for task {taskId}'s bond)", task.Config.Token,
                Erc20.EncodeApproveCall(contracts.Verifier.Address, bond), 0, contracts.TokenReverts, cancellationToken).ConfigureAwait(false);
        }
        byte[] call = OptimisticVerifier.EncodePostResultCall(taskId, result.Scores, result.WinnerValue, result.ConcatenatedPredictions());
        var receipt = await sender
            .SendAsync($"postResult(task {taskId})", contracts.Verifier.Address, call, inEth ? bond : 0, contracts.VerifierReverts, cancellationToken).ConfigureAwait(false);
        if (receipt is not null)
        {
            logger.LogInformation("Posted result for task {TaskId}: scores [{Scores}], winner {Winner}, bond {Bond}, transaction {Transaction}",
                taskId, string.Join(", ", result.Scores), result.Winner, bond, receipt.TransactionHash);
        }
    }
}
