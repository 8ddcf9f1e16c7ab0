namespace DaoPlatform.Evaluation.Backends.Cpu;

/// <summary>Settings of a <see cref="CpuBackend"/>.</summary>
public sealed class CpuBackendOptions
{
    /// <summary>The instruction set; <see cref="CpuKernel.Auto"/> (the default) picks the fastest supported one.</summary>
    public CpuKernel Kernel { get; set; } = CpuKernel.Auto;

    /// <summary>Most threads an evaluation uses; null (the default) uses every core.</summary>
    public int? MaxDegreeOfParallelism { get; set; }
}
