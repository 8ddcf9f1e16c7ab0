using System.Numerics;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Services.Evaluation;

/// <summary>
/// A task's evaluation as <c>OptimisticVerifier.postResult</c> takes it (docs/training-tasks.md §3): per revealed
/// model one prediction byte per test sample, its score (samples whose prediction equals the label) and the winner
/// (the first index of the highest score, or <see cref="NoWinner"/> when that score is below the task's baseline
/// <c>minScore</c>).
/// </summary>
public sealed record TaskResult(IReadOnlyList<byte[]> Predictions, IReadOnlyList<uint> Scores, int Winner)
{
    /// <summary>No model reaches the baseline; posted as <c>NO_WINNER</c> (2^256 − 1).</summary>
    public const int NoWinner = -1;

    /// <summary>The contracts' <c>NO_WINNER</c>, <c>type(uint256).max</c>.</summary>
    public static readonly BigInteger NoWinnerValue = (BigInteger.One << 256) - 1;

    /// <summary>The winner as the contract encodes it.</summary>
    public BigInteger WinnerValue => Winner == NoWinner ? NoWinnerValue : Winner;

    /// <summary>The winner a contract value names (<see cref="NoWinner"/> for <c>NO_WINNER</c>).</summary>
    public static int WinnerFrom(BigInteger value) => value == NoWinnerValue ? NoWinner : checked((int)value);

    /// <summary>Evaluates <paramref name="models"/> on <paramref name="testSet"/> with <paramref name="backend"/>, against the baseline <paramref name="minScore"/>.</summary>
    public static TaskResult Evaluate(IEvaluationBackend backend, IReadOnlyList<QuantizedModel> models, Dataset testSet, uint minScore)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(testSet);
        var predictions = new List<byte[]>(models.Count);
        int[] classes = new int[testSet.Count];
        foreach (QuantizedModel model in models)
        {
            backend.Predict(model, testSet.Inputs, classes);
            // Classes are at most 256 (TrainingTasks.MAX_CLASSES), so a prediction is one byte.
            predictions.Add([.. classes.Select(c => checked((byte)c))]);
        }
        uint[] scores = [.. predictions.Select(p => Score(p, testSet.Labels))];
        return new TaskResult(predictions, scores, WinnerOf(scores, minScore));
    }

    /// <summary>The number of positions where <paramref name="predictions"/> equals <paramref name="labels"/>.</summary>
    public static uint Score(ReadOnlySpan<byte> predictions, ReadOnlySpan<byte> labels)
    {
        uint score = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            score += predictions[i] == labels[i] ? 1u : 0u;
        }
        return score;
    }

    /// <summary>The first index of the highest score (the earliest commit wins a tie), or <see cref="NoWinner"/> when it is below <paramref name="minScore"/>.</summary>
    public static int WinnerOf(IReadOnlyList<uint> scores, uint minScore)
    {
        ArgumentNullException.ThrowIfNull(scores);
        int best = 0;
        for (int m = 1; m < scores.Count; m++)
        {
            if (scores[m] > scores[best])
            {
                best = m;
            }
        }
        return scores[best] < minScore ? NoWinner : best;
    }

    /// <summary>The predictions of every model concatenated, model after model (postResult's <c>predictions</c>).</summary>
    public byte[] ConcatenatedPredictions() => [.. Predictions.SelectMany(p => p)];
}
