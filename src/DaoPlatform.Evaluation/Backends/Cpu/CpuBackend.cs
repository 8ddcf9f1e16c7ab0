using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Evaluation.Backends.Cpu;

/// <summary>
/// The vectorised CPU back end: samples in blocks of up to <see cref="MaxBlockSamples"/>, each block carried through
/// every layer as a small GEMM (the layer's weights reused across the block's samples) with AVX-VNNI, AVX-512BW or
/// Vector128 (<see cref="CpuKernel"/>), blocks spread over the cores. Bit-exact with <see cref="ScalarBackend"/>:
/// the int32 lanes wrap like two's complement and the overflow rule (§3.4, §5) puts every true sum in int32, so
/// the order of additions never shows.
/// <para>
/// Weights are packed once per model instance and cached while the instance lives; a model's arrays must not be
/// changed after its first evaluation.
/// </para>
/// </summary>
public sealed unsafe class CpuBackend : IEvaluationBackend
{
    /// <summary>Largest number of samples a block carries through the layers at once.</summary>
    public const int MaxBlockSamples = 256;

    private const int StrideAlignment = 64;

    private readonly ConditionalWeakTable<QuantizedModel, PackedModel> _packed = [];
    private readonly ParallelOptions _parallel;

    /// <summary>Creates the back end.</summary>
    /// <exception cref="PlatformNotSupportedException">The kernel asked for needs instructions this CPU lacks.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The degree of parallelism is below 1.</exception>
    public CpuBackend(CpuBackendOptions? options = null)
    {
        options ??= new CpuBackendOptions();
        Kernel = options.Kernel == CpuKernel.Auto ? Fastest() : options.Kernel;
        if (!IsSupported(Kernel))
        {
            throw new PlatformNotSupportedException($"the CPU kernel {Kernel} needs instructions this CPU or runtime lacks");
        }
        int threads = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1, nameof(options));
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
    }

    /// <summary>The kernel in use (never <see cref="CpuKernel.Auto"/>).</summary>
    public CpuKernel Kernel { get; }

    /// <inheritdoc/>
    public string Name => Kernel switch
    {
        CpuKernel.AvxVnni => "cpu-avxvnni",
        CpuKernel.Avx512 => "cpu-avx512",
        _ => "cpu-vector128",
    };

    /// <summary>Whether this CPU and runtime can run <paramref name="kernel"/>.</summary>
    public static bool IsSupported(CpuKernel kernel) => kernel switch
    {
        CpuKernel.Auto or CpuKernel.Portable => true,
        CpuKernel.AvxVnni => AvxVnni.IsSupported,
        CpuKernel.Avx512 => Avx512BW.IsSupported && Vector512.IsHardwareAccelerated,
        _ => false,
    };

    /// <inheritdoc/>
    public void Predict(QuantizedModel model, ReadOnlySpan<sbyte> inputs, Span<int> predictions)
    {
        ArgumentNullException.ThrowIfNull(model);
        BatchShape.Check(model, inputs, predictions.Length);
        if (predictions.IsEmpty)
        {
            return;
        }
        PackedModel? packed = Kernel == CpuKernel.Portable ? null : _packed.GetValue(model, static m => new PackedModel(m));
        int samples = predictions.Length;
        int block = BlockSize(samples);
        int blocks = (samples + block - 1) / block;
        fixed (sbyte* inputPointer = inputs)
        fixed (int* predictionPointer = predictions)
        {
            nint source = (nint)inputPointer;
            nint destination = (nint)predictionPointer;
            Parallel.For(0, blocks, _parallel, index =>
            {
                int start = index * block;
                int count = Math.Min(block, samples - start);
                sbyte* x = (sbyte*)source + (long)start * model.InputSize;
                int* y = (int*)destination + start;
                if (packed is null)
                {
                    RunPortable(model, x, count, y);
                }
                else
                {
                    RunPacked(model, packed, x, count, y);
                }
            });
        }
    }

    private static CpuKernel Fastest() =>
        IsSupported(CpuKernel.AvxVnni) ? CpuKernel.AvxVnni : IsSupported(CpuKernel.Avx512) ? CpuKernel.Avx512 : CpuKernel.Portable;

    /// <summary>Blocks of up to <see cref="MaxBlockSamples"/>, enough of them to keep every thread busy.</summary>
    private int BlockSize(int samples)
    {
        int perThread = (samples + _parallel.MaxDegreeOfParallelism - 1) / _parallel.MaxDegreeOfParallelism;
        return Math.Clamp(perThread, 1, MaxBlockSamples);
    }

    private void RunPacked(QuantizedModel model, PackedModel packed, sbyte* inputs, int count, int* predictions)
    {
        int tile = Kernel == CpuKernel.AvxVnni ? AvxVnniKernel.SampleTile : Avx512Kernel.SampleTile;
        int rows = (count + tile - 1) / tile * tile;
        int stride = (Math.Max(model.InputSize, model.MaxWidth) + StrideAlignment - 1) / StrideAlignment * StrideAlignment;
        int logitStride = packed.Layers[^1].Blocks * PackedLayer.BlockWidth;
        int n = model.InputSize;
        byte[] current = ArrayPool<byte>.Shared.Rent(rows * stride);
        byte[] next = ArrayPool<byte>.Shared.Rent(rows * stride);
        byte[] lowBits = ArrayPool<byte>.Shared.Rent(Kernel == CpuKernel.Avx512 ? rows * stride : 0);
        int[] logits = ArrayPool<int>.Shared.Rent(rows * logitStride);
        try
        {
            fixed (byte* a = current, b = next, c = lowBits)
            fixed (int* z = logits)
            {
                // Layer 0's u8 operand is x + 128 (x xor 0x80); the AVX-512 kernel takes it as two halves below 128.
                for (int s = 0; s < count; s++)
                {
                    if (Kernel == CpuKernel.AvxVnni)
                    {
                        OffsetRow(inputs + (long)s * n, a + (long)s * stride, n);
                    }
                    else
                    {
                        SplitRow(inputs + (long)s * n, a + (long)s * stride, c + (long)s * stride, n);
                    }
                }
                byte* input = a;
                byte* output = b;
                for (int l = 0; l < packed.Layers.Count; l++)
                {
                    PackedLayer layer = packed.Layers[l];
                    if (Kernel == CpuKernel.AvxVnni)
                    {
                        AvxVnniKernel.Run(layer, input, stride, rows, output, z, logitStride);
                    }
                    else
                    {
                        Avx512Kernel.Run(layer, input, l == 0 ? c : null, stride, rows, output, z, logitStride);
                    }
                    byte* written = output;
                    output = input;
                    input = written;
                }
                int classes = model.Classes;
                for (int s = 0; s < count; s++)
                {
                    predictions[s] = ScalarBackend.ArgMax(new ReadOnlySpan<int>(z + (long)s * logitStride, classes));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(next);
            ArrayPool<byte>.Shared.Return(lowBits);
            ArrayPool<int>.Shared.Return(logits);
        }
    }

    private static void RunPortable(QuantizedModel model, sbyte* inputs, int count, int* predictions)
    {
        int stride = model.MaxWidth;
        int classes = model.Classes;
        sbyte[] current = ArrayPool<sbyte>.Shared.Rent(count * stride);
        sbyte[] next = ArrayPool<sbyte>.Shared.Rent(count * stride);
        int[] logits = ArrayPool<int>.Shared.Rent(count * classes);
        try
        {
            fixed (sbyte* a = current, b = next)
            fixed (int* z = logits)
            {
                // Layer 0 reads the caller's rows in place; later layers ping-pong between the two buffers.
                sbyte* input = inputs;
                int inputStride = model.InputSize;
                sbyte* output = a;
                for (int l = 0; l < model.Layers.Count; l++)
                {
                    PortableKernel.Run(model.Layers[l], l < model.Layers.Count - 1, input, inputStride, count, output, stride, z, classes);
                    input = output;
                    inputStride = stride;
                    output = output == a ? b : a;
                }
                for (int s = 0; s < count; s++)
                {
                    predictions[s] = ScalarBackend.ArgMax(new ReadOnlySpan<int>(z + (long)s * classes, classes));
                }
            }
        }
        finally
        {
            ArrayPool<sbyte>.Shared.Return(current);
            ArrayPool<sbyte>.Shared.Return(next);
            ArrayPool<int>.Shared.Return(logits);
        }
    }

    /// <summary>Writes <c>x + 128</c> as u8 (flipping the sign bit).</summary>
    private static void OffsetRow(sbyte* source, byte* destination, int n)
    {
        Vector256<byte> sign = Vector256.Create((byte)0x80);
        int i = 0;
        for (; i + 32 <= n; i += 32)
        {
            (Vector256.Load((byte*)source + i) ^ sign).Store(destination + i);
        }
        for (; i < n; i++)
        {
            destination[i] = (byte)(source[i] ^ 0x80);
        }
    }

    /// <summary>Writes <c>(x + 128) >> 1</c> and <c>(x + 128) &amp; 1</c>.</summary>
    private static void SplitRow(sbyte* source, byte* high, byte* low, int n)
    {
        for (int i = 0; i < n; i++)
        {
            int u = (byte)(source[i] ^ 0x80);
            high[i] = (byte)(u >> 1);
            low[i] = (byte)(u & 1);
        }
    }
}
