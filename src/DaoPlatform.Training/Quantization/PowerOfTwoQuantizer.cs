using System.Numerics.Tensors;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Training.Networks;

namespace DaoPlatform.Training.Quantization;

/// <summary>
/// Turns a <see cref="FloatMlp"/> trained on features <c>v</c> in [0, 1] into a DQM1 model over the inputs
/// <c>round(v·127)</c> (docs/evaluation.md §3, §4).
/// </summary>
/// <remarks>
/// Layer by layer, a value is carried as an integer times a scale: the inputs with scale 1/127; the weights of layer l as
/// <c>round(w / s_w)</c> with <c>s_w = max|w| / 127</c>; the accumulator with scale <c>s_acc = s_w · s_in</c>, so the bias is
/// <c>round(b / s_acc)</c>. A hidden layer's shift s sets its output scale <c>s_acc · 2^s</c>: it is chosen on the
/// calibration records as the shift whose outputs <c>clamp(acc >> s, 0, 127)</c> best match <c>max(acc, 0)</c> in squared
/// error, which trades saturating a few large activations against resolving the typical ones. The bias also gets
/// <c>2^(s−1)</c>, turning the floor of the shift into rounding to nearest. The output layer keeps shift 0: the argmax needs
/// no rescaling. Finally every bias is clipped so that the neuron meets the overflow rule (§3.4) by construction.
/// </remarks>
internal static class PowerOfTwoQuantizer
{
        private const double BiasLimit = 1L << 40;

    /// <summary>Quantizes <paramref name="model"/>, choosing hidden shifts on the int8 inputs of <paramref name="calibration"/>
    /// (row-major, <c>model.Sizes[0]</c> per record).</summary>
    /// <exception cref="InvalidOperationException">A weight or bias is not finite (training diverged).</exception>
    public static QuantizedModel Quantize(FloatMlp model, ReadOnlySpan<sbyte> calibration)
    {
        int records = calibration.Length / model.Sizes[0];
        // The calibration records' inputs to the current layer, widened once so the dot products run on int32 vectors.
        int[] x = new int[calibration.Length];
        for (int k = 0; k < x.Length; k++)
        {
            x[k] = calibration[k];
        }
        double inputScale = 1.0 / 127;
        var layers = new QuantizedLayer[model.LayerCount];
        for (int l = 0; l < model.LayerCount; l++)
        {
            int n = model.Sizes[l];
            int m = model.Sizes[l + 1];
            float[] w = model.Weights[l];
            float[] b = model.Biases[l];
            if (!TensorPrimitives.IsFiniteAll<float>(w) || !TensorPrimitives.IsFiniteAll<float>(b))
            {
                throw new InvalidOperationException($"layer {l} has weights or biases that are not finite: training diverged; lower the learning rate");
            }
            double maxWeight = w.Length == 0 ? 0 : Math.Abs(TensorPrimitives.MaxMagnitude(w));
            double weightScale = maxWeight > 0 ? maxWeight / 127 : 1;
            var weights = new sbyte[w.Length];
            for (int k = 0; k < w.Length; k++)
            {
                weights[k] = (sbyte)Math.Round(w[k] / weightScale, MidpointRounding.AwayFromZero);
            }
            double accumulatorScale = weightScale * inputScale;
            var biases = new long[m];
            for (int j = 0; j < m; j++)
            {
                // Clamped first so that the cast is defined; anything beyond int32 is clipped to the overflow rule below.
                biases[j] = (long)Math.Round(Math.Clamp(b[j] / accumulatorScale, -BiasLimit, BiasLimit), MidpointRounding.AwayFromZero);
            }

            bool hidden = l < model.LayerCount - 1;
            byte shift = 0;
            if (hidden)
            {
                long[] accumulators = Accumulators(weights, biases, x, records, n);
                shift = BestShift(accumulators);
                if (shift > 0)
                {
                    long half = 1L << (shift - 1);
                    for (int j = 0; j < m; j++)
                    {
                        biases[j] += half;
                    }
                    // The calibration records' outputs of this layer, as the integer model computes them.
                    x = new int[records * m];
                    for (int k = 0; k < x.Length; k++)
                    {
                        x[k] = (int)Math.Clamp((accumulators[k] + half) >> shift, 0, 127);
                    }
                }
                else
                {
                    x = [.. accumulators.Select(a => (int)Math.Clamp(a, 0, 127))];
                }
                inputScale = accumulatorScale * (1L << shift);
            }
            layers[l] = new QuantizedLayer(n, m, shift, weights, ClipToOverflowRule(weights, biases, n, l == 0 ? Dqm1.InputMagnitude : Dqm1.HiddenMagnitude));
        }
        return new QuantizedModel(layers);
    }

    /// <summary><c>acc[r·m + j] = bias[j] + Σ_i w[j][i]·x[r][i]</c>, exact: |w|·|x| ≤ 2^14 and n ≤ 4096 keep the sum of
    /// products within int32, and the bias is added in int64.</summary>
    private static long[] Accumulators(sbyte[] weights, long[] biases, int[] x, int records, int n)
    {
        int m = biases.Length;
        int[] rows = new int[weights.Length];
        for (int k = 0; k < rows.Length; k++)
        {
            rows[k] = weights[k];
        }
        var accumulators = new long[records * m];
        Rows.For(records, (long)m * n, r =>
        {
            ReadOnlySpan<int> input = x.AsSpan(r * n, n);
            for (int j = 0; j < m; j++)
            {
                accumulators[r * m + j] = biases[j] + TensorPrimitives.Dot<int>(input, rows.AsSpan(j * n, n));
            }
        });
        return accumulators;
    }

    /// <summary>The shift s (0..31) whose rounded, clamped outputs <c>clamp((acc + 2^(s−1)) >> s, 0, 127) · 2^s</c> are nearest
    /// to <c>max(acc, 0)</c> in summed squared error; the smallest such s on a tie.</summary>
    private static byte BestShift(long[] accumulators)
    {
        byte best = 0;
        double bestError = double.PositiveInfinity;
        for (int s = 0; s <= Dqm1.MaxShift; s++)
        {
            long half = s == 0 ? 0 : 1L << (s - 1);
            double error = 0;
            foreach (long acc in accumulators)
            {
                if (acc <= 0)
                {
                    continue; // both sides are 0 (a negative acc plus half shifts to at most 0)
                }
                double d = (Math.Clamp((acc + half) >> s, 0, 127) << s) - acc;
                error += d * d;
            }
            if (error < bestError)
            {
                bestError = error;
                best = (byte)s;
            }
        }
        return best;
    }

    /// <summary>
    /// The biases as int32, each clipped toward zero just enough that <c>|b[j]| + Σ_i |w[j][i]|·M ≤ 2^31 − 1</c> (§3.4, with
    /// M = 128 for the first layer's int8 inputs and 127 after). The weights alone never exceed the bound:
    /// 127 · 4096 · 128 &lt; 2^31.
    /// </summary>
    private static int[] ClipToOverflowRule(sbyte[] weights, long[] biases, int n, long inputBound)
    {
        var clipped = new int[biases.Length];
        for (int j = 0; j < biases.Length; j++)
        {
            long weightBound = 0;
            foreach (sbyte weight in weights.AsSpan(j * n, n))
            {
                weightBound += Math.Abs(weight) * inputBound;
            }
            long room = Dqm1.MaxAccumulator - weightBound;
            clipped[j] = (int)Math.Clamp(biases[j], -room, room);
        }
        return clipped;
    }
}
