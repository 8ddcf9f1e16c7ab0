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
    ChainReader reader, RevealedDataReader data, PlatformContracts contracts, RoleSenders senders, IOptions<NodeOptions> options,
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
                if (await sender.SendAsync($"timeoutGame(task {taskId})", contracts.Verifier.Address, OptimisticVerifier.EncodeTimeoutGameCall(taskId), 0,
                        contracts.VerifierReverts, cancellationToken).ConfigureAwait(false) is { } timedOut)
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
        byte[] traceBytes = await AnsweredTraceAsync(task, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<RevealedModel> models = await data.ReadModelsAsync(task, cancellationToken).ConfigureAwait(false);
        byte[] records = await data.ReadTestSetAsync(task, cancellationToken).ConfigureAwait(false);
        QuantizedModel model = models[task.Game.Model].Model;
        int sampleIndex = (int)task.Game.SampleIndex;
        Dataset testSet = TestSetRecords.ToDataset(records, task.Config.InputSize);
        int[][] claimed = Traces.Decode(traceBytes, [.. model.Layers.Select(layer => layer.Outputs)]);
        if (Traces.FirstWrongNeuron(model, testSet.Input(sampleIndex), claimed) is not (int layer, int neuron))
        {
            // The answer is the true trace: its argmax is the posted prediction, so the game cannot be won.
            logger.LogWarning("The trace answered on task {TaskId} (model {Model}, sample {Sample}) is correct: no neuron to prove",
                task.TaskId, task.Game.Model, sampleIndex);
            return;
        }
        var commitment = new ModelCommitment(model);
        (byte[] row, IReadOnlyList<byte[]> rowProof) = commitment.RowProof(commitment.RowIndex(layer, neuron));
        int recordSize = task.Config.InputSize + 1;
        var tree = new TestSetTree(records, recordSize);
        var sample = new OptimisticVerifier.Sample(sampleIndex, records.AsSpan(sampleIndex * recordSize, recordSize).ToArray(), tree.SampleProof(sampleIndex));
        byte[] call = OptimisticVerifier.EncodeProveNeuronCall(task.TaskId,
            new OptimisticVerifier.TracedModel(commitment.Header, commitment.RowsRoot, traceBytes),
            new OptimisticVerifier.NeuronRow(layer, neuron, row, rowProof), sample);
        var request = new TransactionRequest { To = contracts.Verifier.Address, Data = call, GasLimit = GasLimits.GameMove };
        if (await sender.SendAsync($"proveNeuron(task {task.TaskId}, layer {layer}, neuron {neuron})", request, contracts.VerifierReverts, cancellationToken)
                .ConfigureAwait(false) is { } proven)
        {
            logger.LogInformation("Proved neuron {Neuron} of layer {Layer} of the trace wrong: result {ResultHash} of task {TaskId} overturned, transaction {Transaction}",
                neuron, layer, task.ResultHashHex, task.TaskId, proven.TransactionHash);
        }
    }

    /// <summary>The trace of the open game's answer, from its <c>GameAnswered</c> log (the one whose hash the game holds).</summary>
    private async Task<byte[]> AnsweredTraceAsync(TaskSnapshot task, CancellationToken cancellationToken)
    {
        List<EventLog<OptimisticVerifier.GameAnsweredEvent>> logs = await LogRanges.QueryAsync(
            options.Value.StartBlock, task.BlockNumber, options.Value.MaxLogRange,
            (from, to) => contracts.Verifier.QueryGameAnsweredEventsAsync(from, to, taskId: new BigInteger(task.TaskId), cancellationToken: cancellationToken)).ConfigureAwait(false);
        return logs.LastOrDefault(l => l.Event.TraceHash.AsSpan().SequenceEqual(task.Game.TraceHash))?.Event.Trace
            ?? throw new InvalidDataException($"task {task.TaskId}: no GameAnswered log with trace hash {Ethereum.Hex.HexConvert.Encode(task.Game.TraceHash)} up to block {task.BlockNumber}");
    }
}
