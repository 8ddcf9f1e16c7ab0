using System.Collections.Concurrent;
using System.Linq.Expressions;
using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Jobs;

/// <summary>
/// Enqueues jobs by key: a key already planned by this process and not yet done (or not older than
/// <see cref="JobsOptions.ReplanAfter"/>) is not enqueued again, so a follower that sees the same state on every
/// head does not flood the queue. Correctness never rests on this: every job re-reads the chain.
/// </summary>
public sealed class JobQueue
{
    private readonly IBackgroundJobClient _client;
    private readonly TimeProvider _time;
    private readonly TimeSpan _replanAfter;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _planned = new(StringComparer.Ordinal);

    /// <summary>Enqueues into <paramref name="storage"/> with <paramref name="filters"/>.</summary>
    public JobQueue(JobStorage storage, JobFilters filters, IOptions<JobsOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentNullException.ThrowIfNull(options);
        _client = new BackgroundJobClient(storage, filters.Provider);
        _time = time;
        _replanAfter = options.Value.ReplanAfter;
    }

    /// <summary>Enqueues <paramref name="job"/> unless <paramref name="key"/> is in flight; returns whether it was enqueued.</summary>
    public bool Enqueue<TJob>(string key, Expression<Func<TJob, Task>> job) => Enqueue(key, Job.FromExpression(job));

    /// <summary>Enqueues <paramref name="job"/> unless <paramref name="key"/> is in flight; returns whether it was enqueued.</summary>
    public bool Enqueue(string key, Job job)
    {
        DateTimeOffset now = _time.GetUtcNow();
        if (_planned.TryGetValue(key, out DateTimeOffset since) && now - since < _replanAfter)
        {
            return false;
        }
        _planned[key] = now;
        _client.Create(job, new Hangfire.States.EnqueuedState());
        return true;
    }

    /// <summary>Marks <paramref name="key"/> done: the next head may plan it again.</summary>
    public void Done(string key) => _planned.TryRemove(key, out _);
}
