using Microsoft.Extensions.Logging;

namespace DaoPlatform.Services.Jobs;

/// <summary>What every role job does around its body: the per-key lock, an error log naming the job, and releasing the key.</summary>
public sealed class JobRunner(JobLocks locks, JobQueue queue)
{
    /// <summary>Runs <paramref name="body"/> holding the lock of <paramref name="key"/>; a failure is logged and rethrown, so Hangfire retries it.</summary>
    public async Task RunAsync(string key, ILogger logger, Func<Task> body)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            using IDisposable held = locks.Acquire(key);
            await body().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Job {Job} failed: {Reason}; it will be retried", key, e.Message);
            throw;
        }
        finally
        {
            queue.Done(key);
        }
    }
}
