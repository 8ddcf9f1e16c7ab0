using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.Sending;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.LargeModels;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Services.Chain;
using DaoPlatform.Services.Jobs;
using DaoPlatform.Services.Sending;
using Microsoft.Extensions.Logging;

namespace DaoPlatform.Services.Roles.Evaluator;

/// <summary>
/// Move 2 of the prediction game (docs/training-tasks.md §8.2): answers a game opened on the evaluator's own result
/// with the disputed sample's trace through the disputed model (<c>answerGame</c>), before its turn ends. The trace is
/// the true one, so its argmax is the posted prediction when that prediction was honest; otherwise the simulation
/// reverts (<c>TracePredictionMismatch</c>), nothing is sent and the game is lost at its timeout.
/// </summary>
public sealed class GameAnswerJob(
    ChainReader reader, RevealedDataReader data, PlatformContracts contracts, RoleSenders senders, JobRunner runner, ILogger<GameAnswerJob> logger)
{
    /// <summary>Runs the job for the game opened at <paramref name="openedAt"/> on result <paramref name="resultHash"/> of task <paramref name="taskId"/>.</summary>
    public Task RunAsync(ulong taskId, string resultHash, ulong openedAt, CancellationToken cancellationToken) =>
        runner.RunAsync(JobKeys.AnswerGame(taskId, resultHash, openedAt), logger, () => AnswerAsync(taskId, cancellationToken));

    private async Task AnswerAsync(ulong taskId, CancellationToken cancellationToken)
    {
        TaskSnapshot task = await reader.ReadLatestAsync(taskId, cancellationToken).ConfigureAwait(false);
        ChainSender sender = senders.For(NodeRoles.Evaluator);
        if (Decisions.GameAnswerWhyNot(task, sender.Address) is string reason)
        {
            logger.LogInformation("Evaluator does not answer a game on task {TaskId}: {Reason}", taskId, reason);
            return;
        }
        IReadOnlyList<RevealedModel> models = await data.ReadModelsAsync(task, cancellationToken).ConfigureAwait(false);
        byte[] records = await data.ReadTestSetAsync(task, cancellationToken).ConfigureAwait(false);
        QuantizedModel model = models[task.Game.Model].Model;
        Dataset testSet = TestSetRecords.ToDataset(records, task.Config.InputSize);
        Move move = GameMoves.Answer(contracts.Verifier.Address, task, model, testSet.Input((int)task.Game.SampleIndex));
        var receipt = await sender.SendAsync(move, cancellationToken).ConfigureAwait(false);
        if (receipt is not null)
        {
            logger.LogInformation("Answered the game on task {TaskId} (model {Model}, sample {Sample}) with the trace: transaction {Transaction}",
                taskId, task.Game.Model, task.Game.SampleIndex, receipt.TransactionHash);
        }
    }
}
