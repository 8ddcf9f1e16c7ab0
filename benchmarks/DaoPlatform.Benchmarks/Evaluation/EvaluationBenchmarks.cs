using BenchmarkDotNet.Attributes;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Backends.Cpu;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Benchmarks.Evaluation;

/// <summary>
/// One batch of samples through one model (docs/evaluation.md §4) on the vectorised CPU back end, the scalar
/// reference and ONNX Runtime running the same integer network, in one run. A case reads
/// <c>dims/samples/inputs</c>; scripts/benchmark evaluation turns the times into samples/s and MAC/s.
/// </summary>
public class EvaluationBenchmarks : IDisposable
{
    private QuantizedModel _model = null!;
    private sbyte[] _inputs = null!;
    private byte[] _offsetInputs = null!;
    private int[] _predictions = null!;
    private int _samples;
    private CpuBackend _cpu = null!;
    private readonly ScalarBackend _scalar = new();
    private OnnxIntegerMlp _onnx = null!;

    /// <summary>The 4096-wide model runs fewer synthetic samples: the scalar loop would take minutes per 10,000.</summary>
    [Params("784-64-32-10/10000/mnist", "784-256-128-10/10000/mnist", "784-4096-4096-10/1000/synthetic")]
    public string Case { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        string[] parts = Case.Split('/');
        int[] dims = [.. parts[0].Split('-').Select(int.Parse)];
        _model = BenchmarkData.RandomModel(dims, seed: 13);
        Dqm1.CheckOverflowRule(_model);
        _samples = int.Parse(parts[1]);
        _inputs = parts[2] == "mnist" ? BenchmarkData.MnistInputs(out _)[..(_samples * dims[0])] : BenchmarkData.SyntheticInputs(_samples, dims[0], seed: 17);
        _offsetInputs = OnnxIntegerMlp.Offset(_inputs);
        _predictions = new int[_samples];
        _cpu = new CpuBackend();
        _onnx = new OnnxIntegerMlp(_model, intraOpThreads: 2);

        // The three must agree before their speed means anything.
        _cpu.Predict(_model, _inputs, _predictions);
        long[] onnx = _onnx.Predict(_offsetInputs, _samples);
        int checkedSamples = Math.Min(_samples, 1000);
        int[] scalar = new int[checkedSamples];
        _scalar.Predict(_model, _inputs.AsSpan(0, checkedSamples * dims[0]), scalar);
        for (int s = 0; s < _samples; s++)
        {
            if (onnx[s] != _predictions[s] || (s < checkedSamples && scalar[s] != _predictions[s]))
            {
                throw new InvalidOperationException($"{Case}: sample {s} predicted {_predictions[s]} by {_cpu.Name}, {onnx[s]} by ONNX Runtime, {(s < checkedSamples ? scalar[s] : -1)} by the scalar loop");
            }
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _onnx?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "vectorised CPU back end")]
    public int[] Vectorised()
    {
        _cpu.Predict(_model, _inputs, _predictions);
        return _predictions;
    }

    [Benchmark(Description = "scalar loop")]
    public int[] Scalar()
    {
        _scalar.Predict(_model, _inputs, _predictions);
        return _predictions;
    }

    [Benchmark(Description = "ONNX Runtime (MatMulInteger, 2 threads)")]
    public long[] OnnxRuntime() => _onnx.Predict(_offsetInputs, _samples);
}
