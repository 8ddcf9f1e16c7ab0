using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;
using DaoPlatform.Evaluation.Backends.Cpu;

namespace DaoPlatform.Benchmarks.Evaluation;

/// <summary>
/// The int8 multiply-add peak reachable from C# on this machine: on every core, twelve independent chains on
/// registers, no memory traffic, with the instructions the CPU back end picks: <c>vpdpbusd</c> (AVX-VNNI, 32 MACs
/// per instruction) where the CPU has it, else the AVX-512BW chain (<c>vpmaddubsw</c>, <c>vpmaddwd</c> by ones,
/// <c>vpaddd</c>: 64 MACs). One operation is one MAC, so the time per operation is the reciprocal of MAC/s.
/// </summary>
public class Int8PeakBenchmarks
{
    private const int Iterations = 1 << 20;
    private const int Chains = 12;

    /// <summary>MACs per chain step: two 256-bit <c>vpdpbusd</c>, or one 512-bit madd chain.</summary>
    private const int MacsPerStep = 64;
    private static readonly int s_cores = Environment.ProcessorCount;

    /// <summary>The instructions <see cref="CpuBackend"/> picks on this CPU.</summary>
    [Benchmark(Description = "int8 MAC peak (all cores)", OperationsPerInvoke = Iterations * Chains * MacsPerStep)]
    public int Peak()
    {
        Func<int, int> chain = AvxVnni.IsSupported ? VnniChain
            : Avx512BW.IsSupported ? MaddChain
            : throw new PlatformNotSupportedException("the peak micro-benchmark needs AVX-VNNI or AVX-512BW");
        int total = 0;
        Parallel.For(0, s_cores, _ => Interlocked.Add(ref total, chain(Iterations / s_cores)));
        return total;
    }

    private static int MaddChain(int iterations)
    {
        // Each chain feeds its accumulator back as the u8 operand, so nothing is loop-invariant; values do not matter.
        Vector512<sbyte> w = Vector512.Create((sbyte)-5);
        Vector512<short> ones = Vector512.Create((short)1);
        Vector512<int> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default;
        Vector512<int> a6 = default, a7 = default, a8 = default, a9 = default, a10 = default, a11 = default;
        for (int i = 0; i < iterations; i++)
        {
            a0 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(a0.AsByte(), w), ones);
            a1 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(a1.AsByte(), w), ones);
            a2 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(a2.AsByte(), w), ones);
            a3 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(a3.AsByte(), w), ones);
            a4 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(a4.AsByte(), w), ones);
            a5 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(a5.AsByte(), w), ones);
            a6 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(a6.AsByte(), w), ones);
            a7 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(a7.AsByte(), w), ones);
            a8 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(a8.AsByte(), w), ones);
            a9 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(a9.AsByte(), w), ones);
            a10 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(a10.AsByte(), w), ones);
            a11 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(a11.AsByte(), w), ones);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    private static int VnniChain(int iterations)
    {
        Vector256<byte> x = Vector256.Create((byte)3);
        Vector256<sbyte> w = Vector256.Create((sbyte)-5);
        Vector256<int> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default;
        Vector256<int> a6 = default, a7 = default, a8 = default, a9 = default, a10 = default, a11 = default;
        for (int i = 0; i < iterations; i++)
        {
            a0 = AvxVnni.MultiplyWideningAndAdd(AvxVnni.MultiplyWideningAndAdd(a0, x, w), x, w);
            a1 = AvxVnni.MultiplyWideningAndAdd(AvxVnni.MultiplyWideningAndAdd(a1, x, w), x, w);
            a2 = AvxVnni.MultiplyWideningAndAdd(AvxVnni.MultiplyWideningAndAdd(a2, x, w), x, w);
            a3 = AvxVnni.MultiplyWideningAndAdd(AvxVnni.MultiplyWideningAndAdd(a3, x, w), x, w);
            a4 = AvxVnni.MultiplyWideningAndAdd(AvxVnni.MultiplyWideningAndAdd(a4, x, w), x, w);
            a5 = AvxVnni.MultiplyWideningAndAdd(AvxVnni.MultiplyWideningAndAdd(a5, x, w), x, w);
            a6 = AvxVnni.MultiplyWideningAndAdd(AvxVnni.MultiplyWideningAndAdd(a6, x, w), x, w);
            a7 = AvxVnni.MultiplyWideningAndAdd(AvxVnni.MultiplyWideningAndAdd(a7, x, w), x, w);
            a8 = AvxVnni.MultiplyWideningAndAdd(AvxVnni.MultiplyWideningAndAdd(a8, x, w), x, w);
            a9 = AvxVnni.MultiplyWideningAndAdd(AvxVnni.MultiplyWideningAndAdd(a9, x, w), x, w);
            a10 = AvxVnni.MultiplyWideningAndAdd(AvxVnni.MultiplyWideningAndAdd(a10, x, w), x, w);
            a11 = AvxVnni.MultiplyWideningAndAdd(AvxVnni.MultiplyWideningAndAdd(a11, x, w), x, w);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}
