using System.ComponentModel.DataAnnotations;

namespace DaoPlatform.Services.Jobs;

/// <summary>Hangfire settings (configuration section <c>Jobs</c>).</summary>
public sealed class JobsOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Jobs";

    /// <summary>Hangfire workers in this process (parallel jobs).</summary>
    [Range(1, 64)]
    public int WorkerCount { get; set; } = 2;

    /// <summary>How many times a failed job is retried before it is parked in the Failed state.</summary>
    [Range(0, 100)]
    public int RetryAttempts { get; set; } = 8;

    /// <summary>Seconds before each retry, growing (the last value repeats).</summary>
    public int[] RetryDelaysSeconds { get; set; } = [2, 5, 15, 30, 60, 120, 300, 600];

    /// <summary>How often scheduled (retrying) jobs are moved to the queue.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a planned job key suppresses re-planning the same job; after it the follower plans it again (jobs are idempotent).</summary>
    public TimeSpan ReplanAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a job waits for the per-task lock another worker holds before it fails and is retried.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
