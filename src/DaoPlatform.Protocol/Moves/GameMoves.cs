using System.Numerics;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Evaluation.LargeModels;
using ModelCommitment = DaoPlatform.Evaluation.LargeModels.ModelCommitment;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Protocol.Reads;
using DaoPlatform.Protocol.Rules;
using DaoPlatform.Protocol.TestSets;
using DaoPlatform.Ethereum.Abi;

namespace DaoPlatform.Protocol.Moves;

/// <summary>
/// The prediction game on a large-model task (docs/training-tasks.md §8.2): the challenger opens it on one wrong
/// prediction with a bond, the evaluator answers with the model's trace for that sample, the challenger proves one
/// neuron of the trace wrong, and whoever lets their turn pass loses by <c>timeoutGame</c>. Every answer or proof is
/// sent with <see cref="GasLimits.GameMove"/>.
/// </summary>
public static class GameMoves
{
    /// <summary><c>openGame</c> on model <paramref name="prediction"/>.Model's prediction for one sample, with <paramref name="bond"/> wei.</summary>
    public static Move Open(Address verifier, TaskSnapshot task, PostedResult posted, Dispute.Prediction prediction, BigInteger bond)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(posted);
        ArgumentNullException.ThrowIfNull(prediction);
        return new Move("OptimisticVerifier.openGame", verifier,
            OptimisticVerifier.EncodeOpenGameCall(task.TaskId, posted.Result, prediction.Model, posted.Claimed.Predictions[prediction.Model], prediction.Sample),
            bond,
            $"open a prediction game on model {prediction.Model}'s prediction for sample {prediction.Sample} in task {task.TaskId}'s result, with a bond of {UnitFormat.Ether(bond)}");
    }

    /// <summary><c>answerGame</c>: the evaluator's answer, the trace of <paramref name="model"/> on the disputed sample.</summary>
    public static Move Answer(Address verifier, TaskSnapshot task, QuantizedModel model, ReadOnlySpan<sbyte> input)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(model);
        var commitment = new ModelCommitment(model);
        int[][] trace = Evaluation.Evaluator.Trace(model, input);
        return new Move("OptimisticVerifier.answerGame", verifier,
            OptimisticVerifier.EncodeAnswerGameCall(task.TaskId, commitment.Header, commitment.RowsRoot, Traces.Encode(trace)), BigInteger.Zero,
            $"answer the prediction game on task {task.TaskId} with model {task.Game.Model}'s trace for sample {task.Game.SampleIndex} (turn ends {UnitFormat.Timestamp(task.Game.TurnEnds)})")
        {
            GasLimit = GasLimits.GameMove,
        };
    }

    /// <summary>
    /// <c>proveNeuron</c> on the first wrong neuron of the answered <paramref name="trace"/>, or null when the trace
    /// is the model's true trace (the game cannot be won).
    /// </summary>
    public static Move? ProveNeuron(Address verifier, TaskSnapshot task, QuantizedModel model, byte[] records, byte[] trace)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(trace);
        int sampleIndex = (int)task.Game.SampleIndex;
        int[][] claimed = Traces.Decode(trace, [.. model.Layers.Select(layer => layer.Outputs)]);
        Dataset testSet = TestSetRecords.ToDataset(records, task.Config.InputSize);
        if (Traces.FirstWrongNeuron(model, testSet.Input(sampleIndex), claimed) is not (int layer, int neuron))
        {
            return null;
        }
        var commitment = new ModelCommitment(model);
        (byte[] row, IReadOnlyList<byte[]> rowProof) = commitment.RowProof(commitment.RowIndex(layer, neuron));
        OptimisticVerifier.Sample sample = ResultMoves.Sample(records, task, sampleIndex);
        return new Move("OptimisticVerifier.proveNeuron", verifier,
            OptimisticVerifier.EncodeProveNeuronCall(task.TaskId,
                new OptimisticVerifier.TracedModel(commitment.Header, commitment.RowsRoot, trace),
                new OptimisticVerifier.NeuronRow(layer, neuron, row, rowProof), sample),
            BigInteger.Zero,
            $"prove neuron {neuron} of layer {layer} of the answered trace wrong in task {task.TaskId}'s game, overturning its result")
        {
            GasLimit = GasLimits.GameMove,
        };
    }

    /// <summary><c>timeoutGame</c>: the side whose turn passed (at <see cref="TaskSnapshot.Game"/>.TurnEnds) loses.</summary>
    public static Move Timeout(Address verifier, TaskSnapshot task)
    {
        ArgumentNullException.ThrowIfNull(task);
        string loser = task.GameAnswered ? "the challenger" : "the evaluator";
        return new Move("OptimisticVerifier.timeoutGame", verifier, OptimisticVerifier.EncodeTimeoutGameCall(task.TaskId), BigInteger.Zero,
            $"end the prediction game on task {task.TaskId}: {loser}'s turn ended {UnitFormat.Timestamp(task.Game.TurnEnds)}");
    }
}
