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
        ProcessResult result = Run("bash", ["-c", command], environment, timeout);
        return result.ExitCode == 0
            ? result.StandardOutput + result.StandardError
            : throw new InvalidOperationException($"'{command}' exited with {result.ExitCode}:\n{result.StandardOutput}{result.StandardError}");
    }

    /// <summary>
    /// Runs <paramref name="fileName"/> with <paramref name="arguments"/> in the repository root and returns its exit code
    /// and output; throws <see cref="TimeoutException"/> (after killing it) when it runs past <paramref name="timeout"/>
    /// (3 minutes by default).
    /// </summary>
    public static ProcessResult Run(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        TimeSpan limit = timeout ?? TimeSpan.FromMinutes(3);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{fileName} {string.Join(' ', start.ArgumentList)}' did not finish within {limit}.");
        }
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
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

/// <summary>What a process run by <see cref="Repository.Run"/> left: its exit code and its two output streams.</summary>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);
