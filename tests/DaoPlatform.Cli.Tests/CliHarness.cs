using System.Globalization;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Infrastructure;

namespace DaoPlatform.Cli.Tests;

/// <summary>What one run of the command tree printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>The --json output as an object.</summary>
    public JsonObject Json => JsonNode.Parse(Out)?.AsObject() ?? throw new AssertionException($"no JSON in: {Out}");

    /// <summary>Asserts success and returns the JSON.</summary>
    public JsonObject Ok()
    {
        Assert.That(ExitCode, Is.Zero, $"stderr: {Error}\nstdout: {Out}");
        return Json;
    }
}

/// <summary>Runs the real root command in-process with captured console, environment and working directory.</summary>
public sealed class CliHarness(Dictionary<string, string?> variables, string workingDirectory)
{
    /// <summary>The environment variables every run sees (tests may change them).</summary>
    public Dictionary<string, string?> Variables { get; } = variables;

    /// <summary>The working directory.</summary>
    public string WorkingDirectory { get; } = workingDirectory;

    /// <summary>Runs <c>daoplatform args</c>, with <paramref name="input"/> on standard input, until done or <paramref name="cancellationToken"/> (Ctrl+C).</summary>
    public async Task<CliRun> RunAsync(string[] args, string? input = null, bool terminal = false, CancellationToken cancellationToken = default)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        int code = await CliApp.RunAsync(args, new CliEnvironment(output, error, new StringReader(input ?? ""), Variables, WorkingDirectory) { InputIsTerminal = terminal }, cancellationToken).ConfigureAwait(false);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs with <c>--json</c>.</summary>
    public Task<CliRun> JsonAsync(params string[] args) => RunAsync(["--json", .. args]);

    /// <summary>Runs with <c>--json --account account --yes</c>, as a script would.</summary>
    public Task<CliRun> AsAsync(string account, params string[] args) => RunAsync(["--json", "--account", account, "--yes", .. args]);

    /// <summary>A path inside the working directory.</summary>
    public string PathOf(string name) => Path.Combine(WorkingDirectory, name);
}
