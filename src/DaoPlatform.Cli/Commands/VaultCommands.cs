using System.CommandLine;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Custody;
using DaoPlatform.Platform.Units;
using Spectre.Console;

namespace DaoPlatform.Cli.Commands;

/// <summary><c>vault</c>: the task committee's multisig: propose a transaction to a file, sign (EIP-712), collect, execute, owners.</summary>
public static class VaultCommands
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new Command("vault", "The multisig vault: propose, sign, collect, execute, queue, owners").With(Propose(app), Sign(app), Collect(app), Execute(app), Queue(app), Owners(app));
    }

    /// <summary>Writes <paramref name="transactions"/> to files and renders them (shared by the commands that prepare vault transactions).</summary>
    internal static async Task WriteProposalsAsync(CommandContext ctx, IReadOnlyList<(string Path, VaultTransactionFile Transaction)> transactions, JsonObject fields)
    {
        foreach ((string path, _) in transactions)
        {
            JsonFile.CheckNew(path, "vault transaction");
        }
        foreach ((string path, VaultTransactionFile tx) in transactions)
        {
            await JsonFile.WriteNewAsync(path, tx.ToJson(), "vault transaction", ctx.CancellationToken).ConfigureAwait(false);
        }
        fields["vaultTransactions"] = new JsonArray([.. transactions.Select(t => (JsonNode)new JsonObject { ["file"] = t.Path, ["nonce"] = Output.Number(t.Transaction.Nonce), ["summary"] = t.Transaction.Description, ["note"] = t.Transaction.Summary })]);
        ctx.Render(fields, console =>
        {
            foreach ((string path, VaultTransactionFile tx) in transactions)
            {
                console.WriteLine($"{tx.Description} written to {path}: owners sign it with 'daoplatform vault sign {path}'");
            }
        });
    }

    private static Command Propose(CliApp app)
    {
        var to = Opt.Text("--to", "What the vault calls or pays", required: true);
        var value = Opt.Text("--value", "ETH the vault sends (default 0)");
        var data = Opt.Text("--data", "Calldata (0x-hex; default empty)");
        var summary = Opt.Text("--summary", "What it does, in words, for the signers");
        var output = Opt.Text("--out", "Where to write the transaction file", required: true);
        var command = new Command("propose", "Write a vault transaction (at the vault's next nonce) to a file for the owners to sign").With(to, value, data, summary, output);
        app.Handle(command, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: false).ConfigureAwait(false);
            var target = ctx.AddressOf(ctx.Require(to), "--to");
            var amount = ctx.Get(value) is { } v ? EtherAmount.Parse(v) : 0;
            byte[] calldata = ctx.Get(data) is { } d ? InputParsing.ParseHex(d, "--data") : [];
            var tx = await new VaultService(chain, platform).ProposeAsync(target, amount, calldata, ctx.Get(summary) ?? $"call {target}", cancellationToken: ctx.CancellationToken).ConfigureAwait(false);
            await WriteProposalsAsync(ctx, [(ctx.PathOf(ctx.Require(output)), tx)], []).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Sign(CliApp app)
    {
        var files = new Argument<string[]>("files") { Description = "Vault transaction files; your approval is added to each", Arity = ArgumentArity.OneOrMore };
        var command = new Command("sign", "Approve vault transactions with your key (EIP-712 VaultTransaction), written back into their files").With(files);
        app.Handle(command, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            var vault = new VaultService(chain, platform);
            var tokens = new TokenInfoReader(chain.Contracts);
            var signed = new JsonArray();
            foreach (string file in ctx.Get(files)!)
            {
                string path = ctx.PathOf(file);
                // Loading refuses a file whose summary or note disagrees with its call; approvals already in it must
                // recover to their owners against this very transaction, or the file changed after they were made.
                var proposed = await VaultTransactionFile.LoadAsync(path, ctx.CancellationToken).ConfigureAwait(false);
                proposed.CheckApprovals(path);
                var token = await tokens.ForCallAsync(proposed.To, proposed.Data, ctx.CancellationToken).ConfigureAwait(false);
                var call = Signing.CallDecoder.Describe(proposed.Data, new Dictionary<Ethereum.Primitives.Address, string>(), token);
                var detail = new List<string>
                {
                    $"what              {Protocol.Moves.CallDescriptions.Describe("the vault", proposed.To, proposed.Value, proposed.Data, token)}",
                    $"to                {proposed.To}",
                    $"value             {EtherAmount.Format(proposed.Value)} ETH",
                    $"vault nonce       {proposed.Nonce}",
                };
                detail.AddRange(call.Lines.Select(l => l.StartsWith("call ", StringComparison.Ordinal) ? "call              " + l[5..].TrimStart() : "  " + l));
                if (proposed.Summary.Length > 0)
                {
                    detail.Add($"note              \"{proposed.Summary}\" (the proposer's words)");
                }
                detail.Add($"approvals so far  {proposed.Approvals.Count} (each recovered against the digest: {string.Join(", ", proposed.Approvals.Select(a => a.Owner.ToString()))})");
                JsonObject shown = Signing.TypedDataDisplay.Show(ctx, proposed.Approval(), detail, new JsonObject
                {
                    ["to"] = proposed.To.ToString(), ["value"] = Output.Number(proposed.Value), ["nonce"] = Output.Number(proposed.Nonce), ["call"] = call.Json?.DeepClone(),
                });
                var tx = await vault.SignAsync(proposed, ctx.CancellationToken).ConfigureAwait(false);
                await JsonFile.WriteAsync(path, tx.ToJson(), ctx.CancellationToken).ConfigureAwait(false);
                signed.Add(new JsonObject
                {
                    ["file"] = path, ["approvals"] = tx.Approvals.Count, ["summary"] = tx.Description,
                    ["domainSeparator"] = shown["domainSeparator"]!.DeepClone(), ["structHash"] = shown["structHash"]!.DeepClone(), ["digest"] = shown["digest"]!.DeepClone(),
                });
            }
            ctx.Render(new JsonObject { ["signer"] = chain.Key!.Address.ToString(), ["files"] = signed },
                console => console.WriteLine($"{chain.Key!.Address} approved {signed.Count} vault transaction(s): {string.Join("; ", signed.Select(f => f!["summary"]!.GetValue<string>()))}"));
        });
        return command;
    }

    private static Command Collect(CliApp app)
    {
        var files = new Argument<string[]>("files") { Description = "Copies of one vault transaction, each with some approvals", Arity = ArgumentArity.OneOrMore };
        var output = Opt.Text("--out", "Where to write the merged file", required: true);
        var command = new Command("collect", "Merge the approvals of several copies of one vault transaction").With(files, output);
        app.Handle(command, async ctx =>
        {
            var loaded = new List<VaultTransactionFile>();
            foreach (string file in ctx.Get(files)!)
            {
                loaded.Add(await VaultTransactionFile.LoadAsync(ctx.PathOf(file), ctx.CancellationToken).ConfigureAwait(false));
            }
            var merged = VaultService.Collect(loaded);
            string path = ctx.PathOf(ctx.Require(output));
            await JsonFile.WriteAsync(path, merged.ToJson(), ctx.CancellationToken).ConfigureAwait(false);
            ctx.Render(new JsonObject { ["file"] = path, ["approvals"] = merged.Approvals.Count },
                console => console.WriteLine($"{merged.Approvals.Count} approvals collected into {path}"));
        });
        return command;
    }

    private static Command Execute(CliApp app)
    {
        var files = new Argument<string[]>("files") { Description = "Approved vault transaction files, executed in the order given", Arity = ArgumentArity.OneOrMore };
        var command = new Command("execute", "Execute approved vault transactions (anyone may submit them)").With(files);
        app.Handle(command, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            var vault = new VaultService(chain, platform);
            var outcomes = new List<TransactionOutcome>();
            var created = new JsonArray();
            foreach (string file in ctx.Get(files)!)
            {
                var tx = await VaultTransactionFile.LoadAsync(ctx.PathOf(file), ctx.CancellationToken).ConfigureAwait(false);
                var outcome = await vault.ExecuteAsync(tx, ctx.CancellationToken).ConfigureAwait(false);
                outcomes.Add(outcome with { Step = $"MultisigVault.execute ({tx.Description})" });
                // A vault transaction that created a training task: report its id, the submitter's next steps need it.
                foreach (var e in platform.Tasks.DecodeTaskCreatedEvents(outcome.Receipt))
                {
                    created.Add(Output.Number(e.TaskId));
                }
            }
            ctx.RenderTransactions(outcomes, new JsonObject { ["createdTasks"] = created },
                $"executed {outcomes.Count} vault transaction(s)" + (created.Count > 0 ? $"; created task {string.Join(", ", created)}" : ""));
        });
        return command;
    }

    private static Command Queue(CliApp app)
    {
        var paths = new Argument<string[]>("paths") { Description = "Vault transaction files, or folders of them (default: the working directory)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("queue", "Pending vault transactions by nonce: approvals (x of y, in the files and on chain), what needs your signature (--account), what is ready to execute").With(paths);
        app.Handle(command, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: false).ConfigureAwait(false);
            string[] given = ctx.Get(paths) is { Length: > 0 } p ? p : ["."];
            // Whose signature is asked for: the configured account, by name or address, without unlocking it.
            Ethereum.Primitives.Address? you = ctx.Settings.Account is { } account ? ctx.AddressOf(account, "--account") : null;
            VaultQueueView view = await new VaultQueue(chain, platform).ReadAsync([.. given.Select(ctx.PathOf)], ctx.CancellationToken).ConfigureAwait(false);
            bool youOwn = you is { } y && view.Vault.Owners.Contains(y);
            var tokens = new TokenInfoReader(chain.Contracts);
            var rows = new JsonArray();
            var text = new List<string>
            {
                $"vault {view.Vault.Vault}: {view.Vault.Threshold}-of-{view.Vault.Owners.Count}, next nonce {view.Vault.Nonce}, balance {EtherAmount.Format(view.Vault.Balance)} ETH"
                    + (you is null ? "" : youOwn ? $"; you are owner {you}" : $"; {you} is not an owner"),
            };
            foreach (PendingVaultTransaction pending in view.Pending)
            {
                var t = pending.Transaction;
                var token = await tokens.ForCallAsync(t.To, t.Data, ctx.CancellationToken).ConfigureAwait(false);
                string what = $"vault nonce {t.Nonce}: {Protocol.Moves.CallDescriptions.Describe("the vault", t.To, t.Value, t.Data, token)}";
                bool needsYou = youOwn && !pending.Approvers.Contains(you!.Value) && !pending.ReadyToExecute;
                string state = pending.ReadyToExecute ? "ready to execute"
                    : pending.Approvers.Count >= pending.Threshold ? $"approved, waits for nonce {view.Vault.Nonce} to be spent first"
                    : needsYou ? "needs your signature" : "needs approvals";
                rows.Add(new JsonObject
                {
                    ["file"] = pending.Path, ["nonce"] = Output.Number(pending.Transaction.Nonce), ["summary"] = what,
                    ["note"] = pending.Transaction.Summary, ["to"] = pending.Transaction.To.ToString(), ["value"] = Output.Number(pending.Transaction.Value),
                    ["digest"] = Ethereum.Hex.HexConvert.Encode(pending.Digest), ["approvals"] = pending.Approvers.Count, ["threshold"] = Output.Number(pending.Threshold),
                    ["approvers"] = new JsonArray([.. pending.Approvers.Select(a => (JsonNode)a.ToString())]),
                    ["readyToExecute"] = pending.ReadyToExecute, ["needsYourSignature"] = needsYou, ["state"] = state,
                });
                text.Add($"  nonce {pending.Transaction.Nonce}  {pending.Approvers.Count} of {pending.Threshold}  {state}: {what} ({pending.Path})");
            }
            if (view.Pending.Count == 0)
            {
                text.Add("  no pending vault transaction in the files given");
            }
            foreach (SkippedVaultFile skipped in view.Skipped)
            {
                text.Add($"  left out {skipped.Path}: {skipped.Reason}");
            }
            foreach (OrphanApproval orphan in view.OrphanApprovals)
            {
                text.Add($"  approved on chain with no file given: hash {Ethereum.Hex.HexConvert.Encode(orphan.Hash)} by {string.Join(", ", orphan.Owners)}");
            }
            ctx.Render(new JsonObject
            {
                ["vault"] = view.Vault.Vault.ToString(), ["threshold"] = Output.Number(view.Vault.Threshold), ["owners"] = view.Vault.Owners.Count,
                ["nonce"] = Output.Number(view.Vault.Nonce), ["account"] = you?.ToString(), ["accountIsOwner"] = youOwn, ["pending"] = rows,
                ["skipped"] = new JsonArray([.. view.Skipped.Select(f => (JsonNode)new JsonObject { ["file"] = f.Path, ["reason"] = f.Reason })]),
                ["approvedOnChainWithoutFile"] = new JsonArray([.. view.OrphanApprovals.Select(o => (JsonNode)new JsonObject
                {
                    ["hash"] = Ethereum.Hex.HexConvert.Encode(o.Hash), ["owners"] = new JsonArray([.. o.Owners.Select(a => (JsonNode)a.ToString())]),
                })]),
            }, console =>
            {
                foreach (string line in text)
                {
                    console.WriteLine(line);
                }
            });
        });
        return command;
    }

    private static Command Owners(CliApp app)
    {
        var command = new Command("owners", "The vault's owners, threshold, next nonce and balance");
        app.Handle(command, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: false).ConfigureAwait(false);
            VaultOwners o = await new VaultService(chain, platform).OwnersAsync(ctx.CancellationToken).ConfigureAwait(false);
            ctx.Render(new JsonObject
            {
                ["vault"] = o.Vault.ToString(),
                ["owners"] = new JsonArray([.. o.Owners.Select(a => (JsonNode)a.ToString())]),
                ["threshold"] = Output.Number(o.Threshold),
                ["nonce"] = Output.Number(o.Nonce),
                ["balance"] = Output.Number(o.Balance),
            }, console =>
            {
                console.WriteLine($"vault {o.Vault}: {o.Threshold}-of-{o.Owners.Count}, next nonce {o.Nonce}, balance {EtherAmount.Format(o.Balance)} ETH");
                foreach (var owner in o.Owners)
                {
                    console.WriteLine($"  owner {owner}");
                }
            });
        });
        return command;
    }
}
