using Microsoft.Extensions.Options;

namespace DaoPlatform.Protocol.Content;

/// <summary>Which back end holds the content.</summary>
public enum ContentStoreKind
{
    /// <summary>A local folder of blocks named by CID (the default).</summary>
    Local,

    /// <summary>An IPFS HTTP gateway (read-only): blocks fetched with <c>GET /ipfs/&lt;cid&gt;?format=raw</c>.</summary>
    Gateway,

    /// <summary>A Kubo node's RPC API: <c>/api/v0/add</c> to put, <c>/api/v0/block/get</c> to get.</summary>
    Kubo,
}

/// <summary>The content store's configuration (section <c>ContentStore</c>).</summary>
public sealed class ContentStoreOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "ContentStore";

    /// <summary>The back end; <see cref="ContentStoreKind.Local"/> by default.</summary>
    public ContentStoreKind Kind { get; set; } = ContentStoreKind.Local;

    /// <summary>The folder of the local store (created when missing).</summary>
    public string LocalPath { get; set; } = "content";

    /// <summary>The gateway's base URL, e.g. <c>https://ipfs.io/</c> (for <see cref="ContentStoreKind.Gateway"/>).</summary>
    public Uri? GatewayUrl { get; set; }

    /// <summary>The Kubo RPC base URL, e.g. <c>http://127.0.0.1:5001/</c> (for <see cref="ContentStoreKind.Kubo"/>).</summary>
    public Uri? KuboUrl { get; set; }

    /// <summary>The largest content, in bytes, a get accepts (checked before allocating); 256 MiB by default.</summary>
    public long MaxContentBytes { get; set; } = 256L << 20;

    /// <summary>The time one HTTP request to a gateway or Kubo may take; 60 s by default.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>Checks <see cref="ContentStoreOptions"/> at start, naming each wrong setting.</summary>
public sealed class ContentStoreOptionsValidator : IValidateOptions<ContentStoreOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, ContentStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        switch (options.Kind)
        {
            case ContentStoreKind.Local when string.IsNullOrWhiteSpace(options.LocalPath):
                errors.Add("ContentStore:LocalPath is required for the local store.");
                break;
            case ContentStoreKind.Gateway when !IsHttp(options.GatewayUrl):
                errors.Add($"ContentStore:GatewayUrl must be an absolute http(s) URL for the gateway store; got '{options.GatewayUrl}'.");
                break;
            case ContentStoreKind.Kubo when !IsHttp(options.KuboUrl):
                errors.Add($"ContentStore:KuboUrl must be an absolute http(s) URL for the Kubo store; got '{options.KuboUrl}'.");
                break;
            case ContentStoreKind.Local or ContentStoreKind.Gateway or ContentStoreKind.Kubo:
                break;
            default:
                errors.Add($"ContentStore:Kind '{options.Kind}' is not one of Local, Gateway, Kubo.");
                break;
        }
        if (options.MaxContentBytes <= 0 || options.MaxContentBytes > Array.MaxLength)
        {
            errors.Add($"ContentStore:MaxContentBytes must be in 1..{Array.MaxLength}; got {options.MaxContentBytes}.");
        }
        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add($"ContentStore:RequestTimeout must be positive; got {options.RequestTimeout}.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHttp(Uri? url) => url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
}
