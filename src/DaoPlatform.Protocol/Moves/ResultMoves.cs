using System.Numerics;
using DaoPlatform.Contracts.OpenZeppelin;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Protocol.Reads;
using DaoPlatform.Protocol.Rules;
using DaoPlatform.Protocol.TestSets;

namespace DaoPlatform.Protocol.Moves;

/// <summary>
/// The optimistic verifier's moves on a task's result (docs/training-tasks.md §3–§8): post with its bond, dispute,
/// finalize. Multi-step actions are multi-step by construction: a post on a task paid in an ERC-20 token starts with
/// the bond's approval, and a prediction dispute on a large-model task is the prediction game's opening move.
/// </summary>
public static class ResultMoves
{
    /// <summary>
    /// Posts <paramref name="result"/> for <paramref name="task"/> with <paramref name="bond"/> (the verifier's
    /// <c>requiredBond</c>, in the task's token): for an ETH task one payable <c>postResult</c>; for a token task
    /// <c>approve(verifier, bond)</c> on the token, then <c>postResult</c>, which pulls the bond.
    /// </summary>
    public static IReadOnlyList<Move> Post(Address verifier, TaskSnapshot task, TaskResult result, BigInteger bond)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(result);
        Address token = task.Config.Token;
        string winner = result.Winner == TaskResult.NoWinner ? "no winner" : $"winner model {result.Winner}";
        var post = new Move("OptimisticVerifier.postResult", verifier,
            OptimisticVerifier.EncodePostResultCall(task.TaskId, result.Scores, result.WinnerValue, result.ConcatenatedPredictions()),
            token == Address.Zero ? bond : BigInteger.Zero,
            $"post the result of task {task.TaskId} (scores [{string.Join(", ", result.Scores)}], {winner}) with a bond of {Amounts.Of(bond, token)}");
        if (token == Address.Zero)
        {
            return [post];
        }
        var approve = new Move("ERC20.approve", token, Erc20.EncodeApproveCall(verifier, bond), BigInteger.Zero,
            $"allow the verifier {verifier} to take the bond of {Amounts.Of(bond, token)} for task {task.TaskId}'s result");
        return [approve, post];
    }

    /// <summary>
    /// The move that overturns <paramref name="posted"/> with <paramref name="dispute"/> (from <see cref="DisputeSolver"/>):
    /// <c>challengeWinner</c>, <c>challengeScore</c> with the revealed labels, or for a wrong prediction either
    /// <c>challengePrediction</c> with the whole model (small-model tasks) or, on a large-model task whose model cannot
    /// fit one transaction, the game's opening move <c>openGame</c> with <paramref name="gameBond"/> wei (the verifier's
    /// <c>minEvaluatorBond</c>).
    /// </summary>
    /// <param name="verifier">The verifier.</param>
    /// <param name="task">The task at the block the dispute was computed at.</param>
    /// <param name="posted">The pending result.</param>
    /// <param name="dispute">The dispute to raise.</param>
    /// <param name="models">The revealed models, in the verifier's order.</param>
    /// <param name="records">The revealed test set's records (label ‖ inputs each).</param>
    /// <param name="gameBond">The bond a game's opening move carries, in wei.</param>
    /// <exception cref="ArgumentException">The dispute names a model or sample outside the task.</exception>
    public static Move Challenge(
        Address verifier, TaskSnapshot task, PostedResult posted, Dispute dispute,
        IReadOnlyList<RevealedModel> models, byte[] records, BigInteger gameBond)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(posted);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(records);
        ulong id = task.TaskId;
        switch (dispute)
        {
            case Dispute.Winner:
                return new Move("OptimisticVerifier.challengeWinner", verifier, OptimisticVerifier.EncodeChallengeWinnerCall(id, posted.Result), BigInteger.Zero,
                    $"challenge the winner of task {id}'s result: the scores posted name another winner");
            case Dispute.Score score:
                CheckModel(score.Model, posted);
                byte[] labels = TestSetRecords.Labels(records, task.Config.InputSize);
                return new Move("OptimisticVerifier.challengeScore", verifier,
                    OptimisticVerifier.EncodeChallengeScoreCall(id, posted.Result, score.Model, posted.Claimed.Predictions[score.Model], labels), BigInteger.Zero,
                    $"challenge the score of model {score.Model} in task {id}'s result: its predictions do not score {posted.Claimed.Scores[score.Model]}");
            case Dispute.Prediction prediction when task.IsLargeModelTask:
                CheckModel(prediction.Model, posted);
                return GameMoves.Open(verifier, task, posted, prediction, gameBond);
            case Dispute.Prediction prediction:
                CheckModel(prediction.Model, posted);
                if (prediction.Model >= models.Count)
                {
                    throw new ArgumentException($"task {id} has {models.Count} revealed models, the dispute names model {prediction.Model}", nameof(dispute));
                }
                OptimisticVerifier.Sample sample = Sample(records, task, prediction.Sample);
                return new Move("OptimisticVerifier.challengePrediction", verifier,
                    OptimisticVerifier.EncodeChallengePredictionCall(id, posted.Result, prediction.Model, posted.Claimed.Predictions[prediction.Model], models[prediction.Model].Bytes, sample),
                    BigInteger.Zero,
                    $"challenge model {prediction.Model}'s prediction for sample {prediction.Sample} in task {id}'s result by re-running the model on chain");
            default:
                throw new ArgumentException($"unknown dispute {dispute}", nameof(dispute));
        }
    }

    /// <summary><c>finalize(taskId)</c>: once the challenge window has passed, the task pays its winner and the bond returns.</summary>
    public static Move Finalize(Address verifier, ulong taskId) =>
        new("OptimisticVerifier.finalize", verifier, OptimisticVerifier.EncodeFinalizeCall(taskId), BigInteger.Zero,
            $"finalize the result of task {taskId}: its winner is paid and the evaluator's bond is returned");

    /// <summary>The sample proof of record <paramref name="index"/> against the task's test-set root.</summary>
    /// <exception cref="ArgumentException">The index is outside the test set.</exception>
    public static OptimisticVerifier.Sample Sample(byte[] records, TaskSnapshot task, int index)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(task);
        int recordSize = task.Config.InputSize + 1;
        if (index < 0 || (long)(index + 1) * recordSize > records.Length)
        {
            throw new ArgumentException($"sample {index} is outside task {task.TaskId}'s test set of {records.Length / recordSize} samples", nameof(index));
        }
        var tree = new TestSetTree(records, recordSize);
        return new OptimisticVerifier.Sample(index, TestSetRecords.Record(records, recordSize, index).ToArray(), tree.SampleProof(index));
    }

    private static void CheckModel(int model, PostedResult posted)
    {
        if (model < 0 || model >= posted.Claimed.Predictions.Count)
        {
            throw new ArgumentException($"the posted result has {posted.Claimed.Predictions.Count} models, the dispute names model {model}", nameof(model));
        }
    }
}
