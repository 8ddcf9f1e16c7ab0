using System.Diagnostics;
using System.Text.Json.Nodes;

namespace DaoPlatform.Cli.Tests;

/// <summary>
/// The tool as a user installs it (issue 17): <c>dotnet pack</c> of the CLI, <c>dotnet tool install</c> into a temporary
/// tool path, then <c>devnet up</c>, <c>devnet status</c>, <c>train</c> and <c>devnet down</c> run from a folder outside
/// the repository, with nothing but what the package carries.
/// </summary>
[NonParallelizable]
public sealed class PackedToolTests
{
    private static async Task<(int Exit, string Out, string Error)> RunAsync(string file, IEnumerable<string> args, string workingDirectory, IDictionary<string, string>? variables = null, int timeoutSeconds = 900)
    {
        var start = new ProcessStartInfo(file, args) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync(), error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} did not finish in {timeoutSeconds} s");
        }
        return (process.ExitCode, await output, await error);
    }

    [Test]
    public async Task The_packed_tool_runs_devnet_up_and_train_from_a_folder_outside_the_repository()
    {
        string root = Path.Combine(Path.GetTempPath(), "daoplatform-tool-" + Guid.NewGuid().ToString("N")[..8]);
        string packages = Path.Combine(root, "nupkg"), tools = Path.Combine(root, "tools"), elsewhere = Path.Combine(root, "elsewhere");
        Directory.CreateDirectory(elsewhere);
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        string repository = CliDevnet.RepositoryRoot();
        try
        {
            var pack = await RunAsync(dotnet, ["pack", Path.Combine(repository, "src", "DaoPlatform.Cli"), "-c", "Debug", "-o", packages, "-nologo", "-v", "q"], repository);
            Assert.That(pack.Exit, Is.Zero, pack.Out + pack.Error);
            var install = await RunAsync(dotnet, ["tool", "install", "daoplatform", "--tool-path", tools, "--add-source", packages], root);
            Assert.That(install.Exit, Is.Zero, install.Out + install.Error);

            int port = CliDevnet.FreePort();
            var variables = new Dictionary<string, string>
            {
                ["DAOPLATFORM_RPC_URL"] = $"http://127.0.0.1:{port}",
                ["DAOPLATFORM_DATA_DIR"] = Path.Combine(root, "data"),
                ["HOME"] = root,
                ["DOTNET_ROOT"] = Path.GetDirectoryName(Path.GetFullPath(dotnet == "dotnet" ? "/usr/share/dotnet/dotnet" : dotnet))!,
            };
            string tool = Path.Combine(tools, "daoplatform");
            var up = await RunAsync(tool, ["--json", "devnet", "up"], elsewhere, variables, 180);
            try
            {
                Assert.That(up.Exit, Is.Zero, up.Out + up.Error);
                var status = await RunAsync(tool, ["--json", "devnet", "status"], elsewhere, variables, 60);
                Assert.That(status.Exit, Is.Zero, status.Error);
                Assert.That(JsonNode.Parse(status.Out)!["chainId"]!.GetValue<ulong>(), Is.EqualTo(10UL));
                Assert.That(File.Exists(Path.Combine(root, "data", "devnet", "pid")), Is.True, "the node's pid is kept in the data directory");

                string model = Path.Combine(elsewhere, "model.dqm1");
                var train = await RunAsync(tool, ["--json", "train", "--epochs", "1", "--hidden", "8", "--max-per-digit", "20", "--out", model], elsewhere, variables, 300);
                Assert.That(train.Exit, Is.Zero, train.Out + train.Error);
                Assert.That(new FileInfo(model).Length, Is.GreaterThan(0));
            }
            finally
            {
                var down = await RunAsync(tool, ["--json", "devnet", "down"], elsewhere, variables, 60);
                Assert.That(down.Exit, Is.Zero, down.Error);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
