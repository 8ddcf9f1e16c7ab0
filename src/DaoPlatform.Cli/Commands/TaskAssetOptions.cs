using System.Numerics;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Custody;
using DaoPlatform.Platform.Registry;
using DaoPlatform.Platform.Training;
using DaoPlatform.Platform.Units;
using DaoPlatform.Protocol.Content;
using DaoPlatform.Evaluation.Formats;

namespace DaoPlatform.Cli.Commands;

/// <summary>
/// <c>task create --incumbent ID (--incumbent-model FILE | --incumbent-cid CID) --test-set-asset ID</c>: a task on registered
/// assets (docs/training-tasks.md §9), kept apart from the plain creation so that its options stay one call in <see cref="TaskCommands"/>.
/// </summary>
internal static class TaskAssetOptions
{
    /// <summary>
    /// The assets a task names: an incumbent with what enters the task (its bytes, or in a large-model task its commitment,
    /// <paramref name="Large"/> non-null), a test-set dataset (zero: none).
    /// </summary>
    internal sealed record NamedAssets(BigInteger Incumbent, byte[] IncumbentModel, BigInteger TestSetAsset, LargeIncumbent? Large = null);

    /// <summary>
    /// The named assets, or null when the options name none. The incumbent's bytes come from a file or the content store
    /// by CID; in a large-model task (<paramref name="large"/>) a file is put into the store, and the commitment (rows
    /// root, header, the store's CID) enters the task instead of the bytes (§9.3).
    /// </summary>
    /// <exception cref="PlatformException">An id is not a number, --incumbent comes without exactly one of --incumbent-model
    /// and --incumbent-cid (or they without it), or the bytes are no model.</exception>
    internal static async Task<NamedAssets?> ReadAsync(
        CommandContext ctx, string? incumbent, string? incumbentModel, string? incumbentCid, string? testSetAsset, bool large)
    {
        if (incumbent is null && incumbentModel is null && incumbentCid is null && testSetAsset is null)
        {
            return null;
        }
        if ((incumbent is null) != (incumbentModel is null && incumbentCid is null) || (incumbentModel is not null && incumbentCid is not null))
        {
            throw PlatformException.BadInput("--incumbent goes with exactly one of --incumbent-model FILE and --incumbent-cid CID: the incumbent's bytes enter the task with it");
        }
        BigInteger incumbentId = incumbent is null ? BigInteger.Zero : PositiveId(incumbent, "--incumbent");
        BigInteger testSetId = testSetAsset is null ? BigInteger.Zero : PositiveId(testSetAsset, "--test-set-asset");
        if (incumbentCid is not null)
        {
            if (!Cid.TryParse(incumbentCid.Trim(), out Cid? cid, out string? error))
            {
                throw PlatformException.BadInput($"--incumbent-cid {incumbentCid}: {error}");
            }
            LargeIncumbent fetched = await LargeIncumbent.FetchAsync(cid, ctx.OpenContentStore(), ctx.CancellationToken).ConfigureAwait(false);
            return large
                ? new NamedAssets(incumbentId, fetched.Encode(), testSetId, fetched)
                : new NamedAssets(incumbentId, Dqm1.Write(fetched.Commitment.Model), testSetId);
        }
        byte[] model = [];
        if (incumbentModel is not null)
        {
            (model, _) = await ModelFiles.ReadModelAsync(ctx.PathOf(incumbentModel), ctx.CancellationToken).ConfigureAwait(false);
            if (large)
            {
                LargeIncumbent stored = await LargeIncumbent.PutAsync(model, ctx.OpenContentStore(), ctx.CancellationToken).ConfigureAwait(false);
                return new NamedAssets(incumbentId, stored.Encode(), testSetId, stored);
            }
        }
        return new NamedAssets(incumbentId, model, testSetId);
    }

    /// <summary>Creates the task (or writes the vault transaction that does) and renders the outcome.</summary>
    internal static async Task CreateAsync(
        CommandContext ctx, ChainConnection chain, PlatformContracts platform, TrainingTasks.TaskConfig config, NamedAssets assets,
        string? proposalPath, JsonObject fields, string deadlines)
    {
        var service = new TaskAssetService(chain, platform);
        await service.CheckAsync(config, assets.Incumbent, assets.IncumbentModel, assets.TestSetAsset, ctx.CancellationToken).ConfigureAwait(false);
        fields["incumbentAsset"] = Output.Number(assets.Incumbent);
        fields["testSetAsset"] = Output.Number(assets.TestSetAsset);
        if (assets.Large is { } large)
        {
            // What the transaction carries instead of the bytes, shown before it is signed.
            fields["incumbentModelRoot"] = Ethereum.Hex.HexConvert.Encode(large.Commitment.ModelRoot);
            fields["incumbentRowsRoot"] = Ethereum.Hex.HexConvert.Encode(large.Commitment.RowsRoot);
            fields["incumbentChunks"] = large.ChunkCount;
            fields["incumbentCid"] = large.StoredCid.ToString();
            ctx.ProgressLines().Report($"incumbent entered by its commitment, not its bytes: {large}");
        }
        string named = (assets.Incumbent.IsZero ? "" : $"incumbent model asset {assets.Incumbent}") +
            (assets.Incumbent.IsZero || assets.TestSetAsset.IsZero ? "" : ", ") +
            (assets.TestSetAsset.IsZero ? "" : $"test set of dataset asset {assets.TestSetAsset}");
        if (proposalPath is not null)
        {
            // The vault creates the task: it must own (or be approved for) the named assets.
            var tx = await new VaultService(chain, platform).ProposeAsync(platform.Tasks.Address, config.Reward,
                TrainingTasks.EncodeCreateTaskWithAssetsCall(config, assets.Incumbent, assets.IncumbentModel, assets.TestSetAsset),
                $"createTaskWithAssets: {named}, reward {EtherAmount.Format(config.Reward)} ETH", cancellationToken: ctx.CancellationToken).ConfigureAwait(false);
            await VaultCommands.WriteProposalsAsync(ctx, [(ctx.PathOf(proposalPath), tx)], fields).ConfigureAwait(false);
            return;
        }
        var (taskId, outcome) = await service.CreateAsync(config, assets.Incumbent, assets.IncumbentModel, assets.TestSetAsset, ctx.CancellationToken).ConfigureAwait(false);
        fields["taskId"] = Output.Number(taskId);
        ctx.RenderTransactions([outcome], fields, $"task {taskId}: reward {EtherAmount.Format(config.Reward)} ETH, {named}; {deadlines}");
    }

    private static BigInteger PositiveId(string text, string option)
    {
        BigInteger id = InputParsing.ParseInteger(text, option);
        return id > 0 ? id : throw PlatformException.BadInput($"{option} {text} is not an asset id (ids start at 1)");
    }
}
