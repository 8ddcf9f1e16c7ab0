using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Platform.Verification;

/// <summary>
/// An evaluation of a task's revealed models on its test set: one prediction byte per sample per model, the scores
/// (correct predictions) and the winner (the first model with the highest score: ties go to the earliest commit).
/// </summary>
public sealed record EvaluationResult(IReadOnlyList<byte[]> Predictions, IReadOnlyList<uint> Scores, int Winner)
{
    /// <summary>keccak256 of each model's predictions, as the verifier's result holds them.</summary>
    public IReadOnlyList<byte[]> PredictionHashes => [.. Predictions.Select(p => Keccak256.Hash(p))];

    /// <summary>All predictions concatenated in model order (the postResult calldata).</summary>
    public byte[] Concatenated => [.. Predictions.SelectMany(p => p)];

    /// <summary>Scores <paramref name="predictions"/> against <paramref name="labels"/> and picks the winner.</summary>
    public static EvaluationResult FromPredictions(IReadOnlyList<byte[]> predictions, IReadOnlyList<byte> labels)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(labels);
        var scores = predictions.Select(p => (uint)p.Where((prediction, i) => prediction == labels[i]).Count()).ToList();
        int winner = 0;
        for (int m = 1; m < scores.Count; m++)
        {
            if (scores[m] > scores[winner])
            {
                winner = m;
            }
        }
        return new EvaluationResult(predictions, scores, winner);
    }

    /// <summary>Runs every model on <paramref name="testSet"/> with <paramref name="backend"/>.</summary>
    public static EvaluationResult Evaluate(IReadOnlyList<QuantizedModel> models, Dataset testSet, IEvaluationBackend backend)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(testSet);
        ArgumentNullException.ThrowIfNull(backend);
        var predictions = new List<byte[]>();
        var buffer = new int[testSet.Count];
        foreach (QuantizedModel model in models)
        {
            if (model.InputSize != testSet.InputSize)
            {
                throw PlatformException.BadInput($"a model takes {model.InputSize} inputs but the test set's samples have {testSet.InputSize}");
            }
            backend.Predict(model, testSet.Inputs, buffer);
            // A prediction is one byte on-chain; classes above 255 cannot match a uint8 label anyway.
            predictions.Add([.. buffer.Select(p => (byte)Math.Min(p, 255))]);
        }
        return FromPredictions(predictions, testSet.Labels);
    }
}
