using System.Numerics;
using DaoPlatform.Evaluation;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Protocol.Rules;

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

    /// <summary>
    /// Evaluates <paramref name="models"/> on <paramref name="testSet"/> against the baseline <paramref name="minScore"/>,
    /// model after model, each through <paramref name="evaluator"/>'s batches (bounded by its memory budget).
    /// </summary>
    /// <exception cref="Evaluation.EvaluationException">A model's input size differs from the test set's.</exception>
    /// <exception cref="OperationCanceledException">Cancelled between two batches.</exception>
    public static TaskResult Evaluate(Evaluator evaluator, IReadOnlyList<QuantizedModel> models, Dataset testSet, uint minScore, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(testSet);
        var predictions = new List<byte[]>(models.Count);
        var scores = new uint[models.Count];
        for (int m = 0; m < models.Count; m++)
        {
            EvaluationResult result = evaluator.Evaluate(models[m], testSet, cancellationToken);
            // Classes are at most ContractLimits.MaxClasses (256), so a prediction is one byte.
            byte[] bytes = new byte[result.Predictions.Length];
            for (int s = 0; s < bytes.Length; s++)
            {
                bytes[s] = checked((byte)result.Predictions[s]);
            }
            predictions.Add(bytes);
            scores[m] = checked((uint)result.Accuracy);
        }
        return new TaskResult(predictions, scores, WinnerOf(scores, minScore));
    }

    /// <summary>Evaluates with a default <see cref="Evaluator"/> over <paramref name="backend"/> (see the overload on an evaluator).</summary>
    public static TaskResult Evaluate(IEvaluationBackend backend, IReadOnlyList<QuantizedModel> models, Dataset testSet, uint minScore, CancellationToken cancellationToken = default) =>
        Evaluate(new Evaluator(backend), models, testSet, minScore, cancellationToken);

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
