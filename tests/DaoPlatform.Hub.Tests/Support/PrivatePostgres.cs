using System.Diagnostics;

namespace DaoPlatform.Ethereum.IntegrationTests.Hub;

/// <summary>
/// A PostgreSQL cluster of one test's own (initdb + pg_ctl on a free loopback port, trust authentication), run as
/// the unprivileged user <c>nobody</c> when the tests run as root (PostgreSQL refuses root); removed afterwards.
/// </summary>
internal sealed class PrivatePostgres : IDisposable
{
    private readonly string _dir;

    private PrivatePostgres(string dir, int port)
    {
        _dir = dir;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    public string ConnectionString { get; }

    public static PrivatePostgres Start()
    {
        string dir = Path.Combine(Path.GetTempPath(), "daoplatform-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        int port = Devnet.FreePort();
        var postgres = new PrivatePostgres(dir, port);
        if (Environment.UserName == "root")
        {
            Run("chown", ["nobody", dir]);
        }
        postgres.AsOwner("initdb", ["-D", Path.Combine(dir, "data"), "-U", "postgres", "--auth=trust"]);
        postgres.AsOwner("pg_ctl", ["-D", Path.Combine(dir, "data"), "-o", $"-p {port} -k {dir} -c listen_addresses=127.0.0.1", "-l", Path.Combine(dir, "log"), "-w", "start"]);
        return postgres;
    }

    public void Dispose()
    {
        try
        {
            AsOwner("pg_ctl", ["-D", Path.Combine(_dir, "data"), "-m", "fast", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private void AsOwner(string program, string[] arguments)
    {
        if (Environment.UserName == "root")
        {
            Run("runuser", ["-u", "nobody", "--", program, .. arguments]);
        }
        else
        {
            Run(program, arguments);
        }
    }

    private static void Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        if (!process.WaitForExit(60_000) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed:\n{output}");
        }
    }
}
