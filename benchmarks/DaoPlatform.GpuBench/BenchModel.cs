using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.GpuBench;

/// <summary>
/// A synthetic benchmark model: uniform int8 weights and inputs from a seed, small biases, and per-layer shifts
/// calibrated on a few samples so that hidden outputs spread over 0..127 instead of saturating or vanishing
/// (a model whose activations were all 0 or 127 would make a wrong kernel look right).
/// </summary>
internal static class BenchModel
{
    private const int CalibrationSamples = 8;

    public static QuantizedModel Create(int[] dims, int seed)
    {
        var random = new Random(seed);
        var layers = new List<QuantizedLayer>();
        // The calibration samples' inputs to the current layer; hidden outputs (0..127) are valid int8 inputs, so each
        // layer is calibrated as a one-layer model over them.
        sbyte[][] activations = [.. Enumerable.Range(0, CalibrationSamples).Select(s => Inputs(dims[0], 1, seed + 1 + s))];
        for (int l = 0; l < dims.Length - 1; l++)
        {
            int n = dims[l];
            int m = dims[l + 1];
            var weights = new sbyte[(long)n * m];
            random.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(weights.AsSpan()));
            var biases = new int[m];
            for (int j = 0; j < m; j++)
            {
                biases[j] = random.Next(-1 << 12, 1 << 12);
            }
            var probe = new QuantizedModel([new QuantizedLayer(n, m, 0, weights, biases)]);
            int[][] accumulators = [.. activations.Select(x => ScalarBackend.Trace(probe, x)[0])];
            double meanAbs = accumulators.SelectMany(a => a).Average(a => Math.Abs((double)a));
            int shift = Math.Clamp((int)Math.Round(Math.Log2(Math.Max(meanAbs, 1) / 48)), 0, 31);
            layers.Add(new QuantizedLayer(n, m, (byte)shift, weights, biases));
            activations = [.. accumulators.Select(a => a.Select(v => (sbyte)Math.Clamp(v >> shift, 0, 127)).ToArray())];
        }
        return new QuantizedModel(layers);
    }

    public static sbyte[] Inputs(int size, int samples, int seed)
    {
        var inputs = new sbyte[(long)size * samples];
        new Random(seed).NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(inputs.AsSpan()));
        return inputs;
    }
}
