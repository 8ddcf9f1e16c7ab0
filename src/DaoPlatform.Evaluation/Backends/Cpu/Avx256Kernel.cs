using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DaoPlatform.Evaluation.Backends.Cpu;

/// <summary>
/// A layer over a block of samples on 256-bit registers, u8 activations × s8 weights, with the dot-product step
/// <typeparamref name="TDot"/>: AVX-VNNI <c>vpdpbusd</c> (<see cref="VnniDot"/>) or the AVX2 chain
/// <c>vpmaddubsw</c>, <c>vpmaddwd</c>, <c>vpaddd</c> (<see cref="MaddDot"/>). The register tile is
/// <see cref="Avx256Kernel.SampleTile"/> samples × 16 neurons (two accumulators per sample): each weight load serves
/// four samples, each activation broadcast sixteen neurons.
/// </summary>
internal static unsafe class Avx256Kernel<TDot>
    where TDot : struct, IByteDot256<TDot>
{
    /// <summary>
    /// Computes <paramref name="layer"/> for <paramref name="samples"/> (a multiple of
    /// <see cref="Avx256Kernel.SampleTile"/>) rows of u8 activations <paramref name="input"/> (row stride
    /// <paramref name="stride"/>), reading only each tile's <paramref name="active"/> input groups. Signed layer-0
    /// inputs enter as <c>x + 128</c> with <paramref name="offset"/> set, which selects the offset biases (only for a
    /// step exact on all of 0..255: <see cref="VnniDot"/>).
    /// A hidden layer writes clamped bytes to <paramref name="output"/>; the output layer writes shifted int32 logits
    /// to <paramref name="logits"/> (row stride <paramref name="logitStride"/>).
    /// </summary>
    public static void Run(PackedLayer layer, byte* input, bool offset, int stride, int samples, ActiveGroupLists active,
        byte* output, int* logits, int logitStride)
    {
        TDot dot = TDot.Create();
        int groups = layer.Groups;
        int* biases = offset ? layer.OffsetBiasesPointer : layer.BiasesPointer;
        for (int b = 0; b < layer.Blocks; b++)
        {
            sbyte* weights = layer.WeightsPointer + (long)b * groups * 64;
            Vector256<int> bias0 = Vector256.Load(biases + b * 16);
            Vector256<int> bias1 = Vector256.Load(biases + b * 16 + 8);
            for (int s = 0; s < samples; s += Avx256Kernel.SampleTile)
            {
                byte* x = input + (long)s * stride;
                int* list = active.List(s / Avx256Kernel.SampleTile);
                int count = active.Count(s / Avx256Kernel.SampleTile);
                Vector256<int> a00 = bias0, a01 = bias1, a10 = bias0, a11 = bias1;
                Vector256<int> a20 = bias0, a21 = bias1, a30 = bias0, a31 = bias1;
                byte* x1 = x + stride, x2 = x + 2 * stride, x3 = x + 3 * stride;
                for (int k = 0; k < count; k++)
                {
                    nint g = list[k];
                    sbyte* w = weights + g * 64;
                    Vector256<sbyte> w0 = Vector256.Load(w);
                    Vector256<sbyte> w1 = Vector256.Load(w + 32);
                    Vector256<byte> v = Vector256.Create(Unsafe.ReadUnaligned<int>(x + g * 4)).AsByte();
                    a00 = dot.MultiplyAdd(a00, v, w0);
                    a01 = dot.MultiplyAdd(a01, v, w1);
                    v = Vector256.Create(Unsafe.ReadUnaligned<int>(x1 + g * 4)).AsByte();
                    a10 = dot.MultiplyAdd(a10, v, w0);
                    a11 = dot.MultiplyAdd(a11, v, w1);
                    v = Vector256.Create(Unsafe.ReadUnaligned<int>(x2 + g * 4)).AsByte();
                    a20 = dot.MultiplyAdd(a20, v, w0);
                    a21 = dot.MultiplyAdd(a21, v, w1);
                    v = Vector256.Create(Unsafe.ReadUnaligned<int>(x3 + g * 4)).AsByte();
                    a30 = dot.MultiplyAdd(a30, v, w0);
                    a31 = dot.MultiplyAdd(a31, v, w1);
                }
                Avx256Kernel.StoreTile(layer, b, s, stride, output, logits, logitStride, a00, a01, a10, a11, a20, a21, a30, a31);
            }
        }
    }
}

/// <summary>
/// The parts of the 256-bit kernels that do not depend on the dot-product step: the tile size, the exact route for
/// signed layer-0 inputs on AVX2, and the tile's store.
/// </summary>
internal static unsafe class Avx256Kernel
{
    public const int SampleTile = 4;

    /// <summary>
    /// Computes layer 0 for rows of int8 inputs widened to int16 (row stride <paramref name="inputStride"/> values)
    /// against the int16 pair packing (<see cref="PackedLayer.PairWeightsPointer"/>) with AVX2 <c>vpmaddwd</c>
    /// (|pair| ≤ 2 · 128 · 128 = 2^15, exact in int32): the route for signed inputs, whose <c>x + 128</c> would
    /// saturate <c>vpmaddubsw</c>. Writes as <see cref="Avx256Kernel{TDot}.Run"/>, hidden outputs with row stride
    /// <paramref name="stride"/>.
    /// </summary>
    public static void RunSigned(PackedLayer layer, short* input, int inputStride, int samples, int stride,
        byte* output, int* logits, int logitStride)
    {
        int pairs = layer.Pairs;
        for (int b = 0; b < layer.Blocks; b++)
        {
            short* weights = layer.PairWeightsPointer + (long)b * pairs * 32;
            Vector256<int> bias0 = Vector256.Load(layer.BiasesPointer + b * 16);
            Vector256<int> bias1 = Vector256.Load(layer.BiasesPointer + b * 16 + 8);
            for (int s = 0; s < samples; s += SampleTile)
            {
                short* x0 = input + (long)s * inputStride;
                short* x1 = x0 + inputStride, x2 = x0 + 2 * inputStride, x3 = x0 + 3 * inputStride;
                Vector256<int> a00 = bias0, a01 = bias1, a10 = bias0, a11 = bias1;
                Vector256<int> a20 = bias0, a21 = bias1, a30 = bias0, a31 = bias1;
                for (nint p = 0; p < pairs; p++)
                {
                    Vector256<short> w0 = Vector256.Load(weights + p * 32);
                    Vector256<short> w1 = Vector256.Load(weights + p * 32 + 16);
                    Vector256<short> v = Vector256.Create(Unsafe.ReadUnaligned<int>(x0 + p * 2)).AsInt16();
                    a00 += Avx2.MultiplyAddAdjacent(v, w0);
                    a01 += Avx2.MultiplyAddAdjacent(v, w1);
                    v = Vector256.Create(Unsafe.ReadUnaligned<int>(x1 + p * 2)).AsInt16();
                    a10 += Avx2.MultiplyAddAdjacent(v, w0);
                    a11 += Avx2.MultiplyAddAdjacent(v, w1);
                    v = Vector256.Create(Unsafe.ReadUnaligned<int>(x2 + p * 2)).AsInt16();
                    a20 += Avx2.MultiplyAddAdjacent(v, w0);
                    a21 += Avx2.MultiplyAddAdjacent(v, w1);
                    v = Vector256.Create(Unsafe.ReadUnaligned<int>(x3 + p * 2)).AsInt16();
                    a30 += Avx2.MultiplyAddAdjacent(v, w0);
                    a31 += Avx2.MultiplyAddAdjacent(v, w1);
                }
                StoreTile(layer, b, s, stride, output, logits, logitStride, a00, a01, a10, a11, a20, a21, a30, a31);
            }
        }
    }

    /// <summary>A tile's accumulators (neurons 16b..16b+15 of samples s..s+3, low and high half each) as hidden bytes or shifted logits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreTile(PackedLayer layer, int b, int s, int stride, byte* output, int* logits, int logitStride,
        Vector256<int> a00, Vector256<int> a01, Vector256<int> a10, Vector256<int> a11,
        Vector256<int> a20, Vector256<int> a21, Vector256<int> a30, Vector256<int> a31)
    {
        int column = b * 16;
        if (layer.Hidden)
        {
            byte* y = output + (long)s * stride + column;
            StoreHidden(a00, a01, layer.Shift, y);
            StoreHidden(a10, a11, layer.Shift, y + stride);
            StoreHidden(a20, a21, layer.Shift, y + 2 * stride);
            StoreHidden(a30, a31, layer.Shift, y + 3 * stride);
        }
        else
        {
            int* z = logits + (long)s * logitStride + column;
            StoreLogits(a00, a01, layer.Shift, z);
            StoreLogits(a10, a11, layer.Shift, z + logitStride);
            StoreLogits(a20, a21, layer.Shift, z + 2 * logitStride);
            StoreLogits(a30, a31, layer.Shift, z + 3 * logitStride);
        }
    }

    /// <summary>clamp(acc >> shift, 0, 127) of 16 neurons, stored as 16 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreHidden(Vector256<int> low, Vector256<int> high, byte shift, byte* destination)
    {
        Vector256<int> max = Vector256.Create(127);
        low = Vector256.Min(Vector256.Max(Vector256.ShiftRightArithmetic(low, shift), Vector256<int>.Zero), max);
        high = Vector256.Min(Vector256.Max(Vector256.ShiftRightArithmetic(high, shift), Vector256<int>.Zero), max);
        Vector256<ushort> words = Vector256.Narrow(low, high).AsUInt16();
        Vector128.Narrow(words.GetLower(), words.GetUpper()).Store(destination);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreLogits(Vector256<int> low, Vector256<int> high, byte shift, int* destination)
    {
        Vector256.ShiftRightArithmetic(low, shift).Store(destination);
        Vector256.ShiftRightArithmetic(high, shift).Store(destination + 8);
    }
}
