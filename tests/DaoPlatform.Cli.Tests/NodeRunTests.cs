using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace DaoPlatform.Cli.Tests;

/// <summary>
/// <c>node run</c> builds the node executable's host (NodeLauncher): the same start-up checks, keystore password
/// rule and exit codes (docs/node.md), each failure one line.
/// </summary>
[NonParallelizable]
public sealed class NodeRunTests
{
    [Test]
    public async Task A_wrong_password_stops_it_with_the_nodes_exit_code_2()
    {
        var cli = new CliHarness(new Dictionary<string, string?>(CliDevnet.Cli.Variables) { ["DAOPLATFORM_PASSWORD"] = "wrong" }, CliDevnet.Cli.WorkingDirectory);

        CliRun run = await cli.RunAsync(["--account", "carol", "node", "run", "--roles", "finalizer", "--for", "10s"]);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
        Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(run.Error, Does.StartWith("error: cannot load the keys: ").And.Contain("carol"));
    }

    [Test]
    public async Task A_health_port_in_use_stops_it_with_the_nodes_exit_code_3()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;

        CliRun run = await CliDevnet.Cli.RunAsync(["--account", "carol", "node", "run", "--roles", "finalizer", "--for", "10s", "--health-url", $"http://127.0.0.1:{port}/"]);

        Assert.That(run.ExitCode, Is.EqualTo(3), run.Error);
        Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(run.Error, Does.Contain("cannot listen").And.Contain($"{port}"));
    }

    [Test]
    public async Task It_serves_health_and_metrics_and_stops_after_its_duration()
    {
        int port = FreePort();
        Task<CliRun> node = CliDevnet.Cli.RunAsync(["--account", "carol", "node", "run", "--roles", "finalizer,claimer", "--for", "20s", "--health-url", $"http://127.0.0.1:{port}/"]);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        HttpStatusCode? status = null;
        string metrics = "";
        for (DateTime deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline && status != HttpStatusCode.OK && !node.IsCompleted; await Task.Delay(200))
        {
            try
            {
                using HttpResponseMessage health = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
                status = health.StatusCode;
                metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
        }
        CliRun run = await node;

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), $"a devnet node (idle chain) is healthy; exit {run.ExitCode}: {run.Error} {run.Out}");
        Assert.That(metrics, Does.Contain("daoplatform_up{component=\"chain\"} 1"));
        Assert.That(run.ExitCode, Is.Zero, run.Error);
    }

    [Test]
    public async Task State_file_keeps_the_followers_cursor_for_the_next_start()
    {
        string state = Path.Combine(CliDevnet.NewFolder(), "follower.json");

        (await CliDevnet.Cli.RunAsync(["--json", "--account", "carol", "node", "run", "--roles", "finalizer", "--for", "5s", "--state-file", state])).Ok();

        Assert.That(File.Exists(state), Is.True, "--state-file reaches the node (Node:StateFile)");
        JsonObject kept = JsonNode.Parse(await File.ReadAllTextAsync(state))!.AsObject();
        Assert.That(kept["chainId"]!.GetValue<long>(), Is.EqualTo(10L));
        Assert.That(kept["cursor"]!["number"]!.GetValue<ulong>(), Is.GreaterThan(0UL));
        Assert.That(kept["cursor"]!["hash"]!.GetValue<string>(), Does.Match("^0x[0-9a-f]{64}$"));

        // A folder, or a file in a folder that does not exist, stops the start with one line instead of failing every tick.
        foreach (string unusable in new[] { Path.GetDirectoryName(state)!, Path.Combine(state + ".missing", "follower.json") })
        {
            CliRun refused = await CliDevnet.Cli.RunAsync(["--account", "carol", "node", "run", "--roles", "finalizer", "--for", "5s", "--state-file", unusable]);
            Assert.That(refused.ExitCode, Is.EqualTo(1), refused.Error);
            Assert.That(refused.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(refused.Error, Does.Contain("Node:StateFile"));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
