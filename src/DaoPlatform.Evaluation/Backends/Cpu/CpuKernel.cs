namespace DaoPlatform.Evaluation.Backends.Cpu;

/// <summary>The instruction sets the <see cref="CpuBackend"/> can compute layers with. All give identical bits.</summary>
public enum CpuKernel
{
    /// <summary>The fastest one this CPU supports: <see cref="AvxVnni"/>, else <see cref="Avx512"/>, else <see cref="Portable"/>.</summary>
    Auto,

    /// <summary>AVX-VNNI <c>vpdpbusd</c> on 256 bits: u8 × s8 four-way dot products into int32 lanes.</summary>
    AvxVnni,

    /// <summary>AVX-512BW <c>vpmaddubsw</c> + <c>vpmaddwd</c> chains on 512 bits.</summary>
    Avx512,

    /// <summary>Vector128 widening multiplies, on any hardware .NET vectorises (or emulates) Vector128 on.</summary>
    Portable,
}
