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
    /// <summary>Rows and columns of one block's output tile, and the padding unit of every dimension (64 int8 = 16 words).</summary>
    public const int Tile = 64;

    /// <summary>Threads per block of <see cref="Gemm"/>: 8 x 8, each computing 8 samples x 8 neurons.</summary>
    public const int GemmThreads = 64;

    // Words (4 int8 lanes) of the inner dimension staged in shared memory per step (the last step of a row may
    // be shorter: rows are padded to 16 words only), and the shared row stride: one word more than a step so the
    // 8 rows a warp reads at once fall in distinct banks. Fewer, longer steps mean fewer barriers.
    private const int StepWords = 32;
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
    /// (samples, neurons) per block of 64 threads, each holding 8 x 8 accumulators in registers (eight
    /// <see cref="Row8"/>), so one shared-memory read feeds eight <c>dp4a</c>. Hidden layers
    /// (<paramref name="hidden"/> ≠ 0) finish in place: <c>clamp((acc + bias[j]) >> shift, 0, 127)</c> into
    /// <paramref name="activations"/>; the output layer stores the raw accumulators in <paramref name="accumulators"/>
    /// for <see cref="ArgMax"/>. Grid: (neurons / 64, samples / 64) blocks of <see cref="GemmThreads"/>.
    /// </summary>
    public static void Gemm(
        ArrayView<int> x, ArrayView<int> w, ArrayView<int> bias, ArrayView<sbyte> activations, ArrayView<int> accumulators,
        int innerWords, int neurons, int shift, int hidden)
    {
        ArrayView<int> xs = SharedMemory.Allocate<int>(Tile * SharedStride);
        ArrayView<int> ws = SharedMemory.Allocate<int>(Tile * SharedStride);
        int t = Group.IdxX;
        int tx = t & 7;
        int ty = t >> 3;
        int j0 = Grid.IdxX * Tile;
        int s0 = Grid.IdxY * Tile;

        // Thread (tx, ty) owns samples ty + 8r and neurons tx + 8c, r, c in 0..7.
        Row8 c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default;
        for (int k0 = 0; k0 < innerWords; k0 += StepWords)
        {
            int step = innerWords - k0 < StepWords ? innerWords - k0 : StepWords;
            for (int q = t; q < Tile * StepWords; q += GemmThreads)
            {
                int row = q / StepWords;
                int col = q % StepWords;
                if (col < step)
                {
                    xs[(row * SharedStride) + col] = x[((long)(s0 + row) * innerWords) + k0 + col];
                    ws[(row * SharedStride) + col] = w[((long)(j0 + row) * innerWords) + k0 + col];
                }
            }
            Group.Barrier();
            for (int k = 0; k < step; k++)
            {
                Row8 wk = new(
                    ws[(tx * SharedStride) + k], ws[((tx + 8) * SharedStride) + k], ws[((tx + 16) * SharedStride) + k],
                    ws[((tx + 24) * SharedStride) + k], ws[((tx + 32) * SharedStride) + k], ws[((tx + 40) * SharedStride) + k],
                    ws[((tx + 48) * SharedStride) + k], ws[((tx + 56) * SharedStride) + k]);
                c0 = c0.Dot(xs[(ty * SharedStride) + k], wk);
                c1 = c1.Dot(xs[((ty + 8) * SharedStride) + k], wk);
                c2 = c2.Dot(xs[((ty + 16) * SharedStride) + k], wk);
                c3 = c3.Dot(xs[((ty + 24) * SharedStride) + k], wk);
                c4 = c4.Dot(xs[((ty + 32) * SharedStride) + k], wk);
                c5 = c5.Dot(xs[((ty + 40) * SharedStride) + k], wk);
                c6 = c6.Dot(xs[((ty + 48) * SharedStride) + k], wk);
                c7 = c7.Dot(xs[((ty + 56) * SharedStride) + k], wk);
            }
            Group.Barrier();
        }

        Store(activations, accumulators, bias, neurons, shift, hidden, s0 + ty, j0 + tx, c0);
        Store(activations, accumulators, bias, neurons, shift, hidden, s0 + ty + 8, j0 + tx, c1);
        Store(activations, accumulators, bias, neurons, shift, hidden, s0 + ty + 16, j0 + tx, c2);
        Store(activations, accumulators, bias, neurons, shift, hidden, s0 + ty + 24, j0 + tx, c3);
        Store(activations, accumulators, bias, neurons, shift, hidden, s0 + ty + 32, j0 + tx, c4);
        Store(activations, accumulators, bias, neurons, shift, hidden, s0 + ty + 40, j0 + tx, c5);
        Store(activations, accumulators, bias, neurons, shift, hidden, s0 + ty + 48, j0 + tx, c6);
        Store(activations, accumulators, bias, neurons, shift, hidden, s0 + ty + 56, j0 + tx, c7);
    }

    /// <summary>Eight int32 lanes in registers: one sample's accumulators for neurons j + 8c, or eight weight words.</summary>
    private readonly struct Row8(int a0, int a1, int a2, int a3, int a4, int a5, int a6, int a7)
    {
        public readonly int A0 = a0, A1 = a1, A2 = a2, A3 = a3, A4 = a4, A5 = a5, A6 = a6, A7 = a7;

        /// <summary>Each lane plus the <c>dp4a</c> of the sample's word <paramref name="x"/> with the lane's weight word.</summary>
        public Row8 Dot(int x, Row8 w) => new(
            Dot4(x, w.A0, A0), Dot4(x, w.A1, A1), Dot4(x, w.A2, A2), Dot4(x, w.A3, A3),
            Dot4(x, w.A4, A4), Dot4(x, w.A5, A5), Dot4(x, w.A6, A6), Dot4(x, w.A7, A7));
    }

    private static void Store(
        ArrayView<sbyte> activations, ArrayView<int> accumulators, ArrayView<int> bias, int neurons, int shift, int hidden,
        int sample, int j, Row8 c)
    {
        long row = ((long)sample * neurons) + j;
        if (hidden != 0)
        {
            activations[row] = Activate(c.A0, bias[j], shift);
            activations[row + 8] = Activate(c.A1, bias[j + 8], shift);
            activations[row + 16] = Activate(c.A2, bias[j + 16], shift);
            activations[row + 24] = Activate(c.A3, bias[j + 24], shift);
            activations[row + 32] = Activate(c.A4, bias[j + 32], shift);
            activations[row + 40] = Activate(c.A5, bias[j + 40], shift);
            activations[row + 48] = Activate(c.A6, bias[j + 48], shift);
            activations[row + 56] = Activate(c.A7, bias[j + 56], shift);
        }
        else
        {
            accumulators[row] = c.A0;
            accumulators[row + 8] = c.A1;
            accumulators[row + 16] = c.A2;
            accumulators[row + 24] = c.A3;
            accumulators[row + 32] = c.A4;
            accumulators[row + 40] = c.A5;
            accumulators[row + 48] = c.A6;
            accumulators[row + 56] = c.A7;
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
