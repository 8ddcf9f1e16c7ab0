namespace DaoPlatform.Evaluation.Backends.Cpu;

/// <summary>Settings of a <see cref="CpuBackend"/>.</summary>
public sealed class CpuBackendOptions
{
    /// <summary>The instruction set; <see cref="CpuKernel.Auto"/> (the default) picks the fastest supported one.</summary>
    public CpuKernel Kernel { get; set; } = CpuKernel.Auto;

    /// <summary>
    /// Most threads an evaluation uses, at least 1; null (the default) uses every core (configuration key
    /// <c>Evaluation:Cpu:Threads</c> in the node, <c>--threads</c> in the CLI).
    /// </summary>
    public int? Threads { get; set; }
}
