using System.CommandLine;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Registry;
using DaoPlatform.Platform.Units;
using DaoPlatform.Evaluation.Identifiers;

namespace DaoPlatform.Cli.Commands;

/// <summary><c>asset register | transfer | pay-revenue</c>: the AI asset registry.</summary>
public static class AssetCommands
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var file = Opt.Arg("file", "The asset's bytes (a DQM1 model, a DQD1 dataset, ...)");
        var kind = Opt.Text("--kind", "model, dataset or code", required: true);
        var metadata = Opt.Text("--metadata-uri", "Where its metadata lives (default ipfs://<cid>/metadata.json)");
        var register = new Command("register", "Register a model or dataset by its content hash and CID (an ERC-721 you hold)").With(file, kind, metadata);
        app.Handle(register, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            string path = ctx.PathOf(ctx.Get(file)!);
            JsonFile.RequireFile(path, "asset");
            string kindText = ctx.Require(kind);
            AssetKind assetKind = Enum.TryParse(kindText, ignoreCase: true, out AssetKind k) && !kindText.All(char.IsAsciiDigit) ? k : throw PlatformException.BadInput($"--kind '{kindText}' is not model, dataset or code");
            byte[] content = await File.ReadAllBytesAsync(path, ctx.CancellationToken).ConfigureAwait(false);
            string cid = ContentId.Of(content);
            var (id, outcomes) = await new AssetService(chain, platform).RegisterAsync(assetKind, content, cid, ctx.Get(metadata) ?? $"ipfs://{cid}/metadata.json", ctx.CancellationToken).ConfigureAwait(false);
            ctx.RenderTransactions(outcomes, new JsonObject { ["assetId"] = Output.Number(id), ["cid"] = cid }, $"registered asset {id} ({assetKind.ToString().ToLowerInvariant()}, CID {cid})");
        });

        var asset = Opt.Arg("asset-id", "The asset's token id");
        var to = Opt.Text("--to", "The new holder (the vault: 'vault')", required: true);
        var transfer = new Command("transfer", "Move an asset you hold (e.g. into the DAO's vault: --to vault)").With(asset, to);
        app.Handle(transfer, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            var id = InputParsing.ParseInteger(ctx.Get(asset)!, "asset id");
            string toText = ctx.Require(to);
            var recipient = ctx.AddressOf(toText, "--to");
            var outcome = await new AssetService(chain, platform).TransferAsync(id, recipient, ctx.CancellationToken).ConfigureAwait(false);
            ctx.RenderTransactions([outcome], new JsonObject { ["assetId"] = Output.Number(id), ["holder"] = recipient.ToString() }, $"asset {id} now belongs to {recipient}");
        });

        var amount = Opt.Text("--amount", "ETH to pay", required: true);
        var pay = new Command("pay-revenue", "Pay ETH revenue to an asset's holder").With(asset, amount);
        app.Handle(pay, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            var id = InputParsing.ParseInteger(ctx.Get(asset)!, "asset id");
            var value = EtherAmount.Parse(ctx.Require(amount));
            var outcome = await new AssetService(chain, platform).PayRevenueAsync(id, value, ctx.CancellationToken).ConfigureAwait(false);
            ctx.RenderTransactions([outcome], new JsonObject { ["assetId"] = Output.Number(id), ["amount"] = Output.Number(value) }, $"paid {EtherAmount.Format(value)} ETH revenue to asset {id}");
        });
        return new Command("asset", "Asset registry: register, transfer, pay-revenue").With(register, transfer, pay);
    }
}
