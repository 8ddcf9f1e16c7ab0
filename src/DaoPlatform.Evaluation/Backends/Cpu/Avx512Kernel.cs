using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DaoPlatform.Evaluation.Backends.Cpu;

/// <summary>
/// A layer over a block of samples with AVX-512BW, the tile <see cref="SampleTile"/> samples × 16 neurons.
/// <see cref="Run"/> takes u8 activations 0..127: <c>vpmaddubsw</c> (u8 × s8, adjacent pairs summed into int16,
/// |pair| ≤ 2·127·128 = 32,512, so its saturation never triggers) then <c>vpmaddwd</c> by ones into int32.
/// <see cref="RunSigned"/> takes signed int8 inputs widened to int16: <c>vpmaddwd</c> (|pair| ≤ 2·128·128 = 2^15,
/// exact in int32), the route for layer 0 when an input is negative, since <c>x + 128</c> would saturate
/// <c>vpmaddubsw</c>.
/// </summary>
internal static unsafe class Avx512Kernel
{
    public const int SampleTile = 8;

    /// <summary>
    /// Computes <paramref name="layer"/> for <paramref name="samples"/> (a multiple of <see cref="SampleTile"/>) rows of
    /// u8 activations 0..127 (row stride <paramref name="stride"/>), reading only each tile's
    /// <paramref name="active"/> input groups; writes as <see cref="Avx256Kernel{TDot}.Run"/>.
    /// </summary>
    public static void Run(PackedLayer layer, byte* input, int stride, int samples, ActiveGroupLists active,
        byte* output, int* logits, int logitStride)
    {
        Vector512<short> ones = Vector512.Create((short)1);
        for (int b = 0; b < layer.Blocks; b++)
        {
            sbyte* weights = layer.WeightsPointer + (long)b * layer.Groups * 64;
            Vector512<int> bias = Vector512.Load(layer.BiasesPointer + b * 16);
            for (int s = 0; s < samples; s += SampleTile)
            {
                byte* x = input + (long)s * stride;
                int* list = active.List(s / SampleTile);
                int count = active.Count(s / SampleTile);
                Vector512<int> a0 = bias, a1 = bias, a2 = bias, a3 = bias, a4 = bias, a5 = bias, a6 = bias, a7 = bias;
                for (int k = 0; k < count; k++)
                {
                    int g = list[k];
                    Vector512<sbyte> w = Vector512.Load(weights + g * 64);
                    byte* xg = x + g * 4;
                    a0 += Dot(xg, w, ones);
                    a1 += Dot(xg + stride, w, ones);
                    a2 += Dot(xg + 2 * stride, w, ones);
                    a3 += Dot(xg + 3 * stride, w, ones);
                    a4 += Dot(xg + 4 * stride, w, ones);
                    a5 += Dot(xg + 5 * stride, w, ones);
                    a6 += Dot(xg + 6 * stride, w, ones);
                    a7 += Dot(xg + 7 * stride, w, ones);
                }
                StoreTile(layer, b, s, stride, output, logits, logitStride, a0, a1, a2, a3, a4, a5, a6, a7);
            }
        }
    }

    /// <summary>
    /// Computes layer 0 for rows of int8 inputs widened to int16 (row stride <paramref name="inputStride"/> values)
    /// against the int16 pair packing (<see cref="PackedLayer.PairWeightsPointer"/>); writes as <see cref="Run"/>,
    /// hidden outputs with row stride <paramref name="stride"/>.
    /// </summary>
    public static void RunSigned(PackedLayer layer, short* input, int inputStride, int samples, int stride,
        byte* output, int* logits, int logitStride)
    {
        int pairs = layer.Pairs;
        for (int b = 0; b < layer.Blocks; b++)
        {
            short* weights = layer.PairWeightsPointer + (long)b * pairs * 32;
            Vector512<int> bias = Vector512.Load(layer.BiasesPointer + b * 16);
            for (int s = 0; s < samples; s += SampleTile)
            {
                short* x = input + (long)s * inputStride;
                Vector512<int> a0 = bias, a1 = bias, a2 = bias, a3 = bias, a4 = bias, a5 = bias, a6 = bias, a7 = bias;
                for (int p = 0; p < pairs; p++)
                {
                    Vector512<short> w = Vector512.Load(weights + p * 32);
                    short* xp = x + p * 2;
                    a0 += PairDot(xp, w);
                    a1 += PairDot(xp + inputStride, w);
                    a2 += PairDot(xp + 2 * inputStride, w);
                    a3 += PairDot(xp + 3 * inputStride, w);
                    a4 += PairDot(xp + 4 * inputStride, w);
                    a5 += PairDot(xp + 5 * inputStride, w);
                    a6 += PairDot(xp + 6 * inputStride, w);
                    a7 += PairDot(xp + 7 * inputStride, w);
                }
                StoreTile(layer, b, s, stride, output, logits, logitStride, a0, a1, a2, a3, a4, a5, a6, a7);
            }
        }
    }

    /// <summary>Four activations (one int32 broadcast) against 16 neurons' four weights: 16 int32 partial sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> Dot(byte* activations, Vector512<sbyte> weights, Vector512<short> ones)
    {
        Vector512<byte> x = Vector512.Create(Unsafe.ReadUnaligned<int>(activations)).AsByte();
        return Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(x, weights), ones);
    }

    /// <summary>Two int16 inputs (one int32 broadcast) against 16 neurons' two weights: 16 int32 partial sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> PairDot(short* inputs, Vector512<short> weights) =>
        Avx512BW.MultiplyAddAdjacent(Vector512.Create(Unsafe.ReadUnaligned<int>(inputs)).AsInt16(), weights);

    /// <summary>A tile's accumulators (neurons 16b..16b+15 of samples s..s+7) as hidden bytes or shifted logits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreTile(PackedLayer layer, int b, int s, int stride, byte* output, int* logits, int logitStride,
        Vector512<int> a0, Vector512<int> a1, Vector512<int> a2, Vector512<int> a3,
        Vector512<int> a4, Vector512<int> a5, Vector512<int> a6, Vector512<int> a7)
    {
        int column = b * 16;
        if (layer.Hidden)
        {
            byte* y = output + (long)s * stride + column;
            StoreHidden(a0, layer.Shift, y);
            StoreHidden(a1, layer.Shift, y + stride);
            StoreHidden(a2, layer.Shift, y + 2 * stride);
            StoreHidden(a3, layer.Shift, y + 3 * stride);
            StoreHidden(a4, layer.Shift, y + 4 * stride);
            StoreHidden(a5, layer.Shift, y + 5 * stride);
            StoreHidden(a6, layer.Shift, y + 6 * stride);
            StoreHidden(a7, layer.Shift, y + 7 * stride);
        }
        else
        {
            int* z = logits + (long)s * logitStride + column;
            Vector512.ShiftRightArithmetic(a0, layer.Shift).Store(z);
            Vector512.ShiftRightArithmetic(a1, layer.Shift).Store(z + logitStride);
            Vector512.ShiftRightArithmetic(a2, layer.Shift).Store(z + 2 * logitStride);
            Vector512.ShiftRightArithmetic(a3, layer.Shift).Store(z + 3 * logitStride);
            Vector512.ShiftRightArithmetic(a4, layer.Shift).Store(z + 4 * logitStride);
            Vector512.ShiftRightArithmetic(a5, layer.Shift).Store(z + 5 * logitStride);
            Vector512.ShiftRightArithmetic(a6, layer.Shift).Store(z + 6 * logitStride);
            Vector512.ShiftRightArithmetic(a7, layer.Shift).Store(z + 7 * logitStride);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreHidden(Vector512<int> acc, byte shift, byte* destination)
    {
        Vector512<int> clamped = Vector512.Min(Vector512.Max(Vector512.ShiftRightArithmetic(acc, shift), Vector512<int>.Zero), Vector512.Create(127));
        Avx512F.ConvertToVector128Byte(clamped).Store(destination);
    }
}
