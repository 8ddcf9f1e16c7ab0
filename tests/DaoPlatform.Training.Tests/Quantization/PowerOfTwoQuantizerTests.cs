using System.Numerics.Tensors;
using DaoPlatform.Evaluation;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Training.Networks;
using DaoPlatform.Training.Quantization;

namespace DaoPlatform.Training.Tests.Quantization;

public sealed class PowerOfTwoQuantizerTests
{
    [Test]
    public void A_bias_that_would_break_the_overflow_rule_is_clipped_to_the_bound()
    {
        // 4 inputs -> 2 hidden -> 2 classes. Hidden neuron 1 has a bias far beyond int32 at the accumulator scale.
        FloatMlp network = FloatMlp.CreateHe([4, 2, 2], new Random(1));
        network.Biases[0][1] = 1e9f;
        network.Biases[1][0] = -1e30f;

        QuantizedModel model = PowerOfTwoQuantizer.Quantize(network, new sbyte[] { 10, 20, 30, 40, 127, 0, 0, 127 });

        Dqm1.CheckOverflowRule(model);
        Assert.That(model.Layers[0].Biases[1], Is.Positive);
        Assert.That(model.Layers[1].Biases[0], Is.Negative);
        // Both clipped biases sit exactly on the bound: one more in magnitude breaks the rule at that neuron.
        AssertBreaksAt(model, layer: 0, neuron: 1, model.Layers[0].Biases[1] + 1);
        AssertBreaksAt(model, layer: 1, neuron: 0, model.Layers[1].Biases[0] - 1);
    }

    private static void AssertBreaksAt(QuantizedModel model, int layer, int neuron, int bias)
    {
        var error = Assert.Throws<EvaluationException>(() => Dqm1.CheckOverflowRule(Models.WithBias(model, layer, neuron, bias)))!;

        Assert.That(error.ErrorName, Is.EqualTo("ModelAccumulatorOverflow"));
        Assert.That(error.Args.Take(2), Is.EqualTo(new object[] { (long)layer, (long)neuron }));
    }

    [Test]
    public void Weights_span_the_int8_range_and_the_integer_network_tracks_the_float_one()
    {
        FloatMlp network = FloatMlp.CreateHe([16, 8, 3], new Random(2));
        var random = new Random(3);
        var features = new float[200 * 16];
        for (int k = 0; k < features.Length; k++)
        {
            features[k] = (float)random.NextDouble();
        }
        sbyte[] inputs = [.. features.Select(v => (sbyte)Math.Round(v * 127, MidpointRounding.AwayFromZero))];

        QuantizedModel model = PowerOfTwoQuantizer.Quantize(network, inputs);

        foreach (QuantizedLayer layer in model.Layers)
        {
            Assert.That(layer.Weights.Max(w => Math.Abs((int)w)), Is.EqualTo(127), "the largest weight maps to ±127");
        }
        Assert.That(model.Layers[^1].Shift, Is.Zero, "the output layer needs no rescaling for its argmax");
        int[] floatPredictions = network.Predict(features, 200);
        var predictions = new int[200];
        new ScalarBackend().Predict(model, inputs, predictions);
        int agree = predictions.Where((p, s) => p == floatPredictions[s]).Count();
        Assert.That(agree, Is.GreaterThanOrEqualTo(180), "quantization moves only predictions near a tie");
    }

    [FsCheckProperty(MaxTest = 60)]
    public void Any_finite_network_quantizes_to_a_model_that_passes_validation(byte layers, byte width, sbyte weightExponent, sbyte biasExponent, int seed)
    {
        // 1..4 layers of 1..40 neurons (at least 2 classes), weights scaled by 10^-6..10^6, biases by 10^-6..10^12.
        var random = new Random(seed);
        int[] sizes = [.. Enumerable.Range(0, layers % 4 + 2).Select(_ => 1 + random.Next(width % 40 + 1))];
        sizes[^1] = Math.Max(2, sizes[^1]);
        FloatMlp network = FloatMlp.CreateHe(sizes, random);
        float weightScale = MathF.Pow(10, weightExponent % 7);
        float biasScale = MathF.Pow(10, biasExponent % 7 + 3 * Math.Sign(biasExponent));
        for (int l = 0; l < network.LayerCount; l++)
        {
            TensorPrimitives.Multiply(network.Weights[l], weightScale, network.Weights[l]);
            for (int j = 0; j < network.Biases[l].Length; j++)
            {
                network.Biases[l][j] = (float)(random.NextDouble() * 2 - 1) * biasScale;
            }
        }
        sbyte[] calibration = [.. Enumerable.Range(0, 20 * sizes[0]).Select(_ => (sbyte)random.Next(0, 128))];

        QuantizedModel model = PowerOfTwoQuantizer.Quantize(network, calibration);

        ModelShape shape = Dqm1.Validate(Dqm1.Write(model));
        Assert.That(shape.Dims, Is.EqualTo(sizes));
        Assert.That(model.Layers[^1].Shift, Is.Zero);
    }

    [Test]
    public void A_diverged_network_is_refused()
    {
        FloatMlp network = FloatMlp.CreateHe([4, 2, 2], new Random(1));
        network.Weights[1][3] = float.NaN;

        var error = Assert.Throws<InvalidOperationException>(() => PowerOfTwoQuantizer.Quantize(network, new sbyte[4]))!;

        Assert.That(error.Message, Does.Contain("layer 1").And.Contain("diverged"));
    }
}
