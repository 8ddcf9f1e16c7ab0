using System.Diagnostics;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Services.Jobs;
using Hangfire;
using Hangfire.Storage.Monitoring;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Health;

/// <summary>
/// Checks, when asked, what the node depends on: the chain node (its latest block within
/// <see cref="HealthOptions.RpcTimeout"/>, no older than <see cref="HealthOptions.MaxHeadAge"/> unless the chain is
/// idle), the job storage (its statistics within <see cref="HealthOptions.StorageTimeout"/>) and the follower (a
/// successful tick within <see cref="HealthOptions.FollowerMaxSilence"/>). Nothing is cached: a dependency that
/// comes back is reported healthy by the next request, without waiting for a new block. Each probe also sets the
/// matching gauges of <see cref="NodeMetrics"/>.
/// </summary>
public sealed class HealthProbe(
    EthRpcClient eth, JobStorage storage, NodeHealth health, NodeMetrics metrics, IOptions<HealthOptions> options,
    IOptions<JobStorageOptions> storageOptions, IOptions<NodeOptions> nodeOptions, TimeProvider time)
{
    private readonly HealthOptions _options = options.Value;

    /// <summary>Probes the chain node and the job storage (concurrently) and reads the follower's and the jobs' last reports.</summary>
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        Task<ChainReport> chain = ChainAsync(cancellationToken);
        Task<StorageReport> jobs = StorageAsync(cancellationToken);
        await Task.WhenAll(chain, jobs).ConfigureAwait(false);
        DateTimeOffset now = time.GetUtcNow();
        FollowerReport follower = health.Follower;
        var problems = new List<string>();
        if (chain.Result.Error is { } chainError)
        {
            problems.Add("chain: " + chainError);
        }
        if (jobs.Result.Error is { } storageError)
        {
            problems.Add("job storage: " + storageError);
        }
        TimeSpan silence = _options.FollowerMaxSilence + nodeOptions.Value.PollInterval;
        if (follower.LastTick is not { } lastTick)
        {
            problems.Add("follower: no successful tick yet" + (follower.LastError is { } e ? $" (last error: {e})" : ""));
        }
        else if (now - lastTick > silence)
        {
            problems.Add($"follower: no successful tick for {(now - lastTick).TotalSeconds:0} s" + (follower.LastError is { } e ? $" (last error: {e})" : ""));
        }
        return new HealthReport(problems.Count == 0, problems, chain.Result, jobs.Result, follower, health.LastDecision, now);
    }

    private async Task<ChainReport> ChainAsync(CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RpcTimeout);
        BlockHeader? head;
        try
        {
            head = await eth.GetBlockByNumberAsync(BlockTag.Latest, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.Up("chain", false);
            return new ChainReport(false, null, null, null, $"no answer to eth_getBlockByNumber within {_options.RpcTimeout.TotalSeconds:0.###} s");
        }
        catch (Exception e) when (e is RpcException or HttpRequestException or InvalidDataException or System.Text.Json.JsonException)
        {
            metrics.Up("chain", false);
            return new ChainReport(false, null, null, null, e.Message);
        }
        double latency = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (head is null)
        {
            metrics.Up("chain", false);
            return new ChainReport(false, null, null, latency, "eth_getBlockByNumber(latest) returned null");
        }
        TimeSpan age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds((long)head.Timestamp);
        metrics.HeadAge(age);
        metrics.Up("chain", true);
        string? stale = !_options.ChainIdle && age > _options.MaxHeadAge
            ? $"head block {head.Number} is {age.TotalSeconds:0} s old (Health:MaxHeadAge {_options.MaxHeadAge.TotalSeconds:0} s): the chain is stalled or the node is not syncing"
            : null;
        return new ChainReport(stale is null, head.Number, Math.Round(age.TotalSeconds, 3), Math.Round(latency, 4), stale);
    }

    private async Task<StorageReport> StorageAsync(CancellationToken cancellationToken)
    {
        string kind = storageOptions.Value.Kind.ToString();
        try
        {
            // Hangfire's storage API is synchronous; a storage that hangs must not hang the report.
            StatisticsDto statistics = await Task.Run(() => storage.GetMonitoringApi().GetStatistics(), cancellationToken)
                .WaitAsync(_options.StorageTimeout, cancellationToken).ConfigureAwait(false);
            var byState = new Dictionary<string, long>(StringComparer.Ordinal)
            {
                ["enqueued"] = statistics.Enqueued,
                ["processing"] = statistics.Processing,
                ["scheduled"] = statistics.Scheduled,
                ["failed"] = statistics.Failed,
                ["succeeded"] = statistics.Succeeded,
            };
            metrics.Jobs(byState);
            metrics.Up("job_storage", true);
            return new StorageReport(true, kind, byState, null);
        }
        catch (TimeoutException)
        {
            metrics.Up("job_storage", false);
            return new StorageReport(false, kind, null, $"no answer within {_options.StorageTimeout.TotalSeconds:0.###} s");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.Up("job_storage", false);
            return new StorageReport(false, kind, null, Innermost(e).Message);
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is { } inner)
        {
            e = inner;
        }
        return e;
    }
}

/// <summary>The health endpoint's body: healthy when <paramref name="Problems"/> is empty.</summary>
public sealed record HealthReport(
    bool Healthy, IReadOnlyList<string> Problems, ChainReport Chain, StorageReport JobStorage, FollowerReport Follower, DecisionReport? LastDecision, DateTimeOffset At);

/// <summary>The chain node at the probe: whether it is up and fresh, its head, the head's age (s), the answer's latency (s), what is wrong.</summary>
public sealed record ChainReport(bool Healthy, ulong? Head, double? HeadAgeSeconds, double? LatencySeconds, string? Error);

/// <summary>The job storage at the probe: whether it answered, its kind, the jobs by state, what is wrong.</summary>
public sealed record StorageReport(bool Healthy, string Kind, IReadOnlyDictionary<string, long>? Jobs, string? Error);
