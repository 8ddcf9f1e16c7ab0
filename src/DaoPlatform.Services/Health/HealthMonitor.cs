using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Health;

/// <summary>
/// Probes the node's dependencies every <see cref="HealthOptions.ProbeInterval"/> and logs each change: the chain
/// node or the job storage going down (an error, with the reason) and coming back (with how long it was gone), so
/// an outage shows in the log even when no job runs and nobody asks the health endpoint. It also keeps the
/// probe-time gauges of <see cref="NodeMetrics"/> current between scrapes.
/// </summary>
internal sealed partial class HealthMonitor(HealthProbe probe, IOptions<HealthOptions> options, TimeProvider time, ILogger<HealthMonitor> logger)
    : BackgroundService
{
    private (string? Error, DateTimeOffset Since) _chain;
    private (string? Error, DateTimeOffset Since) _storage;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                HealthReport report = await probe.CheckAsync(stoppingToken).ConfigureAwait(false);
                _chain = Track("Chain node", report.Chain.Error, _chain, report.At);
                _storage = Track($"Job storage ({report.JobStorage.Kind})", report.JobStorage.Error, _storage, report.At);
                await Task.Delay(options.Value.ProbeInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    private (string? Error, DateTimeOffset Since) Track(string what, string? error, (string? Error, DateTimeOffset Since) last, DateTimeOffset now)
    {
        if (error is not null && last.Error is null)
        {
            LogDown(what, error);
            return (error, now);
        }
        if (error is null && last.Error is not null)
        {
            LogBack(what, (now - last.Since).TotalSeconds);
            return (null, now);
        }
        return last;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{What} is down: {Reason}")]
    private partial void LogDown(string what, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{What} is back after {Seconds:0.#} s")]
    private partial void LogBack(string what, double seconds);
}
