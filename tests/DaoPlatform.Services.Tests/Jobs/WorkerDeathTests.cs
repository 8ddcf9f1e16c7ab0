using System.Diagnostics;
using System.Globalization;
using DaoPlatform.Services.Jobs;
using Hangfire;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DaoPlatform.Services.Tests.Jobs;

/// <summary>
/// A worker killed while it holds a job key's lock or a fetched job (faults from the fault run): the key is free for
/// the retry at once, and the job is handed out again after the invisibility timeout, not hours later.
/// </summary>
[NonParallelizable]
public class WorkerDeathTests
{
    private PostgresCluster _cluster = null!;

    [SetUp]
    public void StartCluster()
    {
        string binaries = PostgresCluster.FindBinaries()
            ?? throw new IgnoreException("No PostgreSQL server binaries (initdb, pg_ctl): install postgresql to run this test.");
        _cluster = PostgresCluster.Start(binaries);
    }

    [TearDown]
    public void StopCluster() => _cluster.Dispose();

    [Test]
    public async Task A_killed_holder_frees_the_job_key_at_once()
    {
        const string key = "evaluate:7";
        await using var locks = Locks(TimeSpan.FromSeconds(1));
        // Another process holds the key's lock on its own idle session, as a worker does while its job runs, and is
        // killed with SIGKILL.
        using Process holder = Process.Start(new ProcessStartInfo("psql",
        [
            "-X", "-q", "-h", "127.0.0.1", "-p", _cluster.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", "postgres",
        ]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true })!;
        await holder.StandardInput.WriteLineAsync($"SELECT pg_advisory_lock({JobLocks.AdvisoryLockId(key)});");
        await holder.StandardInput.FlushAsync();
        try
        {
            DateTime deadline = DateTime.UtcNow.AddSeconds(20);
            while (await AdvisoryLocksAsync() == 0)
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the holder took the lock");
                await Task.Delay(100);
            }
            await Assert.ThrowsAsync<JobLockTimeoutException>(async () => await locks.AcquireAsync(key, CancellationToken.None), "a live holder keeps the key");
            await using (await locks.AcquireAsync("evaluate:8", CancellationToken.None))
            {
                // Other keys are free meanwhile.
            }
        }
        finally
        {
            holder.Kill();
            await holder.WaitForExitAsync();
        }

        var waited = Stopwatch.StartNew();
        await using var locksAfter = Locks(TimeSpan.FromSeconds(10));
        await using (await locksAfter.AcquireAsync(key, CancellationToken.None))
        {
            Assert.That(waited.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "the dead holder's session ended and its lock with it");
            await Assert.ThrowsAsync<JobLockTimeoutException>(async () => await locks.AcquireAsync(key, CancellationToken.None), "held again by this worker");
        }
        await using (await locks.AcquireAsync(key, CancellationToken.None))
        {
            // Released on dispose.
        }
    }

    [Test]
    public async Task A_job_fetched_by_a_dead_worker_runs_after_the_invisibility_timeout()
    {
        var options = new JobStorageOptions
        {
            Kind = JobStorageKind.PostgreSql, ConnectionString = _cluster.ConnectionString,
            InvisibilityTimeout = TimeSpan.FromSeconds(15), QueuePollInterval = TimeSpan.FromMilliseconds(200),
        };
        JobStorage storage = JobStorageFactory.Create(options);
        await ExecuteAsync("CREATE TABLE job_runs (key text NOT NULL, server text NOT NULL)");
        string connection = _cluster.ConnectionString;
        string jobId = new BackgroundJobClient(storage).Enqueue<RecordingJob>(job => job.RunAsync("orphan", connection));
        // What a worker's fetch leaves behind when the worker is killed right after it: the queue row marked fetched, never renewed.
        await ExecuteAsync($"UPDATE hangfire.jobqueue SET fetchedat = now() WHERE jobid = {long.Parse(jobId, CultureInfo.InvariantCulture)}");

        var clock = Stopwatch.StartNew();
        using (var server = new BackgroundJobServer(new BackgroundJobServerOptions { ServerName = "B", WorkerCount = 1, Activator = new RecordingJob.Activator("B") }, storage))
        {
            while (await CountAsync("SELECT count(*) FROM job_runs") == 0 && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(200);
            }
            server.SendStop();
        }
        Assert.That(await CountAsync("SELECT count(*) FROM job_runs WHERE server = 'B'"), Is.EqualTo(1), "the orphaned job ran on the live worker");
        Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(10)), "not before the timeout: the fetch was honoured");
    }

    private JobLocks Locks(TimeSpan timeout) => new(
        Options.Create(new JobStorageOptions { Kind = JobStorageKind.PostgreSql, ConnectionString = _cluster.ConnectionString }),
        Options.Create(new JobsOptions { LockTimeout = timeout }), TimeProvider.System);

    private Task<long> AdvisoryLocksAsync() => CountAsync("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
