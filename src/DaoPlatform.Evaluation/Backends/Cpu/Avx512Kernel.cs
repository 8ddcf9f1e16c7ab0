using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DaoPlatform.Evaluation.Backends.Cpu;

/// <summary>
/// A layer over a block of samples with AVX-512BW: <c>vpmaddubsw</c> (u8 × s8, adjacent pairs summed into int16)
/// then <c>vpmaddwd</c> by ones (pairs of int16 into int32), 16 neurons × 4 inputs per instruction pair. The tile
/// is <see cref="SampleTile"/> samples × 16 neurons.
/// <para>
/// <c>vpmaddubsw</c> saturates its int16 pair sums, so its u8 operand must stay below 128: hidden activations are
/// 0..127 (|pair| ≤ 2·127·128 = 32,512, exact). Layer 0's <c>u = x + 128</c> (0..255) enters as
/// <c>u = 2·(u >> 1) + (u &amp; 1)</c>, two operands in 0..127 and 0..1, weighted 2 and 1 by the <c>vpmaddwd</c>.
/// </para>
/// </summary>
internal static unsafe class Avx512Kernel
{
    public const int SampleTile = 8;

    /// <summary>
    /// As <see cref="AvxVnniKernel.Run"/>; for layer 0, <paramref name="input"/> holds <c>(x + 128) >> 1</c> and
    /// <paramref name="inputLowBit"/> <c>(x + 128) &amp; 1</c>; null for hidden inputs.
    /// </summary>
    public static void Run(PackedLayer layer, byte* input, byte* inputLowBit, int stride, int samples, byte* output, int* logits, int logitStride)
    {
        int groups = layer.Groups;
        Vector512<short> ones = Vector512.Create((short)1);
        Vector512<short> twos = Vector512.Create((short)2);
        Vector512<short> highWeight = inputLowBit is null ? ones : twos;
        for (int b = 0; b < layer.Blocks; b++)
        {
            sbyte* weights = layer.WeightsPointer + (long)b * groups * 64;
            Vector512<int> bias = Vector512.Load(layer.BiasesPointer + b * 16);
            for (int s = 0; s < samples; s += SampleTile)
            {
                byte* x = input + (long)s * stride;
                Vector512<int> a0 = bias, a1 = bias, a2 = bias, a3 = bias, a4 = bias, a5 = bias, a6 = bias, a7 = bias;
                for (int g = 0; g < groups; g++)
                {
                    Vector512<sbyte> w = Vector512.Load(weights + g * 64);
                    byte* xg = x + g * 4;
                    a0 += Dot(xg, w, highWeight);
                    a1 += Dot(xg + stride, w, highWeight);
                    a2 += Dot(xg + 2 * stride, w, highWeight);
                    a3 += Dot(xg + 3 * stride, w, highWeight);
                    a4 += Dot(xg + 4 * stride, w, highWeight);
                    a5 += Dot(xg + 5 * stride, w, highWeight);
                    a6 += Dot(xg + 6 * stride, w, highWeight);
                    a7 += Dot(xg + 7 * stride, w, highWeight);
                }
                if (inputLowBit is not null)
                {
                    byte* lowBits = inputLowBit + (long)s * stride;
                    for (int g = 0; g < groups; g++)
                    {
                        Vector512<sbyte> w = Vector512.Load(weights + g * 64);
                        byte* xg = lowBits + g * 4;
                        a0 += Dot(xg, w, ones);
                        a1 += Dot(xg + stride, w, ones);
                        a2 += Dot(xg + 2 * stride, w, ones);
                        a3 += Dot(xg + 3 * stride, w, ones);
                        a4 += Dot(xg + 4 * stride, w, ones);
                        a5 += Dot(xg + 5 * stride, w, ones);
                        a6 += Dot(xg + 6 * stride, w, ones);
                        a7 += Dot(xg + 7 * stride, w, ones);
                    }
                }
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
        }
    }

    /// <summary>Four activations (one int32 broadcast) against 16 neurons' four weights: 16 int32 partial sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> Dot(byte* activations, Vector512<sbyte> weights, Vector512<short> pairWeight)
    {
        Vector512<byte> x = Vector512.Create(Unsafe.ReadUnaligned<int>(activations)).AsByte();
        return Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(x, weights), pairWeight);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreHidden(Vector512<int> acc, byte shift, byte* destination)
    {
        Vector512<int> clamped = Vector512.Min(Vector512.Max(Vector512.ShiftRightArithmetic(acc, shift), Vector512<int>.Zero), Vector512.Create(127));
        Avx512F.ConvertToVector128Byte(clamped).Store(destination);
    }
}
