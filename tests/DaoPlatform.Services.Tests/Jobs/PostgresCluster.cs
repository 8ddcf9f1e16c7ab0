using System.Globalization;
using DaoPlatform.Ethereum.IntegrationTests;

namespace DaoPlatform.Services.Tests.Jobs;

/// <summary>
/// A private PostgreSQL cluster for one test: initdb into a temporary folder, started by pg_ctl on a free
/// port on 127.0.0.1 with trust authentication, stopped and deleted on dispose. As root, PostgreSQL refuses
/// to run, so the cluster belongs to <c>nobody</c> and its commands run through <c>runuser</c>.
/// </summary>
internal sealed class PostgresCluster : IDisposable
{
    private readonly string _directory;
    private readonly string _binaries;
    private readonly string _asOwner;
    private bool _started;

    private PostgresCluster(string binaries)
    {
        _binaries = binaries;
        _directory = Directory.CreateTempSubdirectory("daoplatform-pg-").FullName;
        bool root = Repository.RunBash("id -u").Trim() == "0";
        if (root)
        {
            Repository.RunBash($"chown nobody {_directory} && chmod 700 {_directory}");
        }
        _asOwner = root ? "runuser -u nobody -- " : "";
        Port = Devnet.FreePort();
    }

    public int Port { get; }

    /// <summary>An Npgsql connection string for the superuser's default database.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=true;Timeout=10";

    /// <summary>The folder holding initdb and pg_ctl, or null when this machine has no PostgreSQL server.</summary>
    public static string? FindBinaries()
    {
        IEnumerable<string> candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
                : []);
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    /// <summary>Creates and starts a cluster with the binaries in <paramref name="binaries"/>.</summary>
    public static PostgresCluster Start(string binaries)
    {
        var cluster = new PostgresCluster(binaries);
        try
        {
            string data = Path.Combine(cluster._directory, "data");
            cluster.Run($"{binaries}/initdb -D {data} -U postgres --auth=trust --no-sync -E UTF8 > {cluster._directory}/initdb.log 2>&1");
            string options = string.Create(CultureInfo.InvariantCulture, $"-p {cluster.Port} -k {cluster._directory} -c listen_addresses=127.0.0.1 -c fsync=off");
            cluster.Run($"{binaries}/pg_ctl -D {data} -o '{options}' -l {cluster._directory}/server.log -w -t 60 start");
            cluster._started = true;
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>Stops the server (fast shutdown: clients are disconnected), keeping its data.</summary>
    public void Stop()
    {
        Run($"{_binaries}/pg_ctl -D {Path.Combine(_directory, "data")} -m fast -w -t 30 stop");
        _started = false;
    }

    /// <summary>Starts the stopped server again on the same port with its data.</summary>
    public void Restart()
    {
        string options = string.Create(CultureInfo.InvariantCulture, $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off");
        Run($"{_binaries}/pg_ctl -D {Path.Combine(_directory, "data")} -o '{options}' -l {_directory}/server.log -w -t 60 start");
        _started = true;
    }

    public void Dispose()
    {
        try
        {
            if (_started)
            {
                Run($"{_binaries}/pg_ctl -D {Path.Combine(_directory, "data")} -m immediate -w -t 30 stop");
            }
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private void Run(string command) => Repository.RunBash(_asOwner + "bash -c \"" + command.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"", timeout: TimeSpan.FromSeconds(90));
}
