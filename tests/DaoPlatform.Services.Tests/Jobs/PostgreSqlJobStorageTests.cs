using DaoPlatform.Services.Jobs;
using Hangfire;
using Npgsql;

namespace DaoPlatform.Services.Tests.Jobs;

/// <summary>
/// Two Hangfire servers, each with its own <see cref="JobStorage"/> built by <see cref="JobStorageFactory"/>,
/// share one PostgreSQL database on a real server, as two worker processes on two machines would.
/// </summary>
[NonParallelizable]
public class PostgreSqlJobStorageTests
{
    private const int JobCount = 40;

    [Test]
    public async Task TwoServersSharingOneDatabaseRunEachJobExactlyOnce()
    {
        string binaries = PostgresCluster.FindBinaries()
            ?? throw new IgnoreException("No PostgreSQL server binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin: install postgresql to run this test.");
        using PostgresCluster cluster = PostgresCluster.Start(binaries);
        await ExecuteAsync(cluster.ConnectionString, "CREATE TABLE job_runs (key text NOT NULL, server text NOT NULL)");

        var options = new JobStorageOptions { Kind = JobStorageKind.PostgreSql, ConnectionString = cluster.ConnectionString, QueuePollInterval = TimeSpan.FromMilliseconds(200) };
        JobStorage first = JobStorageFactory.Create(options);
        JobStorage second = JobStorageFactory.Create(options);
        Assert.That(first, Is.Not.SameAs(second));

        var client = new BackgroundJobClient(first);
        for (int i = 0; i < JobCount; i++)
        {
            string key = $"task-{i}";
            client.Enqueue<RecordingJob>(job => job.RunAsync(key, cluster.ConnectionString));
        }

        using (var serverA = new BackgroundJobServer(ServerOptions("A"), first))
        using (var serverB = new BackgroundJobServer(ServerOptions("B"), second))
        {
            DateTime deadline = DateTime.UtcNow.AddSeconds(60);
            while (await CountAsync(cluster.ConnectionString, "SELECT count(*) FROM job_runs") < JobCount && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
            // Long enough for a duplicate delivery to show.
            await Task.Delay(1000);
            serverA.SendStop();
            serverB.SendStop();
        }

        Assert.That(await CountAsync(cluster.ConnectionString, "SELECT count(DISTINCT key) FROM job_runs"), Is.EqualTo(JobCount), "every job ran");
        Assert.That(await CountAsync(cluster.ConnectionString, "SELECT count(*) FROM job_runs"), Is.EqualTo(JobCount), "no job ran twice");
        Assert.That(await CountAsync(cluster.ConnectionString, "SELECT count(DISTINCT server) FROM job_runs"), Is.EqualTo(2), "both servers took jobs from the shared queue");
        Assert.That(first.GetMonitoringApi().SucceededListCount(), Is.EqualTo(JobCount));
    }

    [Test]
    public void InMemoryIsTheDefaultAndBadSettingsAreNamed()
    {
        Assert.That(JobStorageFactory.Create(new JobStorageOptions()), Is.TypeOf<Hangfire.InMemory.InMemoryStorage>());
        ArgumentException missing = Assert.Throws<ArgumentException>(() => JobStorageFactory.Create(new JobStorageOptions { Kind = JobStorageKind.PostgreSql }))!;
        Assert.That(missing.Message, Does.Contain("Jobs:Storage:ConnectionString is required"));
        ArgumentException tooShort = Assert.Throws<ArgumentException>(() => JobStorageFactory.Create(new JobStorageOptions { InvisibilityTimeout = TimeSpan.FromSeconds(5) }))!;
        Assert.That(tooShort.Message, Does.Contain("Jobs:Storage:InvisibilityTimeout"));
    }

    private static BackgroundJobServerOptions ServerOptions(string name) => new()
    {
        ServerName = name,
        WorkerCount = 2,
        Activator = new RecordingJob.Activator(name),
        SchedulePollingInterval = TimeSpan.FromMilliseconds(200),
    };

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>A job that records which server ran it, after a pause long enough for both servers to be busy.</summary>
public sealed class RecordingJob(string server)
{
    public async Task RunAsync(string key, string connectionString)
    {
        await Task.Delay(50);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("INSERT INTO job_runs (key, server) VALUES (@key, @server)", connection);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("server", server);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Builds the job for one server, so each run records its server.</summary>
    internal sealed class Activator(string server) : JobActivator
    {
        public override object ActivateJob(Type jobType) =>
            jobType == typeof(RecordingJob) ? new RecordingJob(server) : base.ActivateJob(jobType);
    }
}
