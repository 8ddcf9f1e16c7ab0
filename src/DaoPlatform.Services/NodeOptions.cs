using System.ComponentModel.DataAnnotations;

namespace DaoPlatform.Services;

/// <summary>
/// Where the node connects and what it does (configuration section <c>Node</c>). Keys are not here:
/// they come from keystore files (see <c>Keys</c>), never from configuration values.
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

    /// <summary>The TrainingTasks contract.</summary>
    [Required]
    public string? TrainingTasks { get; set; }

    /// <summary>The OptimisticVerifier contract.</summary>
    [Required]
    public string? Verifier { get; set; }
}
