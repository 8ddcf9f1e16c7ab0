namespace DaoPlatform.Hub;

/// <summary>The hub's settings (configuration section <c>Hub</c>; environment variables <c>Hub__RpcUrl</c>, ...).</summary>
public sealed class HubOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Hub";

    /// <summary>The chain node the index follows and the pages' chain id comes from.</summary>
    public Uri RpcUrl { get; set; } = new("http://127.0.0.1:8545");

    /// <summary>The deployment record (<c>deployments/&lt;network&gt;.json</c>) naming the platform's contracts.</summary>
    public string Deployment { get; set; } = "deployments/devnet.json";

    /// <summary>The data directory (the index's SQLite file goes there by default).</summary>
    public string DataDirectory { get; set; } = "data";
}
