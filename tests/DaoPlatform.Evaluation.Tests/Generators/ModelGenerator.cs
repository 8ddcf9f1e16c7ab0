using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.Model;
using FsCheck;
using FsCheck.Fluent;

namespace DaoPlatform.Evaluation.Tests.Generators;

/// <summary>A valid model and a batch of inputs for it.</summary>
public sealed record ModelCase(QuantizedModel Model, sbyte[] Inputs, int Samples)
{
    public override string ToString() =>
        $"{Model.InputSize}-{string.Join("-", Model.Layers.Select(l => l.Outputs))} shifts {string.Join(",", Model.Layers.Select(l => l.Shift))}, {Samples} samples";
}

/// <summary>
/// Random models that pass the overflow rule, built to hit the edges of docs/evaluation.md: weights −128 and 127,
/// biases at the overflow bound (|b| = 2^31 − 1 − Σ|w|·M), shifts 0 and 31, width 1, duplicated output neurons (argmax
/// ties), inputs −128 and 127, and non-negative sparse inputs. FsCheck draws the structure and a seed; the seed fills the values.
/// </summary>
public static class ModelGenerator
{
    public static Arbitrary<ModelCase> ModelCases() =>
        Arb.From(
            from layers in Gen.Choose(1, 4)
            from widths in Gen.ArrayOf(Gen.Frequency((1, Gen.Constant(1)), (6, Gen.Choose(2, 40)), (2, Gen.Choose(41, 300))), layers + 1)
            from samples in Gen.Frequency((1, Gen.Constant(1)), (4, Gen.Choose(2, 40)), (1, Gen.Choose(41, 300)))
            from seed in Gen.Choose(0, int.MaxValue)
            select Build(widths, samples, new Random(seed)));

    /// <summary>A model of the given widths (the last raised to at least 2 classes) and <paramref name="samples"/> inputs.</summary>
    public static ModelCase Build(int[] widths, int samples, Random random)
    {
        widths[^1] = Math.Max(2, widths[^1]);
        var layers = new QuantizedLayer[widths.Length - 1];
        for (int l = 0; l < layers.Length; l++)
        {
            layers[l] = Layer(widths[l], widths[l + 1], l == 0, l == layers.Length - 1, random);
        }
        var model = new QuantizedModel(layers);
        Dqm1.CheckOverflowRule(model);
        sbyte[] inputs = Int8s(random, samples * widths[0]);
        if (random.Next(3) == 0)
        {
            // Non-negative, mostly zero inputs, like images: the back ends take them unsigned and skip blank groups.
            for (int i = 0; i < inputs.Length; i++)
            {
                inputs[i] = random.Next(2) == 0 ? (sbyte)0 : (sbyte)(inputs[i] & 0x7f);
            }
        }
        return new ModelCase(model, inputs, samples);
    }

    public static sbyte[] Int8s(Random random, int count)
    {
        var values = new sbyte[count];
        for (int i = 0; i < count; i++)
        {
            int pick = random.Next(16);
            values[i] = pick == 0 ? sbyte.MinValue : pick == 1 ? sbyte.MaxValue : (sbyte)random.Next(-128, 128);
        }
        return values;
    }

    private static QuantizedLayer Layer(int n, int m, bool first, bool last, Random random)
    {
        int pick = random.Next(8);
        // Mostly a shift that maps typical sums (√n · 64 · 64) to about 64, so outputs neither all clamp nor all vanish.
        byte shift = pick == 0 ? (byte)0 : pick == 1 ? (byte)31 : (byte)Math.Clamp((int)Math.Round(Math.Log2(Math.Sqrt(n) * 64)), 0, 31);
        sbyte[] weights = Int8s(random, n * m);
        int[] biases = new int[m];
        long magnitude = first ? Dqm1.InputMagnitude : Dqm1.HiddenMagnitude;
        for (int j = 0; j < m; j++)
        {
            if (last && j > 0 && random.Next(4) == 0)
            {
                // A copy of neuron 0: its logit ties with neuron 0's, and the prediction must stay the lower index.
                weights.AsSpan(0, n).CopyTo(weights.AsSpan(j * n, n));
                biases[j] = biases[0];
                continue;
            }
            long sum = 0;
            foreach (sbyte w in weights.AsSpan(j * n, n))
            {
                sum += Math.Abs((int)w);
            }
            long bound = Dqm1.MaxAccumulator - sum * magnitude;
            biases[j] = random.Next(6) == 0
                ? (int)(random.Next(2) == 0 ? bound : -bound)
                : random.Next(-(1 << Math.Min(shift + 5, 24)), 1 << Math.Min(shift + 5, 24));
        }
        return new QuantizedLayer(n, m, shift, weights, biases);
    }
}
