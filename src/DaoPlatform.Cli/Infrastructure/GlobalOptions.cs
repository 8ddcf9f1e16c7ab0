using System.CommandLine;

namespace DaoPlatform.Cli.Infrastructure;

/// <summary>The options every command takes (recursive on the root command). Secrets are never among them.</summary>
public sealed class GlobalOptions
{
    /// <summary>Print JSON instead of text.</summary>
    public Option<bool> Json { get; } = new("--json") { Description = "Print the result as JSON (one object) instead of text", Recursive = true };

    /// <summary>The network by name.</summary>
    public Option<string?> Network { get; } = new("--network") { Description = "devnet, op-sepolia or op-mainnet (sets the default RPC URL and chain id) [env DAOPLATFORM_NETWORK]", Recursive = true };

    /// <summary>The node's URL.</summary>
    public Option<string?> RpcUrl { get; } = new("--rpc-url", "--rpc") { Description = "JSON-RPC URL of the node [env DAOPLATFORM_RPC_URL]", Recursive = true };

    /// <summary>The expected chain id.</summary>
    public Option<string?> ChainId { get; } = new("--chain-id") { Description = "Chain id the node must report; commands refuse another [env DAOPLATFORM_CHAIN_ID]", Recursive = true };

    /// <summary>The config file.</summary>
    public Option<string?> Config { get; } = new("--config") { Description = "A JSON config file (keys: network, rpcUrl, chainId, dataDir, account, passwordFile, deployment, confirmations, feeBump, maxFeePerGas, explorer, contentStore) [env DAOPLATFORM_CONFIG]", Recursive = true };

    /// <summary>Where keystores live.</summary>
    public Option<string?> DataDir { get; } = new("--data-dir") { Description = "Folder of the keystores (default ~/.daoplatform) [env DAOPLATFORM_DATA_DIR]", Recursive = true };

    /// <summary>The signing account.</summary>
    public Option<string?> Account { get; } = new("--account") { Description = "Account (keystore name or address) that signs [env DAOPLATFORM_ACCOUNT]", Recursive = true };

    /// <summary>A file holding the keystore password.</summary>
    public Option<string?> PasswordFile { get; } = new("--password-file") { Description = "File whose first line is the keystore password [env DAOPLATFORM_PASSWORD_FILE; or the password itself in DAOPLATFORM_PASSWORD]", Recursive = true };

    /// <summary>The deployment record.</summary>
    public Option<string?> Deployment { get; } = new("--deployment") { Description = "Deployment record (default deployments/<network>.json) [env DAOPLATFORM_DEPLOYMENT]", Recursive = true };

    /// <summary>Confirms every transaction without asking (for scripts).</summary>
    public Option<bool> Yes { get; } = new("--yes", "-y") { Description = "Send transactions that move value without asking (scripts); without it a terminal asks and other standard input refuses", Recursive = true };

    /// <summary>Simulates instead of sending.</summary>
    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Show and simulate the first transaction (eth_call on pending, its events) and send nothing; no record or secret file is written", Recursive = true };

    /// <summary>Blocks a transaction must be under before the command reports it.</summary>
    public Option<string?> Confirmations { get; } = new("--confirmations") { Description = "Blocks, the transaction's own included, before a transaction counts as done (default 1, as the node) [env DAOPLATFORM_CONFIRMATIONS]", Recursive = true };

    /// <summary>The fee bump of a resubmission.</summary>
    public Option<string?> FeeBump { get; } = new("--fee-bump") { Description = "Percent by which both fees rise when a transaction is resubmitted unmined, at least 10 (default 15, as the node) [env DAOPLATFORM_FEE_BUMP]", Recursive = true };

    /// <summary>The most fee per gas ever offered.</summary>
    public Option<string?> MaxFeePerGas { get; } = new("--max-fee-per-gas") { Description = "The most max fee per gas ever offered, through every bump (e.g. 500gwei; a bare number is gwei; default 500gwei, as the node) [env DAOPLATFORM_MAX_FEE_PER_GAS]", Recursive = true };

    /// <summary>The block explorer to link.</summary>
    public Option<string?> Explorer { get; } = new("--explorer") { Description = "Block explorer URL; after sending, the transaction's page is linked (default: Etherscan on op-sepolia and op-mainnet, none on the devnet; 'none' turns it off) [env DAOPLATFORM_EXPLORER]", Recursive = true };

    /// <summary>Where content by CID lives (hidden test sets, registered assets).</summary>
    public Option<string?> ContentStore { get; } = new("--content-store") { Description = "Where content by CID lives (test sets, assets): a folder (default <data-dir>/content), kubo=URL (a Kubo RPC API, e.g. kubo=http://127.0.0.1:5001/) or gateway=URL (an IPFS gateway, read-only) [env DAOPLATFORM_CONTENT_STORE]", Recursive = true };

    /// <summary>All of them, to add to the root command.</summary>
    public IEnumerable<Option> All => [Json, Network, RpcUrl, ChainId, Config, DataDir, Account, PasswordFile, Deployment, Yes, DryRun, Confirmations, FeeBump, MaxFeePerGas, Explorer, ContentStore];
}
