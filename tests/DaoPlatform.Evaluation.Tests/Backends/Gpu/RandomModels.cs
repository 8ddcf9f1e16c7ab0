using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Evaluation.Tests.Backends.Gpu;

/// <summary>Random models that pass the overflow rule (docs/evaluation.md §3.4), and random int8 inputs.</summary>
internal static class RandomModels
{
    /// <summary>
    /// A model of the given widths (dims[0] inputs, dims[^1] classes) with uniform int8 weights, small biases, and
    /// shifts that keep hidden outputs spread over 0..127 (or <paramref name="shift"/> for every layer).
    /// </summary>
    public static QuantizedModel Create(Random random, int[] dims, int? shift = null)
    {
        var layers = new QuantizedLayer[dims.Length - 1];
        for (int l = 0; l < layers.Length; l++)
        {
            int n = dims[l];
            int m = dims[l + 1];
            var weights = new sbyte[n * m];
            random.NextBytes((Span<byte>)System.Runtime.InteropServices.MemoryMarshal.AsBytes(weights.AsSpan()));
            var biases = new int[m];
            for (int j = 0; j < m; j++)
            {
                biases[j] = random.Next(-1 << 16, 1 << 16);
            }
            // |acc| is about 74 * 74 * sqrt(n) for uniform weights and inputs; aim at ~48 after the shift.
            int spread = (int)Math.Round(Math.Log2(5500 * Math.Sqrt(n) / 48));
            layers[l] = new QuantizedLayer(n, m, (byte)(shift ?? Math.Clamp(spread, 0, 31)), weights, biases);
        }
        return new QuantizedModel(layers);
    }

    /// <summary>Uniform int8 inputs for <paramref name="samples"/> samples of <paramref name="size"/>.</summary>
    public static sbyte[] Inputs(Random random, int samples, int size)
    {
        var inputs = new sbyte[samples * size];
        random.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(inputs.AsSpan()));
        return inputs;
    }

    /// <summary>
    /// The layer with neuron 0's weights all -128, neuron 1's all 127 and their biases at the overflow bound
    /// (2^31 - 1 minus the worst-case sum, negative and positive), the rest kept.
    /// </summary>
    public static QuantizedLayer WithExtremes(QuantizedLayer layer, int bound)
    {
        sbyte[] weights = (sbyte[])layer.Weights.Clone();
        int[] biases = (int[])layer.Biases.Clone();
        weights.AsSpan(0, layer.Inputs).Fill(-128);
        if (layer.Outputs > 1)
        {
            weights.AsSpan(layer.Inputs, layer.Inputs).Fill(127);
        }
        long headroom = int.MaxValue - (128L * bound * layer.Inputs);
        biases[0] = (int)-headroom;
        if (layer.Outputs > 1)
        {
            biases[1] = (int)(int.MaxValue - (127L * bound * layer.Inputs));
        }
        return new QuantizedLayer(layer.Inputs, layer.Outputs, layer.Shift, weights, biases);
    }
}
