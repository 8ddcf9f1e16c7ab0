using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Evaluation.Backends.Cpu;

/// <summary>
/// The vectorised CPU back end: samples in blocks of up to <see cref="MaxBlockSamples"/>, each block carried through
/// every layer as a small GEMM (the layer's weights reused across the block's samples) with AVX-VNNI, AVX-512BW, AVX2
/// or Vector128 (<see cref="CpuKernel"/>), blocks spread over the cores. Bit-exact with <see cref="ScalarBackend"/>:
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
    private const int BlocksPerThread = 4;

    /// <summary>A multiple of every kernel's sample tile.</summary>
    private const int TileMultiple = 8;

    private readonly ConditionalWeakTable<QuantizedModel, PackedModel> _packed = [];
    private readonly ParallelOptions _parallel;

    /// <summary>Creates the back end.</summary>
    /// <exception cref="PlatformNotSupportedException">The kernel asked for needs instructions this CPU lacks.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The thread count is below 1.</exception>
    public CpuBackend(CpuBackendOptions? options = null)
    {
        options ??= new CpuBackendOptions();
        Kernel = options.Kernel == CpuKernel.Auto ? Fastest() : options.Kernel;
        if (!IsSupported(Kernel))
        {
            throw new PlatformNotSupportedException($"the CPU kernel {Kernel} needs instructions this CPU or runtime lacks");
        }
        int threads = options.Threads ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1, "options.Threads");
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
    }

    /// <summary>The kernel in use (never <see cref="CpuKernel.Auto"/>).</summary>
    public CpuKernel Kernel { get; }

    /// <inheritdoc/>
    public string Name => Kernel switch
    {
        CpuKernel.AvxVnni => "cpu-avxvnni",
        CpuKernel.Avx512 => "cpu-avx512",
        CpuKernel.Avx2 => "cpu-avx2",
        _ => "cpu-vector128",
    };

    /// <summary>Whether this CPU and runtime can run <paramref name="kernel"/>.</summary>
    public static bool IsSupported(CpuKernel kernel) => kernel switch
    {
        CpuKernel.Auto or CpuKernel.Portable => true,
        CpuKernel.AvxVnni => AvxVnni.IsSupported,
        CpuKernel.Avx512 => Avx512BW.IsSupported && Vector512.IsHardwareAccelerated,
        CpuKernel.Avx2 => Avx2.IsSupported && Vector256.IsHardwareAccelerated,
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
        PackedModel? packed = Kernel == CpuKernel.Portable ? null : _packed.GetValue(model, m => new PackedModel(m, signedPairs: Kernel != CpuKernel.AvxVnni));
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
        new[] { CpuKernel.AvxVnni, CpuKernel.Avx512, CpuKernel.Avx2 }.FirstOrDefault(IsSupported, CpuKernel.Portable);

    /// <summary>
    /// Blocks of up to <see cref="MaxBlockSamples"/>, in whole tiles of every kernel, <see cref="BlocksPerThread"/> per
    /// thread where the batch allows: a thread that another process slows down then holds the others up by one small
    /// block at most.
    /// </summary>
    private int BlockSize(int samples)
    {
        int wanted = _parallel.MaxDegreeOfParallelism * BlocksPerThread;
        int block = (samples + wanted - 1) / wanted;
        return Math.Min((block + TileMultiple - 1) / TileMultiple * TileMultiple, MaxBlockSamples);
    }

    private void RunPacked(QuantizedModel model, PackedModel packed, sbyte* inputs, int count, int* predictions)
    {
        bool vnni = Kernel == CpuKernel.AvxVnni;
        int tile = Kernel == CpuKernel.Avx512 ? Avx512Kernel.SampleTile : Avx256Kernel.SampleTile;
        int rows = (count + tile - 1) / tile * tile;
        int stride = (Math.Max(model.InputSize, model.MaxWidth) + StrideAlignment - 1) / StrideAlignment * StrideAlignment;
        int maxGroups = stride / PackedLayer.GroupSize;
        int logitStride = packed.Layers[^1].Blocks * PackedLayer.BlockWidth;
        int n = model.InputSize;
        // Inputs that are all ≥ 0 (images, most data sets) are valid u8 operands as they are. Signed inputs enter
        // AVX-VNNI as x + 128 (with the offset biases), AVX-512BW and AVX2 as int16 (vpmaddwd), since x + 128 would
        // saturate vpmaddubsw.
        bool signed = HasNegative(inputs, (long)count * n);
        bool wide = signed && !vnni;
        byte[] current = ArrayPool<byte>.Shared.Rent(rows * stride * (wide ? sizeof(short) : 1));
        byte[] next = ArrayPool<byte>.Shared.Rent(rows * stride);
        int[] logits = ArrayPool<int>.Shared.Rent(rows * logitStride);
        int[] lists = ArrayPool<int>.Shared.Rent(rows / tile * maxGroups);
        int[] counts = ArrayPool<int>.Shared.Rent(rows / tile);
        try
        {
            fixed (byte* a = current, b = next)
            fixed (int* z = logits, list = lists, counted = counts)
            {
                if (wide)
                {
                    WidenRows(inputs, count, n, (short*)a, rows, stride);
                }
                else
                {
                    CopyRows(inputs, count, n, a, rows, stride, offset: signed);
                }
                byte* input = a;
                byte* output = b;
                for (int l = 0; l < packed.Layers.Count; l++)
                {
                    PackedLayer layer = packed.Layers[l];
                    if (l == 0 && wide && Kernel == CpuKernel.Avx512)
                    {
                        Avx512Kernel.RunSigned(layer, (short*)input, stride, rows, stride, output, z, logitStride);
                    }
                    else if (l == 0 && wide)
                    {
                        Avx256Kernel.RunSigned(layer, (short*)input, stride, rows, stride, output, z, logitStride);
                    }
                    else
                    {
                        bool offset = signed && l == 0;
                        if (offset)
                        {
                            ActiveGroups.All(rows, tile, layer.Groups, list, counted);
                        }
                        else
                        {
                            ActiveGroups.Find(input, stride, rows, tile, layer.Groups, list, counted);
                        }
                        var active = new ActiveGroupLists(list, offset ? 0 : layer.Groups, counted);
                        switch (Kernel)
                        {
                            case CpuKernel.AvxVnni:
                                Avx256Kernel<VnniDot>.Run(layer, input, offset, stride, rows, active, output, z, logitStride);
                                break;
                            case CpuKernel.Avx512:
                                Avx512Kernel.Run(layer, input, stride, rows, active, output, z, logitStride);
                                break;
                            default:
                                Avx256Kernel<MaddDot>.Run(layer, input, offset: false, stride, rows, active, output, z, logitStride);
                                break;
                        }
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
            ArrayPool<int>.Shared.Return(logits);
            ArrayPool<int>.Shared.Return(lists);
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    /// <summary>
    /// Rows of u8 operands for layer 0: the inputs as they are, or <c>x + 128</c> (the sign bit flipped); zero past
    /// n (zero weights there, but the kernels read whole groups) and in the rows that pad the last tile.
    /// </summary>
    private static void CopyRows(sbyte* inputs, int count, int n, byte* rows, int rowCount, int stride, bool offset)
    {
        new Span<byte>(rows, rowCount * stride).Clear();
        Vector256<byte> sign = Vector256.Create((byte)0x80);
        for (int s = 0; s < count; s++)
        {
            byte* source = (byte*)inputs + (long)s * n;
            byte* destination = rows + (long)s * stride;
            if (!offset)
            {
                new ReadOnlySpan<byte>(source, n).CopyTo(new Span<byte>(destination, n));
                continue;
            }
            int i = 0;
            for (; i + 32 <= n; i += 32)
            {
                (Vector256.Load(source + i) ^ sign).Store(destination + i);
            }
            for (; i < n; i++)
            {
                destination[i] = (byte)(source[i] ^ 0x80);
            }
        }
    }

    /// <summary>Rows of int16 inputs for the kernels' <c>RunSigned</c>, zero past n and in padding rows.</summary>
    private static void WidenRows(sbyte* inputs, int count, int n, short* rows, int rowCount, int stride)
    {
        new Span<short>(rows, rowCount * stride).Clear();
        for (int s = 0; s < count; s++)
        {
            sbyte* source = inputs + (long)s * n;
            short* destination = rows + (long)s * stride;
            for (int i = 0; i < n; i++)
            {
                destination[i] = source[i];
            }
        }
    }

    private static bool HasNegative(sbyte* values, long length)
    {
        var span = new ReadOnlySpan<sbyte>(values, checked((int)length));
        return span.IndexOfAnyInRange(sbyte.MinValue, (sbyte)-1) >= 0;
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
}
