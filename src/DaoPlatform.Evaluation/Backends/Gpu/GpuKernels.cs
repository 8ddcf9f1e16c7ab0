using ILGPU;
using ILGPU.Runtime.Cuda;

namespace DaoPlatform.Evaluation.Backends.Gpu;

/// <summary>
/// The ILGPU kernels of the GPU back end. Every matrix is row-major int8 with its inner dimension padded to
/// <see cref="Tile"/> bytes (zero weights in the padding, so padded lanes add nothing), read as packed int32 words
/// of four int8 lanes. Accumulation is exact int32: the overflow rule of docs/evaluation.md §3.4 bounds every
/// partial sum, in any order (§5).
/// </summary>
internal static class GpuKernels
{
    /// <summary>Rows and columns of one block's output tile, and the padding unit of every dimension.</summary>
    public const int Tile = 64;

    /// <summary>Threads per block of <see cref="Gemm"/>: 16 x 16, each computing 4 x 4 outputs.</summary>
    public const int GemmThreads = 256;

    // Words (4 int8 lanes) of the inner dimension staged in shared memory per step, and the shared row stride:
    // one word more than a step so the 16 rows a warp reads at once fall in distinct banks.
    private const int StepWords = 16;
    private const int SharedStride = StepWords + 1;

    /// <summary>
    /// <c>c + Σ a.lane[k] · b.lane[k]</c> over the four signed int8 lanes of two packed words: one <c>dp4a</c>
    /// instruction on CUDA (PTX ISA, "dp4a"), the same sum in plain integer arithmetic elsewhere (ILGPU's CPU
    /// accelerator), so the kernels are checked without a GPU.
    /// </summary>
    public static int Dot4(int a, int b, int c)
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("dp4a.s32.s32 %0, %1, %2, %3;", out int result, a, b, c);
            return result;
        }
        return c
            + ((sbyte)a * (sbyte)b)
            + ((sbyte)(a >> 8) * (sbyte)(b >> 8))
            + ((sbyte)(a >> 16) * (sbyte)(b >> 16))
            + ((a >> 24) * (b >> 24));
    }

    /// <summary>
    /// One layer's int8 product on <c>dp4a</c>: <c>acc[s][j] = Σ_i x[s][i] · w[j][i]</c> for a 64 x 64 tile of
    /// (samples, neurons) per block. Hidden layers (<paramref name="hidden"/> ≠ 0) finish in place:
    /// <c>clamp((acc + bias[j]) >> shift, 0, 127)</c> into <paramref name="activations"/>; the output layer stores
    /// the raw accumulators in <paramref name="accumulators"/> for <see cref="ArgMax"/>.
    /// Grid: (neurons / 64, samples / 64) blocks of <see cref="GemmThreads"/>.
    /// </summary>
    public static void Gemm(
        ArrayView<int> x, ArrayView<int> w, ArrayView<int> bias, ArrayView<sbyte> activations, ArrayView<int> accumulators,
        int innerWords, int neurons, int shift, int hidden)
    {
        ArrayView<int> xs = SharedMemory.Allocate<int>(Tile * SharedStride);
        ArrayView<int> ws = SharedMemory.Allocate<int>(Tile * SharedStride);
        int t = Group.IdxX;
        int tx = t & 15;
        int ty = t >> 4;
        int j0 = Grid.IdxX * Tile;
        int s0 = Grid.IdxY * Tile;

        int c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        int c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int k0 = 0; k0 < innerWords; k0 += StepWords)
        {
            for (int q = t; q < Tile * StepWords; q += GemmThreads)
            {
                int row = q / StepWords;
                int col = q % StepWords;
                xs[(row * SharedStride) + col] = x[((long)(s0 + row) * innerWords) + k0 + col];
                ws[(row * SharedStride) + col] = w[((long)(j0 + row) * innerWords) + k0 + col];
            }
            Group.Barrier();
            for (int k = 0; k < StepWords; k++)
            {
                int x0 = xs[(ty * SharedStride) + k];
                int x1 = xs[((ty + 16) * SharedStride) + k];
                int x2 = xs[((ty + 32) * SharedStride) + k];
                int x3 = xs[((ty + 48) * SharedStride) + k];
                int w0 = ws[(tx * SharedStride) + k];
                int w1 = ws[((tx + 16) * SharedStride) + k];
                int w2 = ws[((tx + 32) * SharedStride) + k];
                int w3 = ws[((tx + 48) * SharedStride) + k];
                c00 = Dot4(x0, w0, c00); c01 = Dot4(x0, w1, c01); c02 = Dot4(x0, w2, c02); c03 = Dot4(x0, w3, c03);
                c10 = Dot4(x1, w0, c10); c11 = Dot4(x1, w1, c11); c12 = Dot4(x1, w2, c12); c13 = Dot4(x1, w3, c13);
                c20 = Dot4(x2, w0, c20); c21 = Dot4(x2, w1, c21); c22 = Dot4(x2, w2, c22); c23 = Dot4(x2, w3, c23);
                c30 = Dot4(x3, w0, c30); c31 = Dot4(x3, w1, c31); c32 = Dot4(x3, w2, c32); c33 = Dot4(x3, w3, c33);
            }
            Group.Barrier();
        }

        Store(activations, accumulators, bias, neurons, shift, hidden, s0 + ty, j0 + tx, c00, c01, c02, c03);
        Store(activations, accumulators, bias, neurons, shift, hidden, s0 + ty + 16, j0 + tx, c10, c11, c12, c13);
        Store(activations, accumulators, bias, neurons, shift, hidden, s0 + ty + 32, j0 + tx, c20, c21, c22, c23);
        Store(activations, accumulators, bias, neurons, shift, hidden, s0 + ty + 48, j0 + tx, c30, c31, c32, c33);
    }

    private static void Store(
        ArrayView<sbyte> activations, ArrayView<int> accumulators, ArrayView<int> bias, int neurons, int shift, int hidden,
        int sample, int j, int a0, int a1, int a2, int a3)
    {
        long row = (long)sample * neurons;
        if (hidden != 0)
        {
            activations[row + j] = Activate(a0, bias[j], shift);
            activations[row + j + 16] = Activate(a1, bias[j + 16], shift);
            activations[row + j + 32] = Activate(a2, bias[j + 32], shift);
            activations[row + j + 48] = Activate(a3, bias[j + 48], shift);
        }
        else
        {
            accumulators[row + j] = a0;
            accumulators[row + j + 16] = a1;
            accumulators[row + j + 32] = a2;
            accumulators[row + j + 48] = a3;
        }
    }

    /// <summary>The hidden-layer step of §4: <c>clamp((acc + bias) >> shift, 0, 127)</c>, an arithmetic shift.</summary>
    private static sbyte Activate(int acc, int bias, int shift)
    {
        int z = (acc + bias) >> shift;
        return (sbyte)(z < 0 ? 0 : z > 127 ? 127 : z);
    }

    /// <summary>
    /// The hidden-layer epilogue after a library product: element e of the samples x neurons accumulators becomes
    /// <c>clamp((acc + bias[e mod neurons]) >> shift, 0, 127)</c>.
    /// </summary>
    public static void Epilogue(Index1D e, ArrayView<int> accumulators, ArrayView<int> bias, ArrayView<sbyte> activations, int neurons, int shift)
    {
        activations[e] = Activate(accumulators[e], bias[e % neurons], shift);
    }

    /// <summary>
    /// Copies sample rows of <paramref name="width"/> int8 values into rows of <paramref name="paddedWidth"/>,
    /// zero-filling the padding; element e of the padded matrix.
    /// </summary>
    public static void Pad(Index1D e, ArrayView<sbyte> raw, ArrayView<sbyte> padded, int width, int paddedWidth)
    {
        int sample = e / paddedWidth;
        int i = e % paddedWidth;
        padded[e] = i < width ? raw[((long)sample * width) + i] : (sbyte)0;
    }

    /// <summary>
    /// The prediction of sample s (§4): the lowest j of the maximal <c>z_j = (acc[s][j] + bias[j]) >> shift</c>
    /// over the model's <paramref name="classes"/> real neurons (padding neurons excluded).
    /// </summary>
    public static void ArgMax(Index1D s, ArrayView<int> accumulators, ArrayView<int> bias, ArrayView<int> predictions, int neurons, int classes, int shift)
    {
        long row = (long)s.X * neurons;
        int best = 0;
        int bestValue = (accumulators[row] + bias[0]) >> shift;
        for (int j = 1; j < classes; j++)
        {
            int z = (accumulators[row + j] + bias[j]) >> shift;
            if (z > bestValue)
            {
                best = j;
                bestValue = z;
            }
        }
        predictions[s] = best;
    }
}
