using DaoPlatform.Protocol.Rules;

namespace DaoPlatform.Protocol.Rules;

/// <summary>
/// Decides, from the posted result and the honest one alone, which dispute proves the posted result wrong:
/// the cheapest that applies (winner ≈ 55 K gas, then score, then prediction, the costliest). The three are
/// complete: a result whose predictions are the models', whose scores are the predictions' and whose winner is
/// the scores' is the honest one, so null means "nothing to prove".
/// </summary>
public static class DisputeSolver
{
    /// <summary>The dispute to send against <paramref name="posted"/>, or null when it is honest.</summary>
    /// <param name="posted">The posted result (its predictions decoded from the postResult calldata).</param>
    /// <param name="honest">The auditor's own evaluation of the same models on the same test set.</param>
    /// <param name="labels">The test set's labels.</param>
    /// <param name="minScore">The task's baseline: a best score below it means no winner.</param>
    /// <exception cref="ArgumentException">The two results are not over the same models and samples.</exception>
    public static Dispute? Solve(TaskResult posted, TaskResult honest, ReadOnlySpan<byte> labels, uint minScore)
    {
        ArgumentNullException.ThrowIfNull(posted);
        ArgumentNullException.ThrowIfNull(honest);
        if (posted.Predictions.Count != honest.Predictions.Count || posted.Scores.Count != posted.Predictions.Count)
        {
            throw new ArgumentException($"posted result has {posted.Predictions.Count} models and {posted.Scores.Count} scores, the task {honest.Predictions.Count} models");
        }
        int best = TaskResult.WinnerOf(posted.Scores, minScore);
        if (best != posted.Winner)
        {
            return new Dispute.Winner(posted.Winner, best);
        }
        for (int m = 0; m < posted.Predictions.Count; m++)
        {
            if (posted.Predictions[m].Length != labels.Length)
            {
                throw new ArgumentException($"model {m}: {posted.Predictions[m].Length} posted predictions for {labels.Length} samples");
            }
            uint score = TaskResult.Score(posted.Predictions[m], labels);
            if (score != posted.Scores[m])
            {
                return new Dispute.Score(m, posted.Scores[m], score);
            }
        }
        for (int m = 0; m < posted.Predictions.Count; m++)
        {
            int i = posted.Predictions[m].AsSpan().CommonPrefixLength(honest.Predictions[m]);
            if (i < labels.Length)
            {
                return new Dispute.Prediction(m, i, posted.Predictions[m][i], honest.Predictions[m][i]);
            }
        }
        return null;
    }
}
