namespace DaoPlatform.Evaluation.Backends.Cpu;

/// <summary>The instruction sets the <see cref="CpuBackend"/> can compute layers with. All give identical bits.</summary>
public enum CpuKernel
{
    /// <summary>
    /// The fastest one this CPU and runtime support, in this order: <see cref="AvxVnni"/>, <see cref="Avx512"/>,
    /// <see cref="Avx2"/>, <see cref="Portable"/>.
    /// </summary>
    Auto,

    /// <summary>AVX-VNNI <c>vpdpbusd</c> on 256 bits: u8 × s8 four-way dot products into int32 lanes.</summary>
    AvxVnni,

    /// <summary>
    /// AVX-512BW <c>vpmaddubsw</c> + <c>vpmaddwd</c> chains on 512 bits; also on AVX10.1/512 CPUs, which the runtime
    /// reports as AVX-512BW (<c>Avx10v1.V512</c> derives from <c>Avx512BW</c>).
    /// </summary>
    Avx512,

    /// <summary>
    /// AVX2 <c>vpmaddubsw</c> + <c>vpmaddwd</c> chains on 256 bits; signed layer-0 inputs as int16 through
    /// <c>vpmaddwd</c>. Also the kernel of AVX10.1/256 CPUs (<c>Avx10v1</c> derives from <c>Avx2</c>).
    /// </summary>
    Avx2,

    /// <summary>Vector128 widening multiplies, on any hardware .NET vectorises (or emulates) Vector128 on.</summary>
    Portable,
}
