using System.ComponentModel.DataAnnotations;

namespace DaoPlatform.Services;

/// <summary>
/// Where the node connects and what it does (configuration section <c>Node</c>). Keys are not here:
/// they come from keystore files, never from configuration values.
/// </summary>
public sealed class NodeOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Node";

    /// <summary>The roles this host runs, e.g. <c>"Evaluator, Auditor"</c>.</summary>
    public NodeRoles Roles { get; set; }

    /// <summary>The JSON-RPC endpoint of the L2 node (HTTP or HTTPS).</summary>
    [Required]
    public Uri? RpcUrl { get; set; }

    /// <summary>The chain id transactions are signed for (EIP-155); 10 on the devnet and OP Mainnet, 11155420 on OP Sepolia.</summary>
    [Range(1, long.MaxValue)]
    public long ChainId { get; set; }

    /// <summary>The TrainingTasks contract (0x-prefixed address).</summary>
    [Required]
    public string? TrainingTasks { get; set; }

    /// <summary>The OptimisticVerifier contract (0x-prefixed address).</summary>
    [Required]
    public string? Verifier { get; set; }

    /// <summary>The DaoGovernor contract (0x-prefixed address); required with the relayer role.</summary>
    public string? Governor { get; set; }

    /// <summary>The block the contracts were deployed in: tasks are discovered from there (deployments/&lt;network&gt;.json, <c>deploymentBlock</c>).</summary>
    public ulong StartBlock { get; set; }

    /// <summary>
    /// A file where the follower keeps its cursor and open tasks (<c>FollowerState</c>), so that after a restart it
    /// resumes there instead of scanning from <see cref="StartBlock"/>; none (scan from the start block) when null.
    /// </summary>
    public string? StateFile { get; set; }

    /// <summary>Blocks behind the head the follower stays, so reorgs of younger blocks never reach it; 0 on the devnet.</summary>
    public ulong ConfirmationDepth { get; set; }

    /// <summary>How often the follower asks for a new head.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The most blocks one <c>eth_getLogs</c> request spans.</summary>
    [Range(1, ulong.MaxValue)]
    public ulong MaxLogRange { get; set; } = 2000;

    /// <summary>How long a sent transaction may take to be mined before it is taken as dropped and the job retries.</summary>
    public TimeSpan ReceiptTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Where the health endpoint listens, e.g. <c>http://127.0.0.1:8081/</c>; loopback only; none when null.</summary>
    public Uri? HealthUrl { get; set; }
}
