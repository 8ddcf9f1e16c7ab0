using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;

namespace DaoPlatform.Benchmarks.Evaluation;

/// <summary>
/// The int8 multiply-add peak reachable from C# on this machine: on every core, independent chains of
/// <c>vpdpbusd</c> (AVX-VNNI, 32 MACs each) on registers, no memory traffic. One operation is one MAC, so the
/// reported time per operation is the reciprocal of MAC/s.
/// </summary>
public class Int8PeakBenchmarks
{
    private const int Iterations = 1 << 20;
    private const int Chains = 12;
    private const int MacsPerInstruction = 32;
    private static readonly int s_cores = Environment.ProcessorCount;

    [Benchmark(Description = "int8 MAC peak (AVX-VNNI, all cores)", OperationsPerInvoke = Iterations * Chains * MacsPerInstruction)]
    public int AvxVnniPeak()
    {
        if (!AvxVnni.IsSupported)
        {
            throw new PlatformNotSupportedException("the peak micro-benchmark needs AVX-VNNI");
        }
        int total = 0;
        Parallel.For(0, s_cores, _ => Interlocked.Add(ref total, Chain(Iterations / s_cores)));
        return total;
    }

    private static int Chain(int iterations)
    {
        Vector256<byte> x = Vector256.Create((byte)3);
        Vector256<sbyte> w = Vector256.Create((sbyte)-5);
        Vector256<int> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default;
        Vector256<int> a6 = default, a7 = default, a8 = default, a9 = default, a10 = default, a11 = default;
        for (int i = 0; i < iterations; i++)
        {
            a0 = AvxVnni.MultiplyWideningAndAdd(a0, x, w);
            a1 = AvxVnni.MultiplyWideningAndAdd(a1, x, w);
            a2 = AvxVnni.MultiplyWideningAndAdd(a2, x, w);
            a3 = AvxVnni.MultiplyWideningAndAdd(a3, x, w);
            a4 = AvxVnni.MultiplyWideningAndAdd(a4, x, w);
            a5 = AvxVnni.MultiplyWideningAndAdd(a5, x, w);
            a6 = AvxVnni.MultiplyWideningAndAdd(a6, x, w);
            a7 = AvxVnni.MultiplyWideningAndAdd(a7, x, w);
            a8 = AvxVnni.MultiplyWideningAndAdd(a8, x, w);
            a9 = AvxVnni.MultiplyWideningAndAdd(a9, x, w);
            a10 = AvxVnni.MultiplyWideningAndAdd(a10, x, w);
            a11 = AvxVnni.MultiplyWideningAndAdd(a11, x, w);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}
