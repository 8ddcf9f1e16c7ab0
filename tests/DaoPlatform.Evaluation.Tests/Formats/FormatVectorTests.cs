using System.Text.Json;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.Identifiers;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Evaluation.Tests.Vectors;

namespace DaoPlatform.Evaluation.Tests.Formats;

/// <summary>The readers, writers and identifiers against every case of tests/vectors (docs/evaluation.md §10).</summary>
public sealed class FormatVectorTests
{
    [TestCaseSource(typeof(ConformanceVectors), nameof(ConformanceVectors.Valid))]
    public void Accepted_models_have_the_given_shape_hash_cid_and_dataset(JsonElement vector)
    {
        byte[] bytes = ConformanceVectors.Bytes(vector, "model");
        JsonElement expected = vector.GetProperty("shape");

        ModelShape shape = Dqm1.Validate(bytes);
        QuantizedModel model = Dqm1.Read(bytes);

        Assert.That(shape.Layers, Is.EqualTo(expected.GetProperty("layers").GetInt32()));
        Assert.That(shape.InputSize, Is.EqualTo(expected.GetProperty("inputSize").GetInt32()));
        Assert.That(shape.Classes, Is.EqualTo(expected.GetProperty("classes").GetInt32()));
        Assert.That(shape.Macs, Is.EqualTo(expected.GetProperty("macs").GetInt64()));
        Assert.That(model.MacsPerSample, Is.EqualTo(shape.Macs));
        Assert.That(HexConvert.Encode(ModelIdentity.Hash(bytes)), Is.EqualTo(vector.GetProperty("modelHash").GetString()));
        Assert.That(ContentId.Of(bytes), Is.EqualTo(vector.GetProperty("cid").GetString()));
        Assert.That(Dqm1.Write(model), Is.EqualTo(bytes), "the writer gives back the bytes read");

        byte[] datasetBytes = ConformanceVectors.Bytes(vector, "dataset");
        Dataset dataset = Dqd1.Read(datasetBytes);
        JsonElement[] samples = [.. vector.GetProperty("samples").EnumerateArray()];
        Assert.That(dataset.Count, Is.EqualTo(samples.Length));
        for (int s = 0; s < samples.Length; s++)
        {
            Assert.That(dataset.Labels[s], Is.EqualTo(samples[s].GetProperty("label").GetInt32()));
            Assert.That(dataset.Input(s).ToArray(), Is.EqualTo(ConformanceVectors.Bytes(samples[s], "input").Select(b => (sbyte)b).ToArray()));
        }
        Assert.That(ContentId.Of(datasetBytes), Is.EqualTo(vector.GetProperty("datasetCid").GetString()));
        Assert.That(Dqd1.Write(dataset), Is.EqualTo(datasetBytes));
    }

    [TestCaseSource(typeof(ConformanceVectors), nameof(ConformanceVectors.Rejected))]
    public void Rejected_models_fail_at_the_given_stage_with_the_given_error(JsonElement vector)
    {
        byte[] bytes = ConformanceVectors.Bytes(vector, "model");
        string stage = vector.GetProperty("stage").GetString()!;
        JsonElement error = vector.GetProperty("error");
        string name = error.GetProperty("name").GetString()!;
        object[] args = [.. error.GetProperty("args").EnumerateArray().Select(ConformanceVectors.Argument)];

        if (stage == "shape")
        {
            EvaluationAssert.Throws(() => Dqm1.ReadShape(bytes), name, args);
        }
        else
        {
            Assert.DoesNotThrow(() => Dqm1.ReadShape(bytes), "passes the structural checks");
        }
        if (stage is "shape" or "validate")
        {
            EvaluationAssert.Throws(() => Dqm1.Validate(bytes), name, args);
            EvaluationAssert.Throws(() => Dqm1.Read(bytes), name, args);
        }
        else
        {
            QuantizedModel model = Dqm1.Read(bytes);
            sbyte[] input = [.. ConformanceVectors.Bytes(vector, "input").Select(b => (sbyte)b)];
            EvaluationAssert.Throws(() => new Evaluator(new ScalarBackend()).Predict(model, input), name, args);
        }
    }
}
