using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DaoPlatform.Evaluation.Backends.Cpu;

/// <summary>
/// A layer over a block of samples with AVX-VNNI <c>vpdpbusd</c> (u8 activations × s8 weights, four products per
/// int32 lane). The register tile is <see cref="SampleTile"/> samples × 16 neurons (two 256-bit accumulators per
/// sample): each weight load serves four samples, each activation broadcast sixteen neurons.
/// </summary>
internal static unsafe class AvxVnniKernel
{
    public const int SampleTile = 4;

    /// <summary>
    /// Computes <paramref name="layer"/> for <paramref name="samples"/> (a multiple of <see cref="SampleTile"/>) rows of
    /// u8 activations <paramref name="input"/> (row stride <paramref name="stride"/>), reading only each tile's
    /// <paramref name="active"/> input groups. Signed layer-0 inputs enter as <c>x + 128</c> with
    /// <paramref name="offset"/> set, which selects the offset biases.
    /// A hidden layer writes clamped bytes to <paramref name="output"/>; the output layer writes shifted int32 logits
    /// to <paramref name="logits"/> (row stride <paramref name="logitStride"/>).
    /// </summary>
    public static void Run(PackedLayer layer, byte* input, bool offset, int stride, int samples, ActiveGroupLists active,
        byte* output, int* logits, int logitStride)
    {
        int groups = layer.Groups;
        for (int b = 0; b < layer.Blocks; b++)
        {
            sbyte* weights = layer.WeightsPointer + (long)b * groups * 64;
            int* biases = offset ? layer.OffsetBiasesPointer : layer.BiasesPointer;
            Vector256<int> bias0 = Vector256.Load(biases + b * 16);
            Vector256<int> bias1 = Vector256.Load(biases + b * 16 + 8);
            for (int s = 0; s < samples; s += SampleTile)
            {
                byte* x = input + (long)s * stride;
                int* list = active.List(s / SampleTile);
                int count = active.Count(s / SampleTile);
                Vector256<int> a00 = bias0, a01 = bias1, a10 = bias0, a11 = bias1;
                Vector256<int> a20 = bias0, a21 = bias1, a30 = bias0, a31 = bias1;
                for (int k = 0; k < count; k++)
                {
                    int g = list[k];
                    Vector256<sbyte> w0 = Vector256.Load(weights + g * 64);
                    Vector256<sbyte> w1 = Vector256.Load(weights + g * 64 + 32);
                    Vector256<byte> x0 = Vector256.Create(Unsafe.ReadUnaligned<int>(x + g * 4)).AsByte();
                    Vector256<byte> x1 = Vector256.Create(Unsafe.ReadUnaligned<int>(x + stride + g * 4)).AsByte();
                    Vector256<byte> x2 = Vector256.Create(Unsafe.ReadUnaligned<int>(x + 2 * stride + g * 4)).AsByte();
                    Vector256<byte> x3 = Vector256.Create(Unsafe.ReadUnaligned<int>(x + 3 * stride + g * 4)).AsByte();
                    a00 = AvxVnni.MultiplyWideningAndAdd(a00, x0, w0);
                    a01 = AvxVnni.MultiplyWideningAndAdd(a01, x0, w1);
                    a10 = AvxVnni.MultiplyWideningAndAdd(a10, x1, w0);
                    a11 = AvxVnni.MultiplyWideningAndAdd(a11, x1, w1);
                    a20 = AvxVnni.MultiplyWideningAndAdd(a20, x2, w0);
                    a21 = AvxVnni.MultiplyWideningAndAdd(a21, x2, w1);
                    a30 = AvxVnni.MultiplyWideningAndAdd(a30, x3, w0);
                    a31 = AvxVnni.MultiplyWideningAndAdd(a31, x3, w1);
                }
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
