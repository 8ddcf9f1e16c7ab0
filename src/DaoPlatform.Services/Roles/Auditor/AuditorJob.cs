using System.Numerics;
using DaoPlatform.Contracts.OpenZeppelin;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.Primitives;
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
    PlatformContracts contracts, RoleSenders senders, AuditedResults audited, DisputedTraces traces, JobRunner runner, ILogger<AuditorJob> logger)
{
    /// <summary>Runs the job for the result <paramref name="resultHash"/> of task <paramref name="taskId"/>.</summary>
    public Task RunAsync(ulong taskId, string resultHash, CancellationToken cancellationToken) =>
        runner.RunAsync(NodeRoles.Auditor, JobKeys.Audit(taskId, resultHash), logger, () => AuditAsync(taskId, cancellationToken));

    private async Task AuditAsync(ulong taskId, CancellationToken cancellationToken)
    {
        // Only the auditor's own game holds it back: another's game never keeps it out (docs/training-tasks.md §8.2).
        TaskSnapshot task = (await reader.ReadLatestAsync(taskId, cancellationToken).ConfigureAwait(false))
            .ForChallenger(senders.For(NodeRoles.Auditor).Address);
        if (Decisions.AuditorWhyNot(task) is string reason)
        {
            logger.LogInformation("Auditor skipped task {TaskId}: {Reason}", taskId, reason);
            return;
        }
        if (audited.IsKnownCorrect(taskId, task.ResultHashHex))
        {
            // Already re-evaluated and found correct: the follower plans the audit every tick, the evaluation runs once.
            return;
        }
        PostedResult claim = await posted.ReadAsync(task, cancellationToken).ConfigureAwait(false);
        RevealedTask revealed;
        try
        {
            revealed = await data.ReadAsync(task, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelUnavailableException e)
        {
            // Evaluating without it would be wrong; the availability game brings its bytes on chain or excludes it.
            logger.LogWarning("Auditor skipped task {TaskId}: {Reason}", taskId, e.Message);
            return;
        }
        Dataset testSet = revealed.TestSet;
        TaskResult honest = TaskResult.Evaluate(backend, [.. revealed.Models.Select(m => m.Model)], testSet, task.Config.MinScore, cancellationToken);

        Dispute? dispute = DisputeSolver.Solve(claim.Claimed, honest, testSet.Labels, task.Config.MinScore);
        if (dispute is null)
        {
            logger.LogInformation("Result {ResultHash} of task {TaskId} (transaction {Transaction}) is correct: no challenge",
                task.ResultHashHex, taskId, claim.TransactionHash);
            audited.MarkCorrect(taskId, task.ResultHashHex);
            return;
        }
        if (task.IsLargeModelTask && dispute is Dispute.Prediction disputed)
        {
            // Kept while the model is at hand: should its bytes vanish before the proof, the trace still names the row to force.
            QuantizedModel model = revealed.Models[disputed.Model].Model;
            traces.Keep(taskId, task.ResultHashHex, new DisputedTrace(disputed.Model, disputed.Sample,
                [model.Layers[0].Inputs, .. model.Layers.Select(l => l.Outputs)], Evaluation.Evaluator.Trace(model, testSet.Input(disputed.Sample))));
        }
        BigInteger gameBond = task.IsLargeModelTask
            ? await contracts.Verifier.GameBondAsync(taskId, task.BlockNumber, cancellationToken).ConfigureAwait(false)
            : BigInteger.Zero;
        // On a large-model task a wrong prediction is disputed by the game's opening move (docs/training-tasks.md §8.2),
        // a token bond approved first; AuditorGameJob plays the rest. A retry may repeat the approval harmlessly.
        foreach (Move move in ResultMoves.Challenge(contracts.Verifier.Address, task, claim, dispute, revealed.Models, revealed.Records, gameBond))
        {
            if (await senders.For(NodeRoles.Auditor).SendAsync(move, cancellationToken).ConfigureAwait(false) is not { } receipt)
            {
                return;
            }
            logger.LogInformation("Challenged result {ResultHash} of task {TaskId} with {Dispute} ({Action}): transaction {Transaction}",
                task.ResultHashHex, taskId, dispute, move.Action, receipt.TransactionHash);
        }
    }
}
