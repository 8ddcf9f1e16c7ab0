namespace DaoPlatform.Services.Hosting;

/// <summary>
/// The exit codes of the node, the same for the node executable and <c>daoplatform node run</c>
/// (docs/node.md): a failure at start prints one line on standard error and exits with one of them.
/// </summary>
public static class NodeExitCodes
{
    /// <summary>Stopped on request (Ctrl+C, SIGTERM, the run's duration elapsed).</summary>
    public const int Ok = 0;

    /// <summary>A setting is missing or invalid (roles, addresses, URLs, options, a hidden test set file, a start block ahead of the chain's head).</summary>
    public const int BadSetting = 1;

    /// <summary>A role's key cannot be loaded (keystore or password missing, unreadable, malformed or wrong).</summary>
    public const int BadKey = 2;

    /// <summary>A port the node listens on (health and metrics, the job dashboard) cannot be bound: in use or not permitted.</summary>
    public const int PortUnavailable = 3;

    /// <summary>The chain node serves another chain id than <c>Node:ChainId</c>.</summary>
    public const int WrongChain = 5;

    /// <summary>A service of the node failed while running (the log's last error line says which and why).</summary>
    public const int Crashed = 70;
}
