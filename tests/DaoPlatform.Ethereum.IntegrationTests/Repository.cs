using System.Diagnostics;

namespace DaoPlatform.Ethereum.IntegrationTests;

/// <summary>The repository checkout the tests run from, and a way to run its scripts.</summary>
internal static class Repository
{
    /// <summary>The directory holding DaoPlatform.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Runs <paramref name="command"/> with bash in the repository root; throws with its output when it fails.</summary>
    public static string RunBash(string command, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("bash", ["-c", command])
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start bash for '{command}'.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{command}' did not finish within {timeout ?? TimeSpan.FromMinutes(3)}.");
        }
        string output = stdout.Result + stderr.Result;
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"'{command}' exited with {process.ExitCode}:\n{output}");
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DaoPlatform.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No DaoPlatform.sln above {AppContext.BaseDirectory}.");
    }
}
