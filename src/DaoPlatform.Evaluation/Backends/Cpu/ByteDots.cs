using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DaoPlatform.Evaluation.Backends.Cpu;

/// <summary>
/// One step of a 256-bit u8 × s8 dot product: each int32 lane of the accumulator gains the four products of the
/// activations' and the weights' bytes in that lane. <see cref="Avx256Kernel{TDot}"/> is specialised per step and
/// creates one step per call, so that a step's constants stay in registers across the inner loop.
/// </summary>
internal interface IByteDot256<TSelf>
    where TSelf : struct, IByteDot256<TSelf>
{
    static abstract TSelf Create();

    Vector256<int> MultiplyAdd(Vector256<int> accumulator, Vector256<byte> activations, Vector256<sbyte> weights);
}

/// <summary>AVX-VNNI <c>vpdpbusd</c>: one instruction, any u8 activations (the four products are summed in int32).</summary>
internal readonly struct VnniDot : IByteDot256<VnniDot>
{
    public static VnniDot Create() => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<int> MultiplyAdd(Vector256<int> accumulator, Vector256<byte> activations, Vector256<sbyte> weights) =>
        AvxVnni.MultiplyWideningAndAdd(accumulator, activations, weights);
}

/// <summary>
/// AVX2 <c>vpmaddubsw</c> (adjacent u8 × s8 products summed into saturating int16), <c>vpmaddwd</c> by ones (int16
/// pairs summed into int32), <c>vpaddd</c>. Exact for activations 0..127 only: a pair is then at most
/// 2 · 127 · 128 = 32,512 in magnitude and never saturates; an activation above 127 could (2 · 255 · 128 > 2^15).
/// </summary>
internal readonly struct MaddDot : IByteDot256<MaddDot>
{
    private readonly Vector256<short> _ones;

    private MaddDot(Vector256<short> ones) => _ones = ones;

    public static MaddDot Create() => new(Vector256.Create((short)1));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<int> MultiplyAdd(Vector256<int> accumulator, Vector256<byte> activations, Vector256<sbyte> weights) =>
        accumulator + Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(activations, weights), _ones);
}
