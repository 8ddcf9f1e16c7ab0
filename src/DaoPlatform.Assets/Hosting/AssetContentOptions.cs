using DaoPlatform.Assets.Nonces;
using DaoPlatform.Assets.SignIn;
using DaoPlatform.Ethereum.Keystore;
using DaoPlatform.Ethereum.Primitives;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Assets.Hosting;

/// <summary>The content service's configuration (section <c>AssetContent</c>).</summary>
public sealed class AssetContentOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "AssetContent";

    /// <summary>The folder holding the encrypted blocks (<c>blocks/</c>) and the manifests (<c>manifests/</c>).</summary>
    public string Folder { get; set; } = "";

    /// <summary>
    /// Whether a whole download also recomputes the asset's keccak-256 and sha2-256 (default false: every byte is already
    /// authenticated under a key sealed to both digests; <see cref="Store.Encryption.EncryptedAssetStore.RecomputeDigestsOnWholeReads"/>).
    /// Recomputing guards even against someone holding the node key, at about half the download rate (docs/assets.md).
    /// </summary>
    public bool RecomputeDigests { get; set; }

    /// <summary>The node key that wraps every asset key (used for nothing else).</summary>
    public SigningKeyOptions NodeKey { get; set; } = new();

    /// <summary>The account that records uses of passes (<c>AccessPasses.consume</c>): the one asset owners authorize with <c>setConsumer</c>.</summary>
    public SigningKeyOptions ConsumerKey { get; set; } = new();

    /// <summary>The AssetRegistry's address (0x hex).</summary>
    public string? AssetRegistry { get; set; }

    /// <summary>The AccessPasses contract's address (0x hex).</summary>
    public string? AccessPasses { get; set; }

    /// <summary>What a sign-in message must name (domain, scheme, chain id) and how long sessions last.</summary>
    public SignInOptions SignIn { get; set; } = new();

    /// <summary>Where nonces and sessions are kept (SQLite by default, PostgreSQL by configuration).</summary>
    public NonceStoreOptions NonceStore { get; set; } = new();
}

/// <summary>Checks <see cref="AssetContentOptions"/> at start, so a bad setting stops the host with one message per fault.</summary>
public sealed class AssetContentOptionsValidator : IValidateOptions<AssetContentOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AssetContentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string S = AssetContentOptions.Section;
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Folder))
        {
            errors.Add($"{S}:Folder is required: where encrypted blocks and manifests are kept.");
        }
        errors.AddRange(options.NodeKey.Problems($"{S}:NodeKey"));
        errors.AddRange(options.ConsumerKey.Problems($"{S}:ConsumerKey"));
        foreach ((string setting, string? value) in new[] { ("AssetRegistry", options.AssetRegistry), ("AccessPasses", options.AccessPasses) })
        {
            if (!Address.TryParse(value, out _))
            {
                errors.Add($"{S}:{setting} must be a 0x-prefixed 20-byte address; got '{value}'.");
            }
        }
        if (!Ethereum.SignIn.Rfc3986.IsDomain(options.SignIn.Domain))
        {
            errors.Add($"{S}:SignIn:Domain must be the host[:port] that sign-in messages name; got '{options.SignIn.Domain}'.");
        }
        if (options.SignIn.ChainId == 0)
        {
            errors.Add($"{S}:SignIn:ChainId is required: the chain sign-in messages must name.");
        }
        if (string.IsNullOrWhiteSpace(options.NonceStore.ConnectionString))
        {
            errors.Add($"{S}:NonceStore:ConnectionString is required.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
