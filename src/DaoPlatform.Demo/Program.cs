using System.Net;
using System.Net.Sockets;
using DaoPlatform.Demo;

// The main job: a fresh devnet on a free port (started and stopped through 'daoplatform devnet'), a temporary
// data directory, and the whole story (DemoScript); then, on a terminal, the hub over that devnet until Ctrl+C.
// Usage: DaoPlatform.Demo [--reduced] [--no-serve]. Without a terminal (CI) it never serves, so it never waits.
var options = (args.Contains("--reduced") ? DemoOptions.Reduced : new DemoOptions()) with
{
    Serve = !args.Contains("--no-serve") && !Console.IsInputRedirected && !Console.IsOutputRedirected,
};
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await DemoHost.RunAsync(options, Console.Out, cancellation.Token).ConfigureAwait(false);

namespace DaoPlatform.Demo
{
    /// <summary>Sets up the demo's devnet and folders, runs it, prints the summary and cleans up.</summary>
    public static class DemoHost
    {
        /// <summary>Runs the demo; returns 0 on success, 1 on failure (with one line saying what failed).</summary>
        public static async Task<int> RunAsync(DemoOptions options, TextWriter log, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(log);
            string work = Path.Combine(Path.GetTempPath(), "daoplatform-demo-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(work);
            int port = FreePort();
            var variables = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["DAOPLATFORM_RPC_URL"] = $"http://127.0.0.1:{port}",
                ["DAOPLATFORM_DATA_DIR"] = Path.Combine(work, "data"),
                ["DAOPLATFORM_DEPLOYMENT"] = Path.Combine(work, "deployments", "devnet.json"),
                ["DAOPLATFORM_PASSWORD"] = "demo password",
                ["DEVNET_STATE_DIR"] = Path.Combine(work, "devnet"),
                ["HOME"] = work,
            };
            var cli = new CliRunner(variables, Directory.GetCurrentDirectory(), log);
            try
            {
                log.WriteLine($"== Devnet on port {port}");
                await cli.RunAsync("devnet", "up").ConfigureAwait(false);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                DemoSummary summary = await new DemoScript(cli, log, work, options).RunAsync(cancellationToken).ConfigureAwait(false);
                DemoScript.PrintSummary(summary, log);
                log.WriteLine($"\nthe story ran in {clock.Elapsed.TotalSeconds:0} s");
                if (options.Serve || options.WhileServing is not null)
                {
                    string passwordFile = Path.Combine(work, "password");
                    await File.WriteAllTextAsync(passwordFile, variables["DAOPLATFORM_PASSWORD"] + "\n", cancellationToken).ConfigureAwait(false);
                    string content = Path.Combine(work, DemoScript.ContentFolder);
                    if (options.WhileServing is { } check)
                    {
                        await HubServing.CheckAsync(cli, content, passwordFile, hub => check(new ServedDemo(hub, cli, summary.Dataset), cancellationToken), cancellationToken)
                            .ConfigureAwait(false);
                    }
                    else
                    {
                        await HubServing.ServeAsync(cli, log, new Uri(variables["DAOPLATFORM_RPC_URL"]!), content, passwordFile, cancellationToken).ConfigureAwait(false);
                    }
                }
                return 0;
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                log.WriteLine($"demo failed: {e.Message}");
                return 1;
            }
            finally
            {
                try
                {
                    await cli.RunAsync("devnet", "down").ConfigureAwait(false);
                }
                catch (InvalidOperationException e)
                {
                    log.WriteLine($"stopping the devnet failed: {e.Message}");
                }
                Directory.Delete(work, recursive: true);
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
