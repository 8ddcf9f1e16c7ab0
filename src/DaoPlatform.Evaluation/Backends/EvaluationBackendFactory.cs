using DaoPlatform.Evaluation.Backends.Cpu;
using DaoPlatform.Evaluation.Backends.Gpu;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DaoPlatform.Evaluation.Backends;

/// <summary>
/// Chooses the evaluation back end from <see cref="EvaluationBackendOptions"/>: the GPU back end (wrapped so that
/// a failure falls back to the CPU back end with a logged warning) or the CPU back end. Services and the CLI create
/// one back end at start and dispose it at shutdown.
/// </summary>
public sealed class EvaluationBackendFactory
{
    private readonly EvaluationBackendOptions _options;
    private readonly ILogger _logger;
    private readonly Func<IEvaluationBackend> _createCpu;
    private readonly Func<EvaluationBackendOptions, IEvaluationBackend> _createGpu;
    private readonly Func<int> _cudaDeviceCount;

    /// <summary>Creates the factory over the real CPU and CUDA back ends.</summary>
    public EvaluationBackendFactory(EvaluationBackendOptions options, ILogger<EvaluationBackendFactory>? logger = null)
        : this(options, logger, () => new CpuBackend(options?.Cpu), CreateCudaBackend, GpuBackend.CudaDeviceCount)
    {
    }

    /// <summary>Creates the factory over given back-end constructors (tests substitute failing or absent GPUs).</summary>
    internal EvaluationBackendFactory(
        EvaluationBackendOptions options, ILogger? logger, Func<IEvaluationBackend> createCpu,
        Func<EvaluationBackendOptions, IEvaluationBackend> createGpu, Func<int> cudaDeviceCount)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _createCpu = createCpu;
        _createGpu = createGpu;
        _cudaDeviceCount = cudaDeviceCount;
    }

    /// <summary>
    /// Creates the back end the options ask for. Auto with no CUDA device, or a GPU that cannot be opened, gives
    /// the CPU back end (with a logged warning in the latter case). The result is a <see cref="FallbackBackend"/>
    /// when it runs on the GPU; dispose it (when <see cref="IDisposable"/>) to free the device.
    /// </summary>
    /// <exception cref="GpuUnavailableException"><see cref="EvaluationDevice.Gpu"/> was forced and no usable CUDA device is present.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A GPU setting or the CPU thread count is out of range (checked in
    /// every mode, so that a configuration error is not mistaken for a missing GPU).</exception>
    public IEvaluationBackend Create()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(_options.GpuDeviceIndex, "options.GpuDeviceIndex");
        if (_options.Cpu.Threads is int threads)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1, "options.Cpu.Threads");
        }
        if (_options.GpuBatchSize < 64 || _options.GpuBatchSize % 64 != 0)
        {
            throw new ArgumentOutOfRangeException("options.GpuBatchSize", _options.GpuBatchSize, "the GPU batch size must be a positive multiple of 64");
        }
        switch (_options.Device)
        {
            case EvaluationDevice.Cpu:
                return _createCpu();
            case EvaluationDevice.Gpu:
                int forced = CountDevices();
                if (forced == 0)
                {
                    throw new GpuUnavailableException("evaluation forced onto the GPU (Device = Gpu) but no CUDA device is present");
                }
                return new FallbackBackend(_createGpu(_options), _createCpu(), _logger);
            case EvaluationDevice.Auto:
                if (CountDevices() == 0)
                {
                    _logger.LogInformation("No CUDA device present; evaluating on the CPU");
                    return _createCpu();
                }
                IEvaluationBackend gpu;
                try
                {
                    gpu = _createGpu(_options);
                }
                catch (Exception e)
                {
                    _logger.LogWarning(e, "The GPU back end could not start ({Reason}); evaluating on the CPU", e.Message);
                    return _createCpu();
                }
                if (_logger.IsEnabled(LogLevel.Information))
                {
                    _logger.LogInformation("Evaluating on {Backend}", gpu.Name);
                }
                return new FallbackBackend(gpu, _createCpu(), _logger);
            default:
                throw new ArgumentOutOfRangeException(nameof(_options), _options.Device, "unknown evaluation device");
        }
    }

    private int CountDevices()
    {
        try
        {
            return _cudaDeviceCount();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A driver that is installed but broken counts as no device; the reason is logged once here.
            _logger.LogWarning(e, "CUDA device discovery failed ({Reason})", e.Message);
            return 0;
        }
    }

    private static IEvaluationBackend CreateCudaBackend(EvaluationBackendOptions options) =>
        GpuBackend.CreateCuda(options.GpuDeviceIndex, options.GpuProduct, options.GpuBatchSize);
}
