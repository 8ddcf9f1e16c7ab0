using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Jobs;

/// <summary>
/// Per-key locks in the job storage, so that workers sharing one storage (many processes on one PostgreSQL queue)
/// never run the same job key at once.
/// </summary>
public sealed class JobLocks
{
    private readonly JobStorage _storage;
    private readonly TimeSpan _timeout;

    /// <summary>Locks in <paramref name="storage"/>.</summary>
    public JobLocks(JobStorage storage, IOptions<JobsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _storage = storage;
        _timeout = options.Value.LockTimeout;
    }

    /// <summary>Takes the lock of <paramref name="key"/>; dispose to release.</summary>
    /// <exception cref="DistributedLockTimeoutException">Another worker holds it longer than <see cref="JobsOptions.LockTimeout"/>: the job fails and is retried.</exception>
    public IDisposable Acquire(string key)
    {
        IStorageConnection connection = _storage.GetConnection();
        try
        {
            return new Held(connection, connection.AcquireDistributedLock("daoplatform:" + key, _timeout));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private sealed class Held(IStorageConnection connection, IDisposable @lock) : IDisposable
    {
        public void Dispose()
        {
            @lock.Dispose();
            connection.Dispose();
        }
    }
}
