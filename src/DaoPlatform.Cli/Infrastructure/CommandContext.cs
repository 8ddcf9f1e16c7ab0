using DaoPlatform.Ethereum.Keystore;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Accounts;
using DaoPlatform.Cli.Signing;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Deployment;
using Spectre.Console;

namespace DaoPlatform.Cli.Infrastructure;

/// <summary>
/// What a command handler works with: its parsed values, the resolved settings, the console, the accounts, and a
/// connection to the node and the deployment on demand. Handlers stay thin: parse, call a platform service, render.
/// </summary>
public sealed class CommandContext : IDisposable
{
    private readonly List<IDisposable> _owned = [];
    private SigningGate? _gate;
    private DeploymentRecord? _record;

    internal CommandContext(ParseResult parse, CliSettings settings, CliEnvironment environment, IAnsiConsole console, CancellationToken cancellationToken)
    {
        Parse = parse;
        Settings = settings;
        Environment = environment;
        Console = console;
        CancellationToken = cancellationToken;
        Accounts = new AccountStore(settings.DataDir);
    }

    /// <summary>The parsed command line.</summary>
    public ParseResult Parse { get; }

    /// <summary>The resolved settings.</summary>
    public CliSettings Settings { get; }

    /// <summary>Output, input, environment variables and working directory.</summary>
    public CliEnvironment Environment { get; }

    /// <summary>The console for readable output (tables, progress).</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Cancelled on Ctrl+C.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The keystores of the data directory.</summary>
    public AccountStore Accounts { get; }

    /// <summary>The value of <paramref name="option"/>.</summary>
    public T? Get<T>(Option<T> option) => Parse.GetValue(option);

    /// <summary>The value of <paramref name="argument"/>.</summary>
    public T? Get<T>(Argument<T> argument) => Parse.GetValue(argument);

    /// <summary>The value of a required <paramref name="option"/>.</summary>
    public T Require<T>(Option<T> option) => Parse.GetValue(option) ?? throw PlatformException.BadInput($"option {option.Name} is required");

    /// <summary>A path the user typed, resolved against the working directory.</summary>
    public string PathOf(string path) => Environment.Resolve(path);

    /// <summary>The keystore password: the first line of the password file, else <c>DAOPLATFORM_PASSWORD</c>.</summary>
    /// <exception cref="PlatformException">Neither is set, or the file is missing.</exception>
    public string Password()
    {
        if (Settings.PasswordFile is { } file)
        {
            JsonFile.RequireFile(file, "password");
            return PasswordFile.Read(file);
        }
        return Settings.Password
            ?? throw PlatformException.BadInput("no keystore password: pass --password-file FILE or set DAOPLATFORM_PASSWORD (never a flag)");
    }

    /// <summary>The configured account's key, decrypted.</summary>
    public EthereumKey UnlockAccount() =>
        Accounts.Unlock(Settings.Account ?? throw PlatformException.BadInput("this command signs: pass --account NAME (or set DAOPLATFORM_ACCOUNT)"), Password());

    /// <summary>
    /// Connects to the configured node, checking its chain id; with <paramref name="sign"/> the configured account
    /// is unlocked and becomes the sender.
    /// </summary>
    public async Task<ChainConnection> ConnectAsync(bool sign)
    {
        EthereumKey? key = sign ? UnlockAccount() : null;
        // Every transaction passes the gate once signed: shown in full with the move it makes, then confirmed, refused or simulated.
        SigningGate? gate = null;
        var options = Settings.Sending with { BeforeSubmit = (signed, ct) => gate!.CheckAsync(signed, ct) };
        var observer = new GateObserver(() => gate);
        var chain = await ChainConnection.OpenAsync(Settings.RpcUrl, Settings.ChainId, key, options, observer, CancellationToken).ConfigureAwait(false);
        gate = new SigningGate(this, chain.Eth);
        _gate = gate;
        _owned.Add(chain);
        return chain;
    }

    /// <summary>The deployment's contracts over <paramref name="chain"/>; the record must be for this chain.</summary>
    public async Task<PlatformContracts> PlatformAsync(ChainConnection chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        DeploymentRecord record = await DeploymentRecord.LoadAsync(Settings.DeploymentPath, CancellationToken).ConfigureAwait(false);
        if (record.ChainId != chain.ChainId)
        {
            throw PlatformException.Refused($"the deployment record {Settings.DeploymentPath} is for chain {record.ChainId}, the node serves chain {chain.ChainId}");
        }
        _record = record;
        if (_gate is not null)
        {
            _gate.Names = record.Contracts.GroupBy(c => c.Value.Address).ToDictionary(g => g.Key, g => g.First().Key);
        }
        return new PlatformContracts(chain.Contracts, record.ToAddresses());
    }

    /// <summary>The content store of the settings (<c>--content-store</c>), closed with the context.</summary>
    public Protocol.Content.IContentStore OpenContentStore()
    {
        Protocol.Content.IContentStore store = Protocol.Content.ContentStores.Create(Settings.ContentStore);
        if (store is IDisposable owned)
        {
            _owned.Add(owned);
        }
        return store;
    }

    /// <summary>Connects (signing or not) and binds the deployment.</summary>
    public async Task<(ChainConnection Chain, PlatformContracts Platform)> OpenPlatformAsync(bool sign)
    {
        var chain = await ConnectAsync(sign).ConfigureAwait(false);
        return (chain, await PlatformAsync(chain).ConfigureAwait(false));
    }

    /// <summary>
    /// An address as users write it: 0x-hex; an account name of the data directory (<c>alice</c>); a contract of the
    /// deployment by name (<c>treasury</c>, <c>vault</c>, <c>governor</c>, <c>token</c>, <c>tasks</c>, <c>verifier</c>,
    /// <c>registry</c>, <c>splitter</c>, <c>streams</c>, or its record name); or an entry of
    /// <c>&lt;data dir&gt;/address-book.json</c> (<c>{"name": "0x…"}</c>).
    /// </summary>
    /// <exception cref="PlatformException">None of these, naming the value and where names come from.</exception>
    public Ethereum.Primitives.Address AddressOf(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return Platform.Units.InputParsing.ParseAddress(text, what);
        }
        string name = text.Trim();
        if (_record is not null && ContractAliases.TryGetValue(name, out string? contract) && _record.Contracts.TryGetValue(contract, out var aliased))
        {
            return aliased.Address;
        }
        if (_record?.Contracts.FirstOrDefault(c => string.Equals(c.Key, name, StringComparison.OrdinalIgnoreCase)) is { Value: not null } byName)
        {
            return byName.Value.Address;
        }
        if (Accounts.List().FirstOrDefault(a => a.Name == name) is { } account)
        {
            return account.Address;
        }
        string book = Path.Combine(Settings.DataDir, "address-book.json");
        if (File.Exists(book) && JsonNode.Parse(File.ReadAllText(book)) is JsonObject entries && entries[name] is JsonValue entry)
        {
            return Platform.Units.InputParsing.ParseAddress(entry.ToString(), $"{what} ('{name}' in {book})");
        }
        throw PlatformException.BadInput(
            $"{what} '{text}' is not an address, an account name, a contract of the deployment (treasury, vault, governor, token, tasks, verifier, registry, splitter) or an entry of {book}");
    }

    private static readonly Dictionary<string, string> ContractAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["treasury"] = "DaoTimelock", ["timelock"] = "DaoTimelock", ["vault"] = "MultisigVault", ["governor"] = "DaoGovernor", ["token"] = "DaoToken",
        ["tasks"] = "TrainingTasks", ["verifier"] = "OptimisticVerifier", ["registry"] = "AssetRegistry", ["splitter"] = "RevenueSplitter", ["streams"] = "StreamVault",
    };

    /// <summary>Writes the result: <paramref name="json"/> with --json, otherwise what <paramref name="human"/> prints.</summary>
    public void Render(JsonObject json, Action<IAnsiConsole> human)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(human);
        if (Settings.Json)
        {
            Environment.Out.WriteLine(json.ToJsonString(Output.Indented));
        }
        else
        {
            human(Console);
        }
    }

    /// <summary>Writes a result of transactions: each step with its gas and hash, then <paramref name="fields"/>.</summary>
    public void RenderTransactions(IEnumerable<TransactionOutcome> outcomes, JsonObject fields, string summary)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(fields);
        var list = outcomes.ToList();
        fields["transactions"] = Output.Transactions(list);
        if (Settings.Explorer is { } explorer)
        {
            // Each transaction's page, and the page of every address the result names.
            foreach (JsonNode? t in fields["transactions"]!.AsArray())
            {
                t!["url"] = Output.ExplorerLink(explorer, "tx", t["hash"]!.GetValue<string>());
            }
            fields["addressLinks"] = Output.AddressLinks(explorer, fields);
        }
        Render(fields, console =>
        {
            foreach (TransactionOutcome o in list)
            {
                console.MarkupLineInterpolated($"[grey]{o.Step}: gas {o.GasUsed.ToString("N0", CultureInfo.InvariantCulture)}, tx {o.Hash}[/]");
                if (Settings.Explorer is { } link)
                {
                    console.WriteLine($"  {Output.ExplorerLink(link, "tx", o.Hash)}");
                }
            }
            console.WriteLine(summary);
        });
    }

    /// <summary>Progress lines printed as they come (grey), or nothing with --json.</summary>
    public IProgress<string> ProgressLines() => new LineProgress(this);

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (IDisposable d in _owned)
        {
            d.Dispose();
        }
    }

    /// <summary>Passes the moves the sender announces to the gate, which exists only once the connection is open.</summary>
    private sealed class GateObserver(Func<SigningGate?> gate) : IMoveObserver
    {
        public void Sending(IReadOnlyList<Protocol.Moves.Move> plan, int index) => gate()?.Sending(plan, index);
    }

    private sealed class LineProgress(CommandContext context) : IProgress<string>
    {
        public void Report(string value)
        {
            if (!context.Settings.Json)
            {
                context.Console.MarkupLineInterpolated($"[grey]{value}[/]");
            }
        }
    }
}
