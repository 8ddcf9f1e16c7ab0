using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Sending;
using DaoPlatform.Platform;
using DaoPlatform.Protocol.Content;

namespace DaoPlatform.Cli.Infrastructure;

/// <summary>
/// A named network's defaults: the public RPC URL and chain id (OP Sepolia and OP Mainnet as published by Optimism),
/// and the block explorer whose <c>/tx/HASH</c> and <c>/address/ADDRESS</c> pages are linked (none on the devnet).
/// </summary>
public sealed record NetworkDefaults(string Name, string RpcUrl, ulong ChainId, bool IsPublic, string? Explorer = null)
{
    /// <summary>The networks the tool knows by name.</summary>
    public static IReadOnlyList<NetworkDefaults> Known { get; } =
    [
        new("devnet", "http://127.0.0.1:8545", 10, false),
        new("op-sepolia", "https://sepolia.optimism.io", 11_155_420, true, "https://sepolia-optimism.etherscan.io"),
        new("op-mainnet", "https://mainnet.optimism.io", 10, true, "https://optimistic.etherscan.io"),
    ];
}

/// <summary>
/// The settings of one run, resolved with the precedence flags &gt; environment variables (<c>DAOPLATFORM_*</c>) &gt; the
/// one config file &gt; the network's defaults. The password is never a flag: it comes from a password file or
/// <c>DAOPLATFORM_PASSWORD</c>.
/// </summary>
public sealed record CliSettings(
    bool Json, NetworkDefaults Network, Uri RpcUrl, ulong ChainId, string DataDir, string? Account, string? PasswordFile, string? Password, string DeploymentPath)
{
    /// <summary>Send transactions that move value without asking (<c>--yes</c>).</summary>
    public bool Yes { get; init; }

    /// <summary>Simulate the first transaction and send nothing (<c>--dry-run</c>).</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// How the transaction manager waits for, replaces and prices transactions: the node's defaults, with the
    /// confirmations, fee bump and fee cap of <c>--confirmations</c>, <c>--fee-bump</c> and <c>--max-fee-per-gas</c>.
    /// </summary>
    public TransactionManagerOptions Sending { get; init; } = new();
    /// <summary>The block explorer linked after sending (<c>--explorer</c>), without a trailing slash; null for none.</summary>
    public Uri? Explorer { get; init; }

    /// <summary>The content store (<c>--content-store</c>): a local folder, by default <c>&lt;data dir&gt;/content</c>.</summary>
    public ContentStoreOptions ContentStore { get; init; } = new();

    /// <summary>Resolves the settings of a parsed command line.</summary>
    /// <exception cref="PlatformException">A malformed value or config file.</exception>
    public static CliSettings Resolve(ParseResult parse, GlobalOptions options, CliEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(env);
        string? configPath = parse.GetValue(options.Config) ?? env.Variable("DAOPLATFORM_CONFIG");
        JsonObject config = configPath is null ? [] : LoadConfig(env.Resolve(configPath));

        string? Pick(Option<string?> option, string variable, string key) =>
            parse.GetValue(option) ?? env.Variable(variable) ?? (config[key] is JsonValue v ? v.ToString() : null);

        string networkName = Pick(options.Network, "DAOPLATFORM_NETWORK", "network") ?? "devnet";
        NetworkDefaults network = NetworkDefaults.Known.FirstOrDefault(n => n.Name == networkName)
            ?? throw PlatformException.BadInput($"unknown network '{networkName}' (known: {string.Join(", ", NetworkDefaults.Known.Select(n => n.Name))})");
        string rpcText = Pick(options.RpcUrl, "DAOPLATFORM_RPC_URL", "rpcUrl") ?? network.RpcUrl;
        if (!Uri.TryCreate(rpcText, UriKind.Absolute, out Uri? rpcUrl) || rpcUrl.Scheme is not ("http" or "https"))
        {
            throw PlatformException.BadInput($"RPC URL '{rpcText}' is not an http(s) URL");
        }
        string? chainText = Pick(options.ChainId, "DAOPLATFORM_CHAIN_ID", "chainId");
        ulong chainId = network.ChainId;
        if (chainText is not null && !ulong.TryParse(chainText, NumberStyles.None, CultureInfo.InvariantCulture, out chainId))
        {
            throw PlatformException.BadInput($"chain id '{chainText}' is not a whole number");
        }
        string home = env.Variable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string dataDir = env.Resolve(Pick(options.DataDir, "DAOPLATFORM_DATA_DIR", "dataDir") ?? Path.Combine(home, ".daoplatform"));
        string? passwordFile = Pick(options.PasswordFile, "DAOPLATFORM_PASSWORD_FILE", "passwordFile");
        // In a checkout the record lives in ./deployments; anywhere else (the installed tool) in the data directory.
        string inCheckout = Path.Combine("deployments", network.Name + ".json");
        string deployment = Pick(options.Deployment, "DAOPLATFORM_DEPLOYMENT", "deployment")
            ?? (Directory.Exists(env.Resolve("deployments")) ? inCheckout : Path.Combine(dataDir, "deployments", network.Name + ".json"));
        TransactionManagerOptions sending = SendingOptions(
            Pick(options.Confirmations, "DAOPLATFORM_CONFIRMATIONS", "confirmations"),
            Pick(options.FeeBump, "DAOPLATFORM_FEE_BUMP", "feeBump"),
            Pick(options.MaxFeePerGas, "DAOPLATFORM_MAX_FEE_PER_GAS", "maxFeePerGas"));
        string? explorerText = Pick(options.Explorer, "DAOPLATFORM_EXPLORER", "explorer") ?? network.Explorer;
        Uri? explorer = null;
        if (explorerText is { Length: > 0 } && explorerText != "none"
            && (!Uri.TryCreate(explorerText.TrimEnd('/'), UriKind.Absolute, out explorer) || explorer.Scheme is not ("http" or "https")))
        {
            throw PlatformException.BadInput($"explorer URL '{explorerText}' is not an http(s) URL (e.g. https://optimistic.etherscan.io, or none)");
        }
        return new CliSettings(
            parse.GetValue(options.Json), network, rpcUrl, chainId, dataDir,
            Pick(options.Account, "DAOPLATFORM_ACCOUNT", "account"),
            passwordFile is null ? null : env.Resolve(passwordFile),
            env.Variable("DAOPLATFORM_PASSWORD"),
            env.Resolve(deployment))
        {
            Yes = parse.GetValue(options.Yes),
            DryRun = parse.GetValue(options.DryRun),
            Sending = sending,
            Explorer = explorer,
            ContentStore = ContentStoreOf(Pick(options.ContentStore, "DAOPLATFORM_CONTENT_STORE", "contentStore"), env, dataDir),
        };
    }

    /// <summary>
    /// The content store <paramref name="text"/> names: <c>kubo=URL</c>, <c>gateway=URL</c>, or a folder (resolved
    /// against the working directory); none: the folder <c>content</c> of the data directory.
    /// </summary>
    private static ContentStoreOptions ContentStoreOf(string? text, CliEnvironment env, string dataDir)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ContentStoreOptions { LocalPath = Path.Combine(dataDir, "content") };
        }
        string[] parts = text.Split('=', 2);
        ContentStoreKind? kind = parts.Length == 2 ? parts[0].Trim().ToLowerInvariant() switch
        {
            "kubo" => ContentStoreKind.Kubo,
            "gateway" => ContentStoreKind.Gateway,
            _ => null,
        } : null;
        if (kind is null)
        {
            // A bare URL would otherwise become a folder named after it: say which kinds take a URL.
            if (text.Contains("://", StringComparison.Ordinal))
            {
                throw PlatformException.BadInput($"content store '{text}' is a URL: name its kind, kubo=URL (a Kubo RPC API) or gateway=URL (an IPFS gateway, read-only)");
            }
            string folder = env.Resolve(text);
            if (File.Exists(folder))
            {
                throw PlatformException.BadInput($"content store '{text}' is a file: give a folder, kubo=URL or gateway=URL");
            }
            return new ContentStoreOptions { LocalPath = folder };
        }
        if (!Uri.TryCreate(parts[1].Trim(), UriKind.Absolute, out Uri? url) || url.Scheme is not ("http" or "https"))
        {
            string example = kind == ContentStoreKind.Kubo ? "kubo=http://127.0.0.1:5001/" : "gateway=https://gateway.example/";
            throw PlatformException.BadInput($"content store '{text}': '{parts[1]}' is not an http(s) URL (e.g. {example})");
        }
        return kind == ContentStoreKind.Kubo
            ? new ContentStoreOptions { Kind = ContentStoreKind.Kubo, KuboUrl = url }
            : new ContentStoreOptions { Kind = ContentStoreKind.Gateway, GatewayUrl = url };
    }

    /// <summary>The node's sending defaults with the given confirmations, fee bump (percent) and fee cap (gwei unless a unit is given).</summary>
    private static TransactionManagerOptions SendingOptions(string? confirmations, string? feeBump, string? maxFeePerGas)
    {
        var sending = new TransactionManagerOptions();
        if (confirmations is not null)
        {
            if (!int.TryParse(confirmations, NumberStyles.None, CultureInfo.InvariantCulture, out int blocks) || blocks is < 1 or > 1000)
            {
                throw PlatformException.BadInput($"confirmations '{confirmations}' is not a whole number of blocks from 1 to 1000");
            }
            sending = sending with { Confirmations = blocks };
        }
        if (feeBump is not null)
        {
            if (!int.TryParse(feeBump, NumberStyles.None, CultureInfo.InvariantCulture, out int percent)
                || percent < TransactionManagerOptions.MinimumFeeBumpPercent || percent > 1000)
            {
                throw PlatformException.BadInput(
                    $"fee bump '{feeBump}' is not a whole percent from {TransactionManagerOptions.MinimumFeeBumpPercent} (what nodes require to replace a transaction) to 1000");
            }
            sending = sending with { FeeBumpPercent = percent };
        }
        if (maxFeePerGas is not null)
        {
            string text = maxFeePerGas.Trim();
            BigInteger cap = Platform.Units.EtherAmount.Parse(text.Length > 0 && text.All(c => char.IsAsciiDigit(c) || c == '.') ? text + "gwei" : text);
            if (cap.IsZero)
            {
                throw PlatformException.BadInput($"max fee per gas '{maxFeePerGas}' is zero: no transaction could be mined");
            }
            sending = sending with { MaxFeePerGasCap = cap };
        }
        return sending;
    }

    private static JsonObject LoadConfig(string path)
    {
        JsonFile.RequireFile(path, "config");
        JsonObject config;
        try
        {
            config = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new System.Text.Json.JsonException("not a JSON object");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw PlatformException.BadInput($"config file {path} is not a JSON object: {e.Message}", e);
        }
        // A misspelt key would otherwise be ignored in silence, and the run would go to the default network.
        if (config.Select(entry => entry.Key).FirstOrDefault(key => !ConfigKeys.Contains(key)) is { } unknown)
        {
            throw PlatformException.BadInput($"config file {path} has an unknown key '{unknown}' (known: {string.Join(", ", ConfigKeys)})");
        }
        return config;
    }

    /// <summary>The keys a config file may hold, spelt as <see cref="Resolve"/> reads them.</summary>
    private static IReadOnlyList<string> ConfigKeys { get; } = ["network", "rpcUrl", "chainId", "dataDir", "account", "passwordFile", "deployment", "confirmations", "feeBump", "maxFeePerGas", "explorer"];
}
