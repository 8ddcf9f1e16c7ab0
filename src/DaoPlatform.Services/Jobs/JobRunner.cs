using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Services.Health;
using Microsoft.Extensions.Logging;

namespace DaoPlatform.Services.Jobs;

/// <summary>
/// What every role job does around its body: the per-key lock, one log line naming the job when it fails, releasing
/// the key, and recording the decision (<c>acted</c> when the job had a transaction mined, <c>idle</c> when it found
/// nothing to do, <c>failed</c>) in <see cref="NodeHealth"/> and <see cref="NodeMetrics"/>.
/// </summary>
public sealed class JobRunner(JobLocks locks, JobQueue queue, NodeHealth health, NodeMetrics metrics, TimeProvider time)
{
    private readonly AsyncLocal<Run?> _current = new();

    /// <summary>Runs <paramref name="body"/> holding the lock of <paramref name="key"/>; a failure is logged and rethrown, so Hangfire retries it.</summary>
    public async Task RunAsync(NodeRoles role, string key, ILogger logger, Func<Task> body)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(body);
        var run = new Run();
        _current.Value = run;
        try
        {
            await using (await locks.AcquireAsync(key, CancellationToken.None).ConfigureAwait(false))
            {
                await body().ConfigureAwait(false);
            }
            string outcome = run.Mined > 0 ? "acted" : "idle";
            metrics.Decision(role, outcome);
            health.Decided(key, outcome, run.Mined > 0 ? $"{run.Mined} transaction(s) mined" : null, time.GetUtcNow());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            metrics.Decision(role, "failed");
            health.Decided(key, "failed", e.Message, time.GetUtcNow());
            logger.LogError("Job {Job} failed, it will be retried: {Reason}", key, e.Message);
            throw;
        }
        finally
        {
            _current.Value = null;
            queue.Done(key);
        }
    }

    /// <summary>Records a transaction of <paramref name="role"/> the running job had mined (gas, fee); every role's sender reports here.</summary>
    public void Mined(NodeRoles role, TransactionReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        metrics.Mined(role, receipt.GasUsed, receipt.EffectiveGasPrice, receipt.Succeeded);
        if (_current.Value is { } run)
        {
            run.Mined++;
        }
    }

    private sealed class Run
    {
        public int Mined { get; set; }
    }
}
