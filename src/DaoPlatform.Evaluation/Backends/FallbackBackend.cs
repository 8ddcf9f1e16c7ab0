using DaoPlatform.Evaluation.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DaoPlatform.Evaluation.Backends;

/// <summary>
/// A back end that evaluates on <see cref="Primary"/> (the GPU) and, when that fails for any reason other than a
/// bad argument (device lost, out of memory, launch or library failure), logs a warning and evaluates the same
/// call on <see cref="Fallback"/> (the CPU) instead, for that call and every later one: a failed CUDA context
/// stays failed, and all back ends give the same bits (docs/evaluation.md §5), so the result is unchanged.
/// Disposing it disposes both back ends where they are disposable.
/// </summary>
public sealed class FallbackBackend : IEvaluationBackend, IDisposable
{
    private readonly ILogger _logger;
    private volatile bool _primaryFailed;

    /// <summary>Creates the pair; <paramref name="logger"/> receives the fallback warning (none when null).</summary>
    public FallbackBackend(IEvaluationBackend primary, IEvaluationBackend fallback, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(fallback);
        Primary = primary;
        Fallback = fallback;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The back end tried first.</summary>
    public IEvaluationBackend Primary { get; }

    /// <summary>The back end used once <see cref="Primary"/> has failed.</summary>
    public IEvaluationBackend Fallback { get; }

    /// <summary>Whether <see cref="Primary"/> has failed, so that calls now go to <see cref="Fallback"/>.</summary>
    public bool PrimaryFailed => _primaryFailed;

    /// <inheritdoc/>
    /// <remarks>The name of the back end that evaluates the next call.</remarks>
    public string Name => _primaryFailed ? Fallback.Name : Primary.Name;

    /// <inheritdoc/>
    public void Predict(QuantizedModel model, ReadOnlySpan<sbyte> inputs, Span<int> predictions)
    {
        ArgumentNullException.ThrowIfNull(model);
        BatchShape.Check(model, inputs, predictions.Length);
        if (!_primaryFailed)
        {
            try
            {
                Primary.Predict(model, inputs, predictions);
                return;
            }
            catch (Exception e) when (e is not ArgumentException and not ObjectDisposedException)
            {
                _primaryFailed = true;
                _logger.LogWarning(e, "Evaluation back end {Primary} failed ({Reason}); evaluating on {Fallback} from now on",
                    Primary.Name, e.Message, Fallback.Name);
            }
        }
        Fallback.Predict(model, inputs, predictions);
    }

    /// <summary>Disposes both back ends (those that are disposable).</summary>
    public void Dispose()
    {
        (Primary as IDisposable)?.Dispose();
        (Fallback as IDisposable)?.Dispose();
    }
}
