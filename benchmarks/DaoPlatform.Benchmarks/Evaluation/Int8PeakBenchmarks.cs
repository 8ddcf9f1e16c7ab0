using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;
using DaoPlatform.Evaluation.Backends.Cpu;

namespace DaoPlatform.Benchmarks.Evaluation;

/// <summary>
/// The int8 multiply-add peak reachable from C# on this machine: on every core, twelve independent chains on
/// registers, no memory traffic, with the best instructions this CPU has, those of the kernel <see cref="CpuBackend"/>
/// picks: <c>vpdpbusd</c> (AVX-VNNI), else the <c>vpmaddubsw</c>, <c>vpmaddwd</c> by ones, <c>vpaddd</c> chain on
/// 512 bits (AVX-512BW), 256 bits (AVX2) or 128 bits (SSSE3). One operation is one MAC, so the time per operation
/// is the reciprocal of MAC/s; every chain does the same <see cref="Macs"/> per call.
/// </summary>
public class Int8PeakBenchmarks
{
    private const int Macs = 1 << 30;
    private const int Chains = 12;
    private static readonly int s_cores = Environment.ProcessorCount;

    /// <summary>
    /// The chain measured (one value: the best this CPU has), named in the report: <c>vpdpbusd ymm</c>, or
    /// <c>madd</c> (the <c>vpmaddubsw</c>, <c>vpmaddwd</c>, <c>vpaddd</c> chain) on <c>zmm</c>, <c>ymm</c> or <c>xmm</c>.
    /// </summary>
    [ParamsSource(nameof(BestChain))]
    public string Chain { get; set; } = "";

    public static IEnumerable<string> BestChain =>
    [
        new CpuBackend().Kernel switch
        {
            CpuKernel.AvxVnni => "vpdpbusd ymm",
            CpuKernel.Avx512 => "madd zmm",
            CpuKernel.Avx2 => "madd ymm",
            _ => Ssse3.IsSupported ? "madd xmm" : "none",
        },
    ];

    [Benchmark(Description = "int8 MAC peak (all cores)", OperationsPerInvoke = Macs)]
    public int Peak()
    {
        (Func<int, int> chain, int macsPerStep) = Chain switch
        {
            "vpdpbusd ymm" => (VnniChain, 2 * 32),
            "madd zmm" => (MaddChain512, 64),
            "madd ymm" => ((Func<int, int>)MaddChain256, 32),
            "madd xmm" => (MaddChain128, 16),
            _ => throw new PlatformNotSupportedException("the int8 peak needs x86 SSSE3 at least"),
        };
        int steps = Macs / (Chains * macsPerStep * s_cores);
        int total = 0;
        Parallel.For(0, s_cores, _ => Interlocked.Add(ref total, chain(steps)));
        return total;
    }

    // Each madd chain feeds its accumulator back as the u8 operand, so nothing is loop-invariant; values do not matter.
    private static int MaddChain512(int iterations)
    {
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

    private static int MaddChain256(int iterations)
    {
        Vector256<sbyte> w = Vector256.Create((sbyte)-5);
        Vector256<short> ones = Vector256.Create((short)1);
        Vector256<int> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default;
        Vector256<int> a6 = default, a7 = default, a8 = default, a9 = default, a10 = default, a11 = default;
        for (int i = 0; i < iterations; i++)
        {
            a0 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(a0.AsByte(), w), ones);
            a1 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(a1.AsByte(), w), ones);
            a2 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(a2.AsByte(), w), ones);
            a3 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(a3.AsByte(), w), ones);
            a4 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(a4.AsByte(), w), ones);
            a5 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(a5.AsByte(), w), ones);
            a6 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(a6.AsByte(), w), ones);
            a7 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(a7.AsByte(), w), ones);
            a8 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(a8.AsByte(), w), ones);
            a9 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(a9.AsByte(), w), ones);
            a10 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(a10.AsByte(), w), ones);
            a11 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(a11.AsByte(), w), ones);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    private static int MaddChain128(int iterations)
    {
        Vector128<sbyte> w = Vector128.Create((sbyte)-5);
        Vector128<short> ones = Vector128.Create((short)1);
        Vector128<int> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default;
        Vector128<int> a6 = default, a7 = default, a8 = default, a9 = default, a10 = default, a11 = default;
        for (int i = 0; i < iterations; i++)
        {
            a0 += Sse2.MultiplyAddAdjacent(Ssse3.MultiplyAddAdjacent(a0.AsByte(), w), ones);
            a1 += Sse2.MultiplyAddAdjacent(Ssse3.MultiplyAddAdjacent(a1.AsByte(), w), ones);
            a2 += Sse2.MultiplyAddAdjacent(Ssse3.MultiplyAddAdjacent(a2.AsByte(), w), ones);
            a3 += Sse2.MultiplyAddAdjacent(Ssse3.MultiplyAddAdjacent(a3.AsByte(), w), ones);
            a4 += Sse2.MultiplyAddAdjacent(Ssse3.MultiplyAddAdjacent(a4.AsByte(), w), ones);
            a5 += Sse2.MultiplyAddAdjacent(Ssse3.MultiplyAddAdjacent(a5.AsByte(), w), ones);
            a6 += Sse2.MultiplyAddAdjacent(Ssse3.MultiplyAddAdjacent(a6.AsByte(), w), ones);
            a7 += Sse2.MultiplyAddAdjacent(Ssse3.MultiplyAddAdjacent(a7.AsByte(), w), ones);
            a8 += Sse2.MultiplyAddAdjacent(Ssse3.MultiplyAddAdjacent(a8.AsByte(), w), ones);
            a9 += Sse2.MultiplyAddAdjacent(Ssse3.MultiplyAddAdjacent(a9.AsByte(), w), ones);
            a10 += Sse2.MultiplyAddAdjacent(Ssse3.MultiplyAddAdjacent(a10.AsByte(), w), ones);
            a11 += Sse2.MultiplyAddAdjacent(Ssse3.MultiplyAddAdjacent(a11.AsByte(), w), ones);
        }
        return Vector128.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
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
