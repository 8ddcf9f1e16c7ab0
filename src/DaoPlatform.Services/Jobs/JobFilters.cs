using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Jobs;

/// <summary>
/// The Hangfire filters of this host, kept per host rather than in Hangfire's global collection: retries with
/// growing delays, then the Failed state (parked, visible on the dashboard).
/// </summary>
public sealed class JobFilters
{
    /// <summary>Builds the filters from <paramref name="options"/>.</summary>
    public JobFilters(IOptions<JobsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var collection = new JobFilterCollection
        {
            new AutomaticRetryAttribute
            {
                Attempts = options.Value.RetryAttempts,
                DelaysInSeconds = options.Value.RetryDelaysSeconds,
                OnAttemptsExceeded = AttemptsExceededAction.Fail,
            },
            new StatisticsHistoryAttribute(),
            new ContinuationsSupportAttribute(),
        };
        Provider = collection;
    }

    /// <summary>The filters, for the client and the server.</summary>
    public IJobFilterProvider Provider { get; }
}
