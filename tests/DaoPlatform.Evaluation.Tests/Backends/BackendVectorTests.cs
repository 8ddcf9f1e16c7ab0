using System.Text.Json;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Evaluation.Tests.Vectors;

namespace DaoPlatform.Evaluation.Tests.Backends;

/// <summary>Every back end reproduces every prediction and accuracy of tests/vectors (docs/evaluation.md §10).</summary>
[TestFixtureSource(typeof(BackendCases), nameof(BackendCases.Fixtures))]
public sealed class BackendVectorTests(IEvaluationBackend backend)
{
    [TestCaseSource(typeof(ConformanceVectors), nameof(ConformanceVectors.Valid))]
    public void Predictions_and_accuracy_match_the_vector(JsonElement vector)
    {
        QuantizedModel model = Dqm1.Read(ConformanceVectors.Bytes(vector, "model"));
        Dataset dataset = Dqd1.Read(ConformanceVectors.Bytes(vector, "dataset"));
        int[] expected = [.. vector.GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("prediction").GetInt32())];
        var evaluator = new Evaluator(backend);

        EvaluationResult result = evaluator.Evaluate(model, dataset);

        Assert.That(result.Predictions, Is.EqualTo(expected));
        Assert.That(result.Accuracy, Is.EqualTo(vector.GetProperty("accuracy").GetInt32()));
        Assert.That(evaluator.Predict(model, dataset.Input(0)), Is.EqualTo(expected[0]), "one sample alone");
    }

    [TestCaseSource(typeof(ConformanceVectors), nameof(ConformanceVectors.Rejected))]
    public void Inputs_of_the_wrong_length_are_rejected(JsonElement vector)
    {
        if (vector.GetProperty("stage").GetString() != "predict")
        {
            Assert.Pass("rejected before evaluation: FormatVectorTests");
        }
        QuantizedModel model = Dqm1.Read(ConformanceVectors.Bytes(vector, "model"));
        sbyte[] input = [.. ConformanceVectors.Bytes(vector, "input").Select(b => (sbyte)b)];
        object[] args = [.. vector.GetProperty("error").GetProperty("args").EnumerateArray().Select(ConformanceVectors.Argument)];

        EvaluationAssert.Throws(() => new Evaluator(backend).Predict(model, input), vector.GetProperty("error").GetProperty("name").GetString()!, args);
    }
}
