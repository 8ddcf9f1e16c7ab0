using System.CommandLine;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Platform;
using Spectre.Console;

namespace DaoPlatform.Cli.Commands;

/// <summary><c>account create | import | list</c>: keystores in the data directory.</summary>
public static class AccountCommands
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var name = Opt.Text("--name", "Name of the account (the keystore's file name)", required: true);
        var light = Opt.Flag("--light-kdf", "Cheaper scrypt (n = 2^12, as geth --lightkdf): for test and demo accounts only");

        var create = new Command("create", "Create a new key and store it encrypted with the password (DAOPLATFORM_PASSWORD or --password-file)").With(name, light);
        app.Handle(create, ctx =>
        {
            var account = ctx.Accounts.Add(ctx.Require(name), EthereumKey.Generate(), ctx.Password(), ctx.Get(light));
            Render(ctx, account, "created");
            return Task.CompletedTask;
        });

        var keyFile = Opt.Text("--private-key-file", "File holding a hex private key (0x + 64 hex digits)");
        var keyStdin = Opt.Flag("--private-key-stdin", "Read a hex private key from standard input");
        var keystore = Opt.Text("--keystore", "A geth or MetaMask keystore file (Web3 Secret Storage v3), opened with the password");
        var import = new Command("import", "Import a private key (from a file or standard input) or a geth/MetaMask keystore").With(name, keyFile, keyStdin, keystore, light);
        app.Handle(import, async ctx =>
        {
            string accountName = ctx.Require(name);
            int sources = (ctx.Get(keyFile) is null ? 0 : 1) + (ctx.Get(keyStdin) ? 1 : 0) + (ctx.Get(keystore) is null ? 0 : 1);
            if (sources != 1)
            {
                throw PlatformException.BadInput("give exactly one of --private-key-file, --private-key-stdin, --keystore");
            }
            Accounts.StoredAccount account;
            if (ctx.Get(keystore) is { } keystorePath)
            {
                string path = ctx.PathOf(keystorePath);
                JsonFile.RequireFile(path, "keystore");
                account = ctx.Accounts.Import(accountName, await File.ReadAllTextAsync(path, ctx.CancellationToken).ConfigureAwait(false), ctx.Password());
            }
            else
            {
                string? text = ctx.Get(keyFile) is { } file
                    ? await ReadKeyFileAsync(ctx, file)
                    : await ctx.Environment.In.ReadLineAsync(ctx.CancellationToken).ConfigureAwait(false);
                account = ctx.Accounts.Add(accountName, ParseKey(text), ctx.Password(), ctx.Get(light));
            }
            Render(ctx, account, "imported");
        });

        var list = new Command("list", "List the stored accounts");
        app.Handle(list, ctx =>
        {
            var accounts = ctx.Accounts.List();
            ctx.Render(
                new JsonObject { ["accounts"] = new JsonArray([.. accounts.Select(a => (JsonNode)new JsonObject { ["name"] = a.Name, ["address"] = a.Address.ToString() })]) },
                console =>
                {
                    var table = new Table().AddColumn("name").AddColumn("address");
                    foreach (var a in accounts)
                    {
                        table.AddRow(Markup.Escape(a.Name), a.Address.ToString());
                    }
                    console.Write(table);
                });
            return Task.CompletedTask;
        });

        return new Command("account", "Keystores: create, import, list").With(create, import, list);
    }

    private static EthereumKey ParseKey(string? text)
    {
        string hex = (text ?? "").Trim();
        if (!hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            hex = "0x" + hex;
        }
        try
        {
            return hex.Length == 66 ? EthereumKey.FromHex(hex) : throw new FormatException($"{(hex.Length - 2) / 2} bytes instead of 32");
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            // Never echo the text: it may be most of a real key.
            throw PlatformException.BadInput($"the private key is not 32 bytes of hex: {e.Message}", e);
        }
    }

    private static void Render(CommandContext ctx, Accounts.StoredAccount account, string verb) =>
        ctx.Render(
            new JsonObject { ["name"] = account.Name, ["address"] = account.Address.ToString(), ["keystore"] = account.Path },
            console => console.WriteLine($"{verb} account {account.Name}: {account.Address} ({account.Path})"));

    private static Task<string> ReadKeyFileAsync(CommandContext ctx, string file)
    {
        JsonFile.RequireFile(ctx.PathOf(file), "private key");
        return File.ReadAllTextAsync(ctx.PathOf(file), ctx.CancellationToken);
    }
}
