using System.Numerics;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Sending;
using DaoPlatform.Evaluation.LargeModels;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Services.Chain;
using DaoPlatform.Services.Jobs;
using DaoPlatform.Services.Sending;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging;

namespace DaoPlatform.Services.Roles.Auditor;

/// <summary>
/// Plays a prediction game the auditor opened (docs/training-tasks.md §8.2) to its end: once the evaluator answered,
/// move 3 proves the first wrong neuron of the trace (<c>proveNeuron</c>: its row and proof, and the sample with its
/// proof for layer 0); when the evaluator let its turn pass, <c>timeoutGame</c>.
/// </summary>
public sealed class AuditorGameJob(
    ChainReader reader, RevealedDataReader data, GameReader games, PlatformContracts contracts, RoleSenders senders,
    JobRunner runner, ILogger<AuditorGameJob> logger)
{
    /// <summary>Runs the job for the game opened at <paramref name="openedAt"/> on result <paramref name="resultHash"/> of task <paramref name="taskId"/>.</summary>
    public Task RunAsync(ulong taskId, string resultHash, ulong openedAt, CancellationToken cancellationToken) =>
        runner.RunAsync(JobKeys.PlayGame(taskId, resultHash, openedAt), logger, () => PlayAsync(taskId, cancellationToken));

    private async Task PlayAsync(ulong taskId, CancellationToken cancellationToken)
    {
        TaskSnapshot task = await reader.ReadLatestAsync(taskId, cancellationToken).ConfigureAwait(false);
        ChainSender sender = senders.For(NodeRoles.Auditor);
        switch (Decisions.AuditorGame(task, sender.Address))
        {
            case GameMove.Timeout:
                if (await sender.SendAsync(GameMoves.Timeout(contracts.Verifier.Address, task), cancellationToken).ConfigureAwait(false) is { } timedOut)
                {
                    logger.LogInformation("The evaluator of task {TaskId} did not answer the game: result {ResultHash} overturned by timeout, transaction {Transaction}",
                        taskId, task.ResultHashHex, timedOut.TransactionHash);
                }
                break;
            case GameMove.ProveNeuron:
                await ProveAsync(task, sender, cancellationToken).ConfigureAwait(false);
                break;
            default:
                logger.LogInformation("Auditor has no move in a game on task {TaskId} at {Timestamp}", taskId, task.Timestamp);
                break;
        }
    }

    private async Task ProveAsync(TaskSnapshot task, ChainSender sender, CancellationToken cancellationToken)
    {
        byte[] trace = await games.AnsweredTraceAsync(task, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<RevealedModel> models = await data.ReadModelsAsync(task, cancellationToken).ConfigureAwait(false);
        byte[] records = await data.ReadTestSetAsync(task, cancellationToken).ConfigureAwait(false);
        if (GameMoves.ProveNeuron(contracts.Verifier.Address, task, models[task.Game.Model].Model, records, trace) is not { } move)
        {
            // The answer is the true trace: its argmax is the posted prediction, so the game cannot be won.
            logger.LogWarning("The trace answered on task {TaskId} (model {Model}, sample {Sample}) is correct: no neuron to prove",
                task.TaskId, task.Game.Model, task.Game.SampleIndex);
            return;
        }
        if (await sender.SendAsync(move, cancellationToken).ConfigureAwait(false) is { } proven)
        {
            logger.LogInformation("Proved the answered trace wrong ({Summary}): result {ResultHash} of task {TaskId} overturned, transaction {Transaction}",
                move.Summary, task.ResultHashHex, task.TaskId, proven.TransactionHash);
        }
    }
}
