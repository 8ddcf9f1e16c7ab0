using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DaoPlatform.Services.Jobs;

/// <summary>
/// Per-key locks, so that workers sharing one job storage (many processes on one PostgreSQL queue) never run the
/// same job key at once. A lock lives exactly as long as its holder: on PostgreSQL it is a session-level advisory
/// lock (<c>pg_try_advisory_lock</c>) held on a connection of its own, which the server releases when that session
/// ends, so a killed worker (its socket closed by its kernel) frees the key at once, with no expiry to tune and no
/// heartbeat to miss; in memory it is a semaphore of this process, which dies with it. (Hangfire's own distributed
/// locks are rows that outlive a killed holder until a timeout.)
/// </summary>
public sealed class JobLocks : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly NpgsqlDataSource? _postgres;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _local = new(StringComparer.Ordinal);

    /// <summary>Locks in the storage <paramref name="storage"/> describes.</summary>
    public JobLocks(IOptions<JobStorageOptions> storage, IOptions<JobsOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        _timeout = options.Value.LockTimeout;
        _time = time;
        if (storage.Value.Kind == JobStorageKind.PostgreSql)
        {
            // TCP keepalives let the server notice a holder whose machine vanished (no FIN ever comes) and end its session.
            var builder = new NpgsqlConnectionStringBuilder(storage.Value.ConnectionString) { TcpKeepAlive = true };
            _postgres = NpgsqlDataSource.Create(builder.ConnectionString);
        }
    }

    /// <summary>The 64-bit advisory lock id of <paramref name="key"/>: the first 8 bytes of SHA-256("daoplatform:" + key), big-endian.</summary>
    public static long AdvisoryLockId(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes("daoplatform:" + key), digest);
        return BinaryPrimitives.ReadInt64BigEndian(digest);
    }

    /// <summary>Takes the lock of <paramref name="key"/>, waiting up to <see cref="JobsOptions.LockTimeout"/>; dispose to release.</summary>
    /// <exception cref="JobLockTimeoutException">Another live worker held it all that time: the job fails and is retried.</exception>
    /// <exception cref="NpgsqlException">The PostgreSQL server cannot be reached.</exception>
    public async Task<IAsyncDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_postgres is null)
        {
            SemaphoreSlim semaphore = _local.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
            return await semaphore.WaitAsync(_timeout, cancellationToken).ConfigureAwait(false)
                ? new LocalLock(semaphore)
                : throw new JobLockTimeoutException(key, _timeout);
        }
        long id = AdvisoryLockId(key);
        NpgsqlConnection connection = await _postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            DateTimeOffset deadline = _time.GetUtcNow() + _timeout;
            while (true)
            {
                await using (var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = id } } })
                {
                    if ((bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
                    {
                        return new AdvisoryLock(connection, id);
                    }
                }
                if (_time.GetUtcNow() >= deadline)
                {
                    throw new JobLockTimeoutException(key, _timeout);
                }
                await Task.Delay(RetryDelay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class LocalLock(SemaphoreSlim semaphore) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            semaphore.Release();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class AdvisoryLock(NpgsqlConnection connection, long id) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection) { Parameters = { new() { Value = id } } };
                await command.ExecuteScalarAsync().ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // The session is gone, and the lock with it.
            }
            finally
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}

/// <summary>Another worker held a job key's lock for the whole <see cref="JobsOptions.LockTimeout"/>.</summary>
public sealed class JobLockTimeoutException(string key, TimeSpan timeout)
    : Exception($"job {key} is running in another worker (its lock was held for {timeout.TotalSeconds:0.#} s)")
{
    /// <summary>The job key.</summary>
    public string Key { get; } = key;
}
