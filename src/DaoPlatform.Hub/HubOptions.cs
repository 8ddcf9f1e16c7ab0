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

    /// <summary>
    /// The address the hub listens on: <see cref="HubHost.DefaultUrl"/> (loopback, because the hub has no login of its
    /// own) unless set. For the standalone hub, <c>--urls</c> and <c>ASPNETCORE_URLS</c> take precedence.
    /// </summary>
    public Uri? Url { get; set; }

    /// <summary>The content service beside the hub (sign-in, downloads); off when <see cref="HubContentOptions.Folder"/> is not set.</summary>
    public HubContentOptions Content { get; set; } = new();
}

/// <summary>
/// Where the content service keeps the encrypted assets and with which node key (section <c>Hub:Content</c>). The
/// node key is a Web3 Secret Storage keystore opened like the node's role keys: it wraps every asset's key and sends
/// the transactions that record a pass's use (the asset's owner names its address with <c>setConsumer</c>).
/// </summary>
public sealed class HubContentOptions
{
    /// <summary>The folder holding <c>blocks/</c> (ciphertext), <c>manifests/</c> (wrapped keys) and <c>nonces.db</c>; null turns the service off.</summary>
    public string? Folder { get; set; }

    /// <summary>The node key's keystore file.</summary>
    public string? KeystorePath { get; set; }

    /// <summary>The environment variable holding the keystore's password.</summary>
    public string? PasswordEnvironmentVariable { get; set; }

    /// <summary>A file whose first line is the keystore's password (instead of <see cref="PasswordEnvironmentVariable"/>).</summary>
    public string? PasswordFile { get; set; }

    /// <summary>Whether whole downloads also recompute both digests (<see cref="DaoPlatform.Assets.Hosting.AssetContentOptions.RecomputeDigests"/>).</summary>
    public bool RecomputeDigests { get; set; }
}
