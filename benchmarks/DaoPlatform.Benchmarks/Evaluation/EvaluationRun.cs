using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Backends.Cpu;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.Model;
using Microsoft.ML.OnnxRuntime;

namespace DaoPlatform.Benchmarks.Evaluation;

/// <summary>
/// One model and batch of the evaluation benchmarks with every implementation that runs it, prepared outside the
/// timed calls: the vectorised CPU back end (its fastest kernel here), the scalar reference, and ONNX Runtime by
/// each <see cref="OnnxInputRoute"/>. <see cref="EvaluationAgreement"/> counts where each disagrees with the reference.
/// </summary>
internal sealed class EvaluationRun : IDisposable
{
    /// <summary>ONNX Runtime's threads: the machine's cores, as the vectorised back end uses by default.</summary>
    private static readonly int s_onnxThreads = Environment.ProcessorCount;

    private readonly Dictionary<OnnxInputRoute, (OnnxIntegerMlp Graph, NamedOnnxValue Input)> _onnx = [];
    private readonly int[] _predictions;

    public EvaluationRun(string model, int samples, bool mnist)
    {
        int[] dims = [.. model.Split('-').Select(int.Parse)];
        Model = model;
        Samples = samples;
        Network = BenchmarkData.RandomModel(dims, seed: 13);
        Dqm1.CheckOverflowRule(Network);
        Inputs = mnist ? BenchmarkData.MnistInputs(out _)[..(samples * dims[0])] : BenchmarkData.SyntheticInputs(samples, dims[0], seed: 17);
        _predictions = new int[samples];
        foreach (OnnxInputRoute route in Enum.GetValues<OnnxInputRoute>())
        {
            var graph = new OnnxIntegerMlp(Network, s_onnxThreads, route);
            _onnx[route] = (graph, graph.Input(Inputs, samples));
        }
    }

    /// <summary>The cases the benchmarks run: the MNIST-sized models on 10,000 digits, the large one on 1,000 synthetic samples.</summary>
    public static IEnumerable<(string Model, int Samples, bool Mnist)> Cases =>
    [
        ("784-64-32-10", MnistEvaluationBenchmarks.Digits, true),
        ("784-256-128-10", MnistEvaluationBenchmarks.Digits, true),
        ("784-4096-4096-10", LargeEvaluationBenchmarks.Synthetic, false),
    ];

    public string Model { get; }

    public int Samples { get; }

    public QuantizedModel Network { get; }

    public sbyte[] Inputs { get; }

    public CpuBackend Cpu { get; } = new();

    public ScalarBackend Scalar { get; } = new();

    public int[] Vectorised()
    {
        Cpu.Predict(Network, Inputs, _predictions);
        return _predictions;
    }

    public int[] ScalarLoop()
    {
        Scalar.Predict(Network, Inputs, _predictions);
        return _predictions;
    }

    public long[] OnnxRuntime(OnnxInputRoute route)
    {
        (OnnxIntegerMlp graph, NamedOnnxValue input) = _onnx[route];
        return graph.Predict(input);
    }

    public void Dispose()
    {
        foreach ((OnnxIntegerMlp graph, _) in _onnx.Values)
        {
            graph.Dispose();
        }
    }
}
