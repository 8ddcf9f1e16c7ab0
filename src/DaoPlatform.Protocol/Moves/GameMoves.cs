using System.Numerics;
using DaoPlatform.Contracts.OpenZeppelin;
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
    /// <summary>
    /// <c>openGame</c> on model <paramref name="prediction"/>.Model's prediction for one sample, with the game's
    /// <paramref name="bond"/> (<c>gameBond(taskId)</c>, in the task's token: base units). A token task's bond is
    /// approved first, so the list is [approve, openGame] there and [openGame] on an ETH task.
    /// </summary>
    public static IReadOnlyList<Move> Open(Address verifier, TaskSnapshot task, PostedResult posted, Dispute.Prediction prediction, BigInteger bond)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(posted);
        ArgumentNullException.ThrowIfNull(prediction);
        Address token = task.Config.Token;
        var open = new Move("OptimisticVerifier.openGame", verifier,
            OptimisticVerifier.EncodeOpenGameCall(task.TaskId, posted.Result, prediction.Model, posted.Claimed.Predictions[prediction.Model], prediction.Sample),
            token == Address.Zero ? bond : BigInteger.Zero,
            $"open a prediction game on model {prediction.Model}'s prediction for sample {prediction.Sample} in task {task.TaskId}'s result, with a bond of {Amounts.Of(bond, token)}");
        if (token == Address.Zero)
        {
            return [open];
        }
        var approve = new Move("ERC20.approve", token, Erc20.EncodeApproveCall(verifier, bond), BigInteger.Zero,
            $"allow the verifier {verifier} to take the game bond of {Amounts.Of(bond, token)} for task {task.TaskId}");
        return [approve, open];
    }

    /// <summary><c>answerGame</c>: the evaluator's answer, the trace of <paramref name="model"/> on the disputed sample.</summary>
    public static Move Answer(Address verifier, TaskSnapshot task, QuantizedModel model, ReadOnlySpan<sbyte> input)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(model);
        var commitment = new ModelCommitment(model);
        int[][] trace = Evaluation.Evaluator.Trace(model, input);
        return new Move("OptimisticVerifier.answerGame", verifier,
            OptimisticVerifier.EncodeAnswerGameCall(task.TaskId, task.Game.Challenger, commitment.Header, commitment.RowsRoot, Traces.Encode(trace)), BigInteger.Zero,
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

    /// <summary>
    /// <c>forceChunk</c>: in the challenger's turn, has the availability game challenge chunk <paramref name="chunk"/>
    /// of the disputed model (committed without publication, docs/training-tasks.md §8.5) so that its rows come on
    /// chain, adding <see cref="ContractLimits.ForceTimeSeconds"/> to the turn. <paramref name="bond"/> is
    /// <c>ModelAvailability.challengeBond()</c> in wei for a new challenge, zero when the chunk is under challenge already.
    /// </summary>
    public static Move ForceChunk(Address verifier, TaskSnapshot task, int chunk, BigInteger bond)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentOutOfRangeException.ThrowIfNegative(chunk);
        return new Move("OptimisticVerifier.forceChunk", verifier, OptimisticVerifier.EncodeForceChunkCall(task.TaskId, chunk), bond,
            $"force chunk {chunk} of model {task.Game.Model}'s committed rows on chain for the game on task {task.TaskId}" +
            (bond.IsZero ? " (already under challenge: no bond)" : $", with a bond of {UnitFormat.Ether(bond)}") + ": unresolved within a day, the game is won");
    }

    /// <summary>
    /// <c>proveNeuron</c> on neuron <paramref name="neuron"/> of layer <paramref name="layer"/> of the answered
    /// <paramref name="trace"/> with one proven <paramref name="row"/> of the committed model (from a resolved chunk,
    /// when the model's bytes are nowhere else) and the test set's <paramref name="records"/>.
    /// </summary>
    public static Move ProveNeuron(Address verifier, TaskSnapshot task, CommittedRow row, byte[] trace, int layer, int neuron, byte[] records)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(records);
        OptimisticVerifier.Sample sample = ResultMoves.Sample(records, task, (int)task.Game.SampleIndex);
        return new Move("OptimisticVerifier.proveNeuron", verifier,
            OptimisticVerifier.EncodeProveNeuronCall(task.TaskId, new OptimisticVerifier.TracedModel(row.Header, row.RowsRoot, trace),
                new OptimisticVerifier.NeuronRow(layer, neuron, row.Row, row.Proof), sample),
            BigInteger.Zero,
            $"prove neuron {neuron} of layer {layer} of the answered trace wrong in task {task.TaskId}'s game (its row from a resolved chunk), overturning its result")
        {
            GasLimit = GasLimits.GameMove,
        };
    }

    /// <summary>
    /// <c>timeoutGame</c> on the challenger's game whose forced chunk <paramref name="forced"/> was not resolved by its
    /// deadline: the challenger wins at once, the result is overturned.
    /// </summary>
    public static Move TimeoutUnavailable(Address verifier, TaskSnapshot task, ForcedChunk forced)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(forced);
        return new Move("OptimisticVerifier.timeoutGame", verifier, OptimisticVerifier.EncodeTimeoutGameCall(task.TaskId, task.Game.Challenger), BigInteger.Zero,
            $"end the prediction game on task {task.TaskId}: chunk {forced.Chunk} of entry {forced.Entry}'s model, forced on chain, was not resolved by {UnitFormat.Timestamp(forced.ResolveDeadline)}");
    }

    /// <summary>
    /// <c>timeoutGame</c> on <see cref="TaskSnapshot.Game"/> (each challenger plays its own game: pass a snapshot
    /// <see cref="TaskSnapshot.ForChallenger"/>): the side whose turn passed (at its TurnEnds) loses.
    /// </summary>
    public static Move Timeout(Address verifier, TaskSnapshot task)
    {
        ArgumentNullException.ThrowIfNull(task);
        string loser = task.GameAnswered ? "the challenger" : "the evaluator";
        return new Move("OptimisticVerifier.timeoutGame", verifier, OptimisticVerifier.EncodeTimeoutGameCall(task.TaskId, task.Game.Challenger), BigInteger.Zero,
            $"end the prediction game on task {task.TaskId}: {loser}'s turn ended {UnitFormat.Timestamp(task.Game.TurnEnds)}");
    }
}
