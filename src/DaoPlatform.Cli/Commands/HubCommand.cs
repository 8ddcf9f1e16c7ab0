using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Units;
using DaoPlatform.Services.Hosting;
using Microsoft.Extensions.Configuration;

namespace DaoPlatform.Cli.Commands;

/// <summary>
/// <c>hub</c>: serves the hub (docs/hub.md) against any RPC endpoint (<c>--rpc</c>) and deployment record
/// (<c>--deployment</c>) on 127.0.0.1, the node's way (<see cref="HubLauncher"/>: the same host as the node's
/// <c>Hub</c> role, its start-up checks and exit codes).
/// </summary>
public static class HubCommand
{
    private const string PasswordVariable = "DAOPLATFORM_PASSWORD";

    /// <summary>Builds the command.</summary>
    public static Command Create(CliApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var port = Opt.Text("--port", "Listen on 127.0.0.1:PORT (default 5080)");
        var data = Opt.Text("--index-dir", "Where the index's SQLite file lives (default <data-dir>/hub)");
        var content = Opt.Text("--content", "Serve the content service from this folder (encrypted assets); its node key is --account's keystore");
        var recompute = Opt.Flag("--recompute-digests", "With --content: whole downloads also recompute each asset's keccak-256 and sha2-256 (every block is authenticated either way; docs/assets.md)");
        var duration = Opt.Text("--for", "Stop after this long (default: until Ctrl+C)");
        var hub = new Command("hub", "Serve the hub (the platform in a browser, with the user's own wallet) on 127.0.0.1; "
            + "exit codes as the node's: 0 stopped, 1 bad setting, 3 port in use, 5 wrong chain id").With(port, data, content, recompute, duration);
        app.Handle(hub, async ctx =>
        {
            int listen = 5080;
            if (ctx.Get(port) is { } p && (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out listen) || listen is < 1 or > 65535))
            {
                throw PlatformException.BadInput($"--port '{p}' is not a port number (1-65535)");
            }
            var settings = new Dictionary<string, string?>
            {
                ["Hub:RpcUrl"] = ctx.Settings.RpcUrl.ToString(),
                ["Hub:Deployment"] = ctx.Settings.DeploymentPath,
                ["Hub:DataDirectory"] = ctx.Get(data) is { } d ? ctx.PathOf(d) : Path.Combine(ctx.Settings.DataDir, "hub"),
                ["Hub:Url"] = $"http://127.0.0.1:{listen}",
            };
            if (ctx.Get(content) is { } folder)
            {
                string account = ctx.Settings.Account ?? throw PlatformException.BadInput("--content needs --account: the keystore of the node key that wraps the assets' keys");
                settings["Hub:Content:Folder"] = ctx.PathOf(folder);
                settings["Hub:Content:KeystorePath"] = ctx.Accounts.Find(account).Path;
                settings["Hub:Content:" + (ctx.Settings.PasswordFile is null ? "PasswordEnvironmentVariable" : "PasswordFile")] = ctx.Settings.PasswordFile ?? PasswordVariable;
                settings["Hub:Content:RecomputeDigests"] = ctx.Get(recompute) ? "true" : "false";
            }
            else if (ctx.Get(recompute))
            {
                throw PlatformException.BadInput("--recompute-digests needs --content: it applies to the content service's downloads");
            }
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ctx.CancellationToken);
            if (ctx.Get(duration) is { } f)
            {
                stop.CancelAfter(TimeSpan.FromSeconds(Duration.ParseSeconds(f)));
            }
            var web = await HubLauncher.StartAsync(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), stop.Token).ConfigureAwait(false);
            await using (web.ConfigureAwait(false))
            {
                string url = string.Join(", ", web.Urls);
                if (!ctx.Settings.Json)
                {
                    ctx.Console.WriteLine($"hub serving on {url} over {ctx.Settings.RpcUrl} ({ctx.Settings.DeploymentPath}); Ctrl+C stops it");
                    if (ctx.Get(content) is { } served)
                    {
                        ctx.Console.WriteLine($"content service: {ctx.PathOf(served)}; whole downloads {(ctx.Get(recompute) ? "recompute both digests" : "authenticated by block under the sealed key (--recompute-digests also recomputes both digests)")}");
                    }
                }
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C or --for: a normal stop.
                }
                await web.StopAsync(CancellationToken.None).ConfigureAwait(false);
                ctx.Render(new JsonObject { ["url"] = url, ["stopped"] = true }, console => console.WriteLine($"hub stopped ({url})"));
            }
        });
        return hub;
    }
}
