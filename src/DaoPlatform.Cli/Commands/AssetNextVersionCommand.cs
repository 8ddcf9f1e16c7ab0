using System.CommandLine;
using System.Numerics;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Registry;
using DaoPlatform.Protocol.Reads;

namespace DaoPlatform.Cli.Commands;

/// <summary>
/// <c>asset next-version TASK [--model FILE]</c>: registers the winner of a task that beat its incumbent model as the
/// incumbent's next version (docs/training-tasks.md §9), by the move the hub sends too: a small winner by its bytes
/// (revealed on chain, or the file given, checked against the hash the registry waits for), a large one by the
/// commitment its <c>ModelCommitted</c> log carries (the incumbent's owner or manager only). Prints the new token and
/// its lineage.
/// </summary>
public static class AssetNextVersionCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var task = Opt.Arg("task-id", "The task whose winner beat its incumbent model");
        var model = Opt.Text("--model", "The winner's file, when its bytes are not on chain (checked against the hash the registry waits for)");
        var command = new Command("next-version", "Register the winner of a task as the next version of its incumbent model, with its lineage (docs/training-tasks.md §9)")
            .With(task, model);
        app.Handle(command, async ctx =>
        {
            BigInteger id = TaskCommands.TaskId(ctx, task);
            if (id > ulong.MaxValue)
            {
                throw PlatformException.NotFound($"task {id} does not exist");
            }
            byte[]? file = null;
            if (ctx.Get(model) is { } given)
            {
                string path = ctx.PathOf(given);
                JsonFile.RequireFile(path, "model");
                file = await File.ReadAllBytesAsync(path, ctx.CancellationToken).ConfigureAwait(false);
            }
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            var service = new TaskAssetService(chain, platform);
            PendingNextVersion pending = await service.NextVersionAsync((ulong)id, file, ctx.CancellationToken).ConfigureAwait(false);
            if (pending.State == NextVersionState.Unavailable)
            {
                throw file is null ? PlatformException.Refused(pending.Reason) : PlatformException.BadInput(pending.Reason);
            }
            var (version, outcome) = await service.RegisterNextVersionAsync(pending, ctx.CancellationToken).ConfigureAwait(false);
            IReadOnlyList<AssetVersion> lineage = await service.LineageAsync(version, ctx.CancellationToken).ConfigureAwait(false);
            ctx.RenderTransactions([outcome], new JsonObject
            {
                ["taskId"] = Output.Number(id),
                ["assetId"] = Output.Number(version),
                ["previous"] = Output.Number(pending.Incumbent),
                ["score"] = Output.Number(pending.Score),
                ["contentHash"] = HexConvert.Encode(pending.WinnerHash),
                ["largeModels"] = pending.LargeModels,
                ["lineage"] = AssetLineage.Describe(lineage),
            }, $"registered the winner of task {id} as asset {version}, the next version of asset {pending.Incumbent}: {AssetLineage.Describe(lineage)}");
        });
        return command;
    }
}
