using System.Runtime.Intrinsics;
using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Evaluation.Backends.Cpu;

/// <summary>
/// A layer over a block of samples with Vector128 only (any hardware): int8 weights and activations widened to
/// int16, multiplied exactly (|w·x| ≤ 2^14), widened to int32 and summed. Each weight row, widened once per 16
/// inputs, serves <see cref="SampleTile"/> samples; the rows stay in cache across the block.
/// </summary>
internal static unsafe class PortableKernel
{
    public const int SampleTile = 4;

    /// <summary>
    /// Computes <paramref name="layer"/> for <paramref name="samples"/> rows of int8 activations (row stride
    /// <paramref name="inputStride"/>): hidden layers write clamped values to <paramref name="output"/> (row stride
    /// <paramref name="outputStride"/>), the output layer shifted logits to <paramref name="logits"/>.
    /// </summary>
    public static void Run(QuantizedLayer layer, bool hidden, sbyte* input, int inputStride, int samples,
        sbyte* output, int outputStride, int* logits, int logitStride)
    {
        int n = layer.Inputs;
        int vectorEnd = n - n % 16;
        fixed (sbyte* weights = layer.Weights)
        {
            for (int j = 0; j < layer.Outputs; j++)
            {
                sbyte* row = weights + (long)j * n;
                int bias = layer.Biases[j];
                int s = 0;
                for (; s + SampleTile <= samples; s += SampleTile)
                {
                    sbyte* x = input + (long)s * inputStride;
                    Vector128<int> a0 = Vector128<int>.Zero, a1 = a0, a2 = a0, a3 = a0;
                    for (int i = 0; i < vectorEnd; i += 16)
                    {
                        (Vector128<short> wLow, Vector128<short> wHigh) = Vector128.Widen(Vector128.Load(row + i));
                        a0 += Dot(x + i, wLow, wHigh);
                        a1 += Dot(x + inputStride + i, wLow, wHigh);
                        a2 += Dot(x + 2 * inputStride + i, wLow, wHigh);
                        a3 += Dot(x + 3 * inputStride + i, wLow, wHigh);
                    }
                    Store(layer, hidden, j, s, bias + Vector128.Sum(a0) + Tail(row, x, vectorEnd, n), output, outputStride, logits, logitStride);
                    Store(layer, hidden, j, s + 1, bias + Vector128.Sum(a1) + Tail(row, x + inputStride, vectorEnd, n), output, outputStride, logits, logitStride);
                    Store(layer, hidden, j, s + 2, bias + Vector128.Sum(a2) + Tail(row, x + 2 * inputStride, vectorEnd, n), output, outputStride, logits, logitStride);
                    Store(layer, hidden, j, s + 3, bias + Vector128.Sum(a3) + Tail(row, x + 3 * inputStride, vectorEnd, n), output, outputStride, logits, logitStride);
                }
                for (; s < samples; s++)
                {
                    sbyte* x = input + (long)s * inputStride;
                    Vector128<int> acc = Vector128<int>.Zero;
                    for (int i = 0; i < vectorEnd; i += 16)
                    {
                        (Vector128<short> wLow, Vector128<short> wHigh) = Vector128.Widen(Vector128.Load(row + i));
                        acc += Dot(x + i, wLow, wHigh);
                    }
                    Store(layer, hidden, j, s, bias + Vector128.Sum(acc) + Tail(row, x, vectorEnd, n), output, outputStride, logits, logitStride);
                }
            }
        }
    }

    /// <summary>Sixteen products of activations and widened weights, summed into four int32 lanes.</summary>
    private static Vector128<int> Dot(sbyte* activations, Vector128<short> wLow, Vector128<short> wHigh)
    {
        (Vector128<short> xLow, Vector128<short> xHigh) = Vector128.Widen(Vector128.Load(activations));
        (Vector128<int> p0, Vector128<int> p1) = Vector128.Widen(xLow * wLow);
        (Vector128<int> p2, Vector128<int> p3) = Vector128.Widen(xHigh * wHigh);
        return (p0 + p1) + (p2 + p3);
    }

    private static int Tail(sbyte* row, sbyte* x, int from, int n)
    {
        int sum = 0;
        for (int i = from; i < n; i++)
        {
            sum += row[i] * x[i];
        }
        return sum;
    }

    private static void Store(QuantizedLayer layer, bool hidden, int j, int s, int acc, sbyte* output, int outputStride, int* logits, int logitStride)
    {
        int z = acc >> layer.Shift;
        if (hidden)
        {
            output[(long)s * outputStride + j] = (sbyte)Math.Clamp(z, 0, 127);
        }
        else
        {
            logits[(long)s * logitStride + j] = z;
        }
    }
}
