using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Units;

namespace DaoPlatform.Cli.Commands;

/// <summary><c>devnet up | down | status | advance</c>: the local OP-mode node of <c>scripts/devnet</c>.</summary>
public static class DevnetCommands
{
    private static readonly TimeSpan s_scriptTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Builds the command group.</summary>
    public static Command Create(CliApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var up = new Command("up", "Start the devnet (anvil --optimism, chain id 10) on the --rpc-url port, with the OP fee predeploys");
        app.Handle(up, ctx => RunScript(ctx, "start"));
        var down = new Command("down", "Stop the devnet this repository's script started");
        app.Handle(down, ctx => RunScript(ctx, "stop"));
        var status = new Command("status", "Say whether the devnet runs, its chain id and latest block");
        app.Handle(status, async ctx =>
        {
            using var chain = await ChainConnection.OpenAsync(ctx.Settings.RpcUrl, ctx.Settings.ChainId, null, cancellationToken: ctx.CancellationToken).ConfigureAwait(false);
            ulong block = await chain.Eth.BlockNumberAsync(ctx.CancellationToken).ConfigureAwait(false);
            ulong time = await chain.LatestTimestampAsync(ctx.CancellationToken).ConfigureAwait(false);
            ctx.Render(
                new JsonObject { ["rpcUrl"] = ctx.Settings.RpcUrl.ToString(), ["chainId"] = chain.ChainId, ["block"] = block, ["timestamp"] = time },
                console => console.WriteLine($"devnet at {ctx.Settings.RpcUrl}: chain id {chain.ChainId}, block {block}, time {Times.Describe(time, time)}"));
        });
        var duration = Opt.Arg("duration", "How far to move the clock: 90s, 10m, 2h, 7d, ...");
        var advance = new Command("advance", "Devnet only: move the node's clock forward and mine a block").With(duration);
        app.Handle(advance, async ctx =>
        {
            if (ctx.Settings.Network.IsPublic)
            {
                throw PlatformException.Refused($"'devnet advance' only works on the devnet, not on {ctx.Settings.Network.Name}");
            }
            ulong seconds = Duration.ParseSeconds(ctx.Get(duration)!);
            using var chain = await ChainConnection.OpenAsync(ctx.Settings.RpcUrl, ctx.Settings.ChainId, null, cancellationToken: ctx.CancellationToken).ConfigureAwait(false);
            ulong before = await chain.LatestTimestampAsync(ctx.CancellationToken).ConfigureAwait(false);
            ulong time = await chain.AdvanceTimeAsync(seconds, ctx.CancellationToken).ConfigureAwait(false);
            ulong block = await chain.Eth.BlockNumberAsync(ctx.CancellationToken).ConfigureAwait(false);
            ctx.Render(new JsonObject { ["advancedSeconds"] = seconds, ["block"] = block, ["timestamp"] = time },
                console => console.WriteLine($"advanced {Duration.Format(seconds)}: block {block} mined at {Times.Date(time)} (the latest block was at {Times.Date(before)})"));
        });
        return new Command("devnet", "The local devnet: up, down, status, advance").With(up, down, status, advance);
    }

    private static async Task RunScript(CommandContext ctx, string verb)
    {
        var (root, packed) = ToolKit.Root(ctx, "scripts/devnet");
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "devnet"), verb])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        start.Environment["DEVNET_PORT"] = ctx.Settings.RpcUrl.Port.ToString(CultureInfo.InvariantCulture);
        if (ctx.Environment.Variable("DEVNET_STATE_DIR") is { } state)
        {
            start.Environment["DEVNET_STATE_DIR"] = state;
        }
        else if (packed)
        {
            // The installed tool's folder is no place for a node's pid and log: they go to the data directory.
            start.Environment["DEVNET_STATE_DIR"] = Path.Combine(ctx.Settings.DataDir, "devnet");
        }
        if (packed)
        {
            start.Environment["DEVNET_PACKED"] = "1";
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        Task<string> output = process.StandardOutput.ReadToEndAsync(ctx.CancellationToken);
        Task<string> error = process.StandardError.ReadToEndAsync(ctx.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ctx.CancellationToken);
        timeout.CancelAfter(s_scriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/devnet {verb} did not finish within {s_scriptTimeout.TotalSeconds:0} s");
        }
        string said = LastLine(await output.ConfigureAwait(false));
        string complained = LastLine(await error.ConfigureAwait(false));
        if (process.ExitCode != 0 && !(verb == "status" && process.ExitCode == 3))
        {
            string why = complained.Length > 0 ? complained : said;
            throw PlatformException.BadInput(why.Length > 0 ? why : $"scripts/devnet {verb} failed with exit code {process.ExitCode}");
        }
        // The script's result is on its standard output; standard error may end with an npm warning from a first install.
        string last = said.Length > 0 ? said : complained;
        ctx.Render(new JsonObject { ["action"] = verb, ["rpcUrl"] = ctx.Settings.RpcUrl.ToString(), ["message"] = last }, console => console.WriteLine(last));
    }

    private static string LastLine(string text) => text.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0) ?? "";
}
