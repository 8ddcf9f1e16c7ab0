using DaoPlatform.Evaluation.Backends.Cpu;
using DaoPlatform.Evaluation.Backends.Gpu;

namespace DaoPlatform.Evaluation.Backends;

/// <summary>Where models are evaluated.</summary>
public enum EvaluationDevice
{
    /// <summary>The GPU back end when a CUDA device is present (with the CPU back end as fallback), else the CPU back end.</summary>
    Auto,

    /// <summary>The CPU back end only.</summary>
    Cpu,

    /// <summary>The GPU back end (with the CPU back end as fallback should it fail later); an error where no CUDA device is present.</summary>
    Gpu,
}

/// <summary>
/// Settings of <see cref="EvaluationBackendFactory"/> (configuration section e.g. "Evaluation":
/// <c>{ "Device": "Auto", "GpuDeviceIndex": 0, "GpuProduct": "Auto", "GpuBatchSize": 8192, "Cpu": { "Kernel": "Auto", "Threads": null } }</c>).
/// </summary>
public sealed class EvaluationBackendOptions
{
    /// <summary>Where to evaluate; <see cref="EvaluationDevice.Auto"/> by default.</summary>
    public EvaluationDevice Device { get; set; } = EvaluationDevice.Auto;

    /// <summary>Which CUDA device (0-based, in the driver's order) the GPU back end uses.</summary>
    public int GpuDeviceIndex { get; set; }

    /// <summary>The GPU back end's matrix routine; Auto takes cuBLASLt where installed, else ILGPU's dp4a kernel.</summary>
    public GpuProduct GpuProduct { get; set; } = GpuProduct.Auto;

    /// <summary>Samples per GPU batch, a positive multiple of 64: larger batches use the GPU better and hold more memory.</summary>
    public int GpuBatchSize { get; set; } = GpuBackend.DefaultBatchSize;

    /// <summary>Settings of the CPU back end, used alone or as the GPU's fallback.</summary>
    public CpuBackendOptions Cpu { get; set; } = new();
}
