using System.CommandLine;
using System.Numerics;
using System.Text.Json.Nodes;
using DaoPlatform.Assets.Store.Encryption;
using DaoPlatform.Assets.Store.Storage;
using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Registry;
using DaoPlatform.Platform.Units;
using DaoPlatform.Protocol.Moves;
using DaoPlatform.Protocol.Reads;
using DaoPlatform.Evaluation.Identifiers;

namespace DaoPlatform.Cli.Commands;

/// <summary>
/// <c>asset register | transfer | pay-revenue | lineage | next-version</c>: the AI asset registry; <c>asset publish | terms | buy | passes | list | download |
/// withdraw-revenue</c>: its market of access passes and the content service that serves pass holders.
/// </summary>
public static class AssetCommands
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var file = Opt.Arg("file", "The asset's bytes (a DQM1 model, a DQD1 dataset, ...)");
        var kind = Opt.Text("--kind", "model, dataset or code", required: true);
        var metadata = Opt.Text("--metadata-uri", "Where its metadata lives (default ipfs://<cid>/metadata.json)");
        var byModelRoot = Opt.Flag("--by-model-root", "Register a DQM1 model under its model root, not the keccak256 of its bytes: how a large model is known on chain, needed to make it a large-model task's incumbent");
        var register = new Command("register", "Put a model or dataset into the content store and register it by its content hash and CID (an ERC-721 you hold)").With(file, kind, metadata, byModelRoot);
        app.Handle(register, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            string path = ctx.PathOf(ctx.Get(file)!);
            JsonFile.RequireFile(path, "asset");
            string kindText = ctx.Require(kind);
            AssetKind assetKind = Enum.TryParse(kindText, ignoreCase: true, out AssetKind k) && !kindText.All(char.IsAsciiDigit) ? k : throw PlatformException.BadInput($"--kind '{kindText}' is not model, dataset or code");
            byte[] content = await File.ReadAllBytesAsync(path, ctx.CancellationToken).ConfigureAwait(false);
            if (ctx.Get(byModelRoot) && assetKind != AssetKind.Model)
            {
                throw PlatformException.BadInput($"--by-model-root registers a model; --kind is {kindText}");
            }
            var assets = new AssetService(chain, platform);
            var registered = ctx.Get(byModelRoot)
                ? await assets.RegisterModelByRootAsync(content, ctx.OpenContentStore(), ctx.Get(metadata), ctx.CancellationToken).ConfigureAwait(false)
                : await assets.RegisterAsync(assetKind, content, ctx.OpenContentStore(), ctx.Get(metadata), ctx.CancellationToken).ConfigureAwait(false);
            string stored = registered.StoredCid.ToString() == registered.Cid ? "" : $", kept in the content store as {registered.StoredCid}";
            ctx.RenderTransactions(registered.Outcomes, new JsonObject
            {
                ["assetId"] = Output.Number(registered.TokenId),
                ["cid"] = registered.Cid,
                ["storedCid"] = registered.StoredCid.ToString(),
            }, $"registered asset {registered.TokenId} ({assetKind.ToString().ToLowerInvariant()}, CID {registered.Cid}{stored})");
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
        return new Command("asset", "Asset registry and market: register, transfer, pay-revenue, publish, terms, buy, passes, list, download, withdraw-revenue")
            .With(register, transfer, pay, Publish(app, file, kind, metadata), Terms(app, asset), Buy(app, asset), Passes(app), List(app), Lineage(app, asset), AssetNextVersionCommand.Create(app), Download(app, asset), WithdrawRevenue(app));
    }

    private static AssetKind ParseKind(string text) =>
        Enum.TryParse(text, ignoreCase: true, out AssetKind k) && !text.All(char.IsAsciiDigit) ? k : throw PlatformException.BadInput($"--kind '{text}' is not model, dataset or code");

    private static Command Publish(CliApp app, Argument<string> file, Option<string> kind, Option<string> metadata)
    {
        var price = Opt.Text("--price", "The price of one pass in ETH, or with --token in whole tokens (scaled by the token's decimals)", required: true);
        var token = Opt.Text("--token", "An ERC-20 to be paid in instead of ETH");
        var duration = Opt.Text("--duration", "Each pass opens access for this long (e.g. 30d); or --uses");
        var uses = Opt.Text("--uses", "Each pass is good for this many downloads; or --duration");
        var store = Opt.Text("--store", "The content service's folder (AssetContent:Folder) to encrypt the asset into", required: true);
        var nodeKey = Opt.Text("--node-key", "The content service's node key (AssetContent:NodeKey keystore; opened with the account's password)", required: true);
        var consumer = Opt.Text("--consumer", "The content service's account allowed to record uses (default: the node key's account, which the hub's content service records them with)");
        var publish = new Command("publish", "Encrypt an asset into the content service's store, register it, and offer passes to it")
            .With(file, kind, price, token, duration, uses, store, nodeKey, consumer, metadata);
        app.Handle(publish, async ctx =>
        {
            AssetKind assetKind = ParseKind(ctx.Require(kind));
            BigInteger amount = EtherAmount.Parse(ctx.Require(price));
            ulong seconds = ctx.Get(duration) is { } d ? Duration.ParseSeconds(d) : 0;
            ulong count = ctx.Get(uses) is { } u ? (ulong)InputParsing.ParseInteger(u, "--uses") : 0;
            if ((seconds == 0) == (count == 0))
            {
                throw PlatformException.BadInput("give exactly one of --duration and --uses (above zero)");
            }
            string path = ctx.PathOf(ctx.Get(file)!);
            JsonFile.RequireFile(path, "asset");
            string keyPath = ctx.PathOf(ctx.Require(nodeKey));
            JsonFile.RequireFile(keyPath, "node key");
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            Address paymentToken = ctx.Get(token) is { } t ? ctx.AddressOf(t, "--token") : Address.Zero;
            if (paymentToken != Address.Zero)
            {
                // --price is in whole tokens: scaled by the token's own decimals (a 6-decimal token's 5 is 5,000,000 base units).
                TokenInfo info = await new TokenInfoReader(chain.Contracts).ReadAsync(paymentToken, ctx.CancellationToken).ConfigureAwait(false)
                    ?? throw PlatformException.BadInput($"--token {paymentToken} is no ERC-20 that answers symbol() and decimals()");
                amount = TokenAmount.Parse(ctx.Require(price), info, "--price");
            }
            using NodeKey key = OpenNodeKey(await File.ReadAllTextAsync(keyPath, ctx.CancellationToken).ConfigureAwait(false), ctx.Password(), keyPath);
            Address consumerAddress = ctx.Get(consumer) is { } c ? ctx.AddressOf(c, "--consumer") : Address.Parse(key.Id);
            // A dry run encrypts into a scratch folder, removed after: the service's store is not touched.
            string? scratch = ctx.Settings.DryRun ? Directory.CreateTempSubdirectory("daoplatform-publish-dry-run-").FullName : null;
            string folder = scratch ?? ctx.PathOf(ctx.Require(store));
            var encrypted = new EncryptedAssetStore(new LocalFolderStore(Path.Combine(folder, "blocks")), Path.Combine(folder, "manifests"), key);
            PublishedAsset published;
            try
            {
                await using FileStream content = File.OpenRead(path);
                published = await new AccessPassService(chain, platform).PublishAsync(encrypted, content, assetKind, paymentToken, amount, seconds, count,
                    consumerAddress, ctx.Get(metadata), ctx.CancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (scratch is not null)
                {
                    Directory.Delete(scratch, recursive: true);
                }
            }
            ctx.RenderTransactions(published.Outcomes, new JsonObject
            {
                ["assetId"] = Output.Number(published.AssetId),
                ["passId"] = Output.Number(published.PassId),
                ["contentHash"] = published.Manifest.ContentHash,
                ["cid"] = published.Manifest.Cid,
            }, $"published asset {published.AssetId} ({assetKind.ToString().ToLowerInvariant()}, CID {published.Manifest.Cid}); pass {published.PassId} on sale");
        });
        return publish;
    }

    private static NodeKey OpenNodeKey(string json, string password, string path)
    {
        try
        {
            return NodeKey.FromKeystore(json, password);
        }
        catch (Ethereum.Keystore.KeystoreException e)
        {
            throw PlatformException.BadInput($"--node-key {path}: {e.Message}", e);
        }
    }

    private static Command Terms(CliApp app, Argument<string> asset)
    {
        var terms = new Command("terms", "The passes offered for an asset: price, duration or uses, on sale or not").With(asset);
        app.Handle(terms, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: false).ConfigureAwait(false);
            BigInteger id = InputParsing.ParseInteger(ctx.Get(asset)!, "asset id");
            IReadOnlyList<PassOffer> offers = await new AccessPassService(chain, platform).TermsAsync(id, ctx.CancellationToken).ConfigureAwait(false);
            var tokens = await ReadTokensAsync(chain, offers.Select(o => o.Terms), ctx.CancellationToken).ConfigureAwait(false);
            var list = new JsonArray();
            foreach (PassOffer offer in offers)
            {
                list.Add(new JsonObject
                {
                    ["passId"] = Output.Number(offer.PassId),
                    ["paymentToken"] = offer.Terms.PaymentToken.ToString(),
                    ["price"] = Output.Number(offer.Terms.Price),
                    ["duration"] = offer.Terms.Duration,
                    ["uses"] = offer.Terms.Uses,
                    ["onSale"] = offer.Terms.OnSale,
                });
            }
            ctx.Render(new JsonObject { ["assetId"] = Output.Number(id), ["terms"] = list }, console =>
            {
                if (offers.Count == 0)
                {
                    console.WriteLine($"asset {id} has no passes offered");
                }
                foreach (PassOffer offer in offers)
                {
                    console.WriteLine($"pass {offer.PassId}: {Describe(offer.Terms, tokens)}{(offer.Terms.OnSale ? "" : " (not on sale)")}");
                }
            });
        });
        return terms;
    }

    /// <summary>The terms' price (ETH, or the payment token in its symbol and decimals) and what a pass opens.</summary>
    private static string Describe(AccessPasses.Terms terms, IReadOnlyDictionary<Address, TokenInfo?> tokens) =>
        Amounts.Of(terms.Price, terms.PaymentToken, tokens.GetValueOrDefault(terms.PaymentToken))
        + (terms.Duration != 0 ? $", access for {Duration.Format(terms.Duration)}" : $", {terms.Uses} download{(terms.Uses == 1 ? "" : "s")}");

    /// <summary>The symbol and decimals of each ERC-20 the terms are priced in (read once per token).</summary>
    private static async Task<IReadOnlyDictionary<Address, TokenInfo?>> ReadTokensAsync(ChainConnection chain, IEnumerable<AccessPasses.Terms> terms, CancellationToken cancellationToken)
    {
        var reader = new TokenInfoReader(chain.Contracts);
        var tokens = new Dictionary<Address, TokenInfo?>();
        foreach (Address token in terms.Select(t => t.PaymentToken).Where(t => t != Address.Zero).Distinct())
        {
            tokens[token] = await reader.ReadAsync(token, cancellationToken).ConfigureAwait(false);
        }
        return tokens;
    }

    private static Command Buy(CliApp app, Argument<string> asset)
    {
        var pass = Opt.Text("--terms", "The pass id to buy (default: the newest terms on sale)");
        var quantity = Opt.Text("--quantity", "How many passes (default 1)");
        var buy = new Command("buy", "Buy a pass to an asset, paying into the asset's revenue").With(asset, pass, quantity);
        app.Handle(buy, async ctx =>
        {
            BigInteger id = InputParsing.ParseInteger(ctx.Get(asset)!, "asset id");
            BigInteger? passId = ctx.Get(pass) is { } p ? InputParsing.ParseInteger(p, "--terms") : null;
            BigInteger count = ctx.Get(quantity) is { } q ? InputParsing.ParseInteger(q, "--quantity") : BigInteger.One;
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            var (bought, outcomes) = await new AccessPassService(chain, platform).BuyAsync(id, passId, count, ctx.CancellationToken).ConfigureAwait(false);
            ctx.RenderTransactions(outcomes, new JsonObject { ["assetId"] = Output.Number(id), ["passId"] = Output.Number(bought), ["quantity"] = Output.Number(count) },
                $"bought {count} pass{(count.IsOne ? "" : "es")} {bought} to asset {id}");
        });
        return buy;
    }

    private static Command Passes(CliApp app)
    {
        var of = Opt.Text("--of", "The holder (default: your account)");
        var passes = new Command("passes", "The passes an account holds, with units left and open access").With(of);
        app.Handle(passes, async ctx =>
        {
            bool own = ctx.Get(of) is null;
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: own).ConfigureAwait(false);
            Address holder = own ? chain.RequireAccount("list your passes") : ctx.AddressOf(ctx.Get(of)!, "--of");
            IReadOnlyList<HeldPass> held = await new AccessPassService(chain, platform).PassesAsync(holder, ctx.CancellationToken).ConfigureAwait(false);
            var tokens = await ReadTokensAsync(chain, held.Select(h => h.Terms), ctx.CancellationToken).ConfigureAwait(false);
            var list = new JsonArray();
            foreach (HeldPass h in held)
            {
                list.Add(new JsonObject
                {
                    ["passId"] = Output.Number(h.PassId),
                    ["assetId"] = Output.Number(h.Terms.AssetId),
                    ["units"] = Output.Number(h.Units),
                    ["accessUntil"] = h.AccessUntil?.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
                });
            }
            ctx.Render(new JsonObject { ["holder"] = holder.ToString(), ["passes"] = list }, console =>
            {
                if (held.Count == 0)
                {
                    console.WriteLine($"{holder} holds no passes");
                }
                foreach (HeldPass h in held)
                {
                    console.WriteLine($"pass {h.PassId} to asset {h.Terms.AssetId}: {h.Units} unit{(h.Units.IsOne ? "" : "s")} ({Describe(h.Terms, tokens)})"
                        + (h.AccessUntil is { } until ? $", access open until {until:u}" : ""));
                }
            });
        });
        return passes;
    }

    private static Command List(CliApp app)
    {
        var list = new Command("list", "Every registered asset: kind, CID, author, owner, ETH revenue paid for it");
        app.Handle(list, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: false).ConfigureAwait(false);
            IReadOnlyList<ListedAsset> assets = await new AccessPassService(chain, platform).ListAsync(ctx.CancellationToken).ConfigureAwait(false);
            var rows = new JsonArray();
            foreach (ListedAsset a in assets)
            {
                rows.Add(new JsonObject
                {
                    ["assetId"] = Output.Number(a.AssetId),
                    ["kind"] = a.Kind.ToString().ToLowerInvariant(),
                    ["cid"] = a.Cid,
                    ["author"] = a.Author.ToString(),
                    ["owner"] = a.Owner.ToString(),
                    ["revenue"] = Output.Number(a.Revenue),
                });
            }
            ctx.Render(new JsonObject { ["assets"] = rows }, console =>
            {
                if (assets.Count == 0)
                {
                    console.WriteLine("no asset is registered");
                }
                foreach (ListedAsset a in assets)
                {
                    console.WriteLine($"asset {a.AssetId} ({a.Kind.ToString().ToLowerInvariant()}, CID {a.Cid}): by {a.Author}, owned by {a.Owner}, {EtherAmount.Format(a.Revenue)} ETH revenue");
                }
            });
        });
        return list;
    }

    private static Command Lineage(CliApp app, Argument<string> asset)
    {
        var lineage = new Command("lineage", "A model's versions back to its original: each won task and its score (docs/training-tasks.md §9)").With(asset);
        app.Handle(lineage, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: false).ConfigureAwait(false);
            BigInteger id = InputParsing.ParseInteger(ctx.Get(asset)!, "asset id");
            IReadOnlyList<AssetVersion> versions = await new TaskAssetService(chain, platform).LineageAsync(id, ctx.CancellationToken).ConfigureAwait(false);
            var rows = new JsonArray();
            foreach (AssetVersion v in versions)
            {
                rows.Add(new JsonObject
                {
                    ["assetId"] = Output.Number(v.TokenId), ["previous"] = Output.Number(v.Previous),
                    ["taskId"] = Output.Number(v.TaskId), ["score"] = Output.Number(v.Score), ["original"] = v.IsOriginal,
                });
            }
            ctx.Render(new JsonObject { ["assetId"] = Output.Number(id), ["versions"] = rows },
                console => console.WriteLine(AssetLineage.Describe(versions)));
        });
        return lineage;
    }

    private static Command Download(CliApp app, Argument<string> asset)
    {
        var from = Opt.Text("--from", "The content service's URL (e.g. http://127.0.0.1:5080/)", required: true);
        var output = Opt.Text("--out", "The file to write (a partial FILE.part is resumed)", required: true);
        var pass = Opt.Text("--pass", "The pass to download with (default: one you hold for the asset)");
        var download = new Command("download", "Sign in to a content service with your account (EIP-4361) and download an asset you hold a pass for")
            .With(asset, from, output, pass);
        app.Handle(download, async ctx =>
        {
            BigInteger id = InputParsing.ParseInteger(ctx.Get(asset)!, "asset id");
            string url = ctx.Require(from);
            if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out Uri? service) || (service.Scheme != Uri.UriSchemeHttp && service.Scheme != Uri.UriSchemeHttps))
            {
                throw PlatformException.BadInput($"--from '{url}' is not an http(s) URL");
            }
            BigInteger? passId = ctx.Get(pass) is { } p ? InputParsing.ParseInteger(p, "--pass") : null;
            string path = ctx.PathOf(ctx.Require(output));
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            await new AssetService(chain, platform).RequireAssetAsync(id, ctx.CancellationToken).ConfigureAwait(false);
            byte[] contentHash = (await platform.Registry.AssetOfAsync(id, cancellationToken: ctx.CancellationToken).ConfigureAwait(false)).ContentHash;
            var passes = new AccessPassService(chain, platform);
            if (passId is null)
            {
                HeldPass held = (await passes.PassesAsync(chain.RequireAccount("download"), ctx.CancellationToken).ConfigureAwait(false))
                    .FirstOrDefault(h => h.Terms.AssetId == id)
                    ?? throw PlatformException.Refused($"{chain.RequireAccount("download")} holds no pass to asset {id}: buy one with 'asset buy {id}'");
                passId = held.PassId;
            }
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var client = new ContentClient(http, service);
            string token = await client.SignInAsync(chain.RequireKey("sign in"), chain.ChainId, ctx.CancellationToken).ConfigureAwait(false);
            long received = await client.DownloadAsync(token, id, passId.Value, path, contentHash, ctx.CancellationToken).ConfigureAwait(false);
            ctx.Render(new JsonObject { ["assetId"] = Output.Number(id), ["passId"] = Output.Number(passId.Value), ["file"] = path, ["received"] = received, ["contentHash"] = HexConvert.Encode(contentHash) },
                console => console.WriteLine($"downloaded asset {id} to {path} ({received} bytes received, content hash verified)"));
        });
        return download;
    }

    private static Command WithdrawRevenue(CliApp app)
    {
        var withdraw = new Command("withdraw-revenue", "Withdraw the ETH revenue your assets earned (pass sales, payments)");
        app.Handle(withdraw, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            var (amount, outcome) = await new AccessPassService(chain, platform).WithdrawRevenueAsync(ctx.CancellationToken).ConfigureAwait(false);
            ctx.RenderTransactions(outcome is null ? [] : [outcome], new JsonObject { ["amount"] = Output.Number(amount) },
                outcome is null ? "no revenue to withdraw" : $"withdrew {EtherAmount.Format(amount)} ETH of asset revenue");
        });
        return withdraw;
    }
}
