using DaoPlatform.Assets.Hosting;
using DaoPlatform.Assets.Nonces;
using DaoPlatform.Assets.SignIn;
using DaoPlatform.Contracts.Registry;
using DaoPlatform.Ethereum.Keystore;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Deployment;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Hub;

/// <summary>
/// The content service beside the hub (docs/assets.md): Sign-In with Ethereum for the hub's own origin, the encrypted
/// store in <see cref="HubContentOptions.Folder"/>, and the pass checks on chain, mapped by
/// <see cref="Assets.Http.AssetContentEndpoints.MapAssetContent"/>: the content service's own registration, with its
/// settings derived from the hub's origin and deployment record.
/// </summary>
internal static class HubContent
{
    /// <summary>Whether <paramref name="options"/> turns the service on.</summary>
    public static bool IsOn(HubContentOptions options) => !string.IsNullOrEmpty(options.Folder);

    /// <summary>
    /// Registers the content service (<see cref="AssetContentServiceCollectionExtensions.AddAssetContent(IServiceCollection, AssetContentOptions)"/>)
    /// for a hub served at <paramref name="origin"/> over <paramref name="deployment"/>: sign-in messages must name this
    /// origin and chain, the node key both wraps the assets' keys and records pass uses. The keystore is opened once,
    /// through the host's <see cref="OpenedKeystores"/> when it registered one.
    /// </summary>
    /// <exception cref="PlatformException">A setting is missing or wrong, the node key does not open, or the deployment has no access passes.</exception>
    public static void Add(IServiceCollection services, HubContentOptions options, Uri origin, DeploymentRecord deployment)
    {
        if (!deployment.Contracts.ContainsKey(nameof(AccessPasses)))
        {
            throw PlatformException.BadInput($"Hub:Content: the deployment record has no {nameof(AccessPasses)} contract to check passes with");
        }
        string folder = Path.GetFullPath(options.Folder!);
        var key = new SigningKeyOptions
        {
            KeystorePath = options.KeystorePath,
            PasswordEnvironmentVariable = options.PasswordEnvironmentVariable,
            PasswordFile = options.PasswordFile,
        };
        var content = new AssetContentOptions
        {
            Folder = folder,
            NodeKey = key,
            ConsumerKey = key,
            AssetRegistry = deployment.AddressOf(nameof(AssetRegistry)).ToString(),
            AccessPasses = deployment.AddressOf(nameof(AccessPasses)).ToString(),
            SignIn = new SignInOptions { Domain = origin.Authority, Scheme = origin.Scheme, ChainId = deployment.ChainId },
            NonceStore = new NonceStoreOptions { ConnectionString = $"Data Source={Path.Combine(folder, "nonces.db")}" },
            RecomputeDigests = options.RecomputeDigests,
        };
        ValidateOptionsResult check = new AssetContentOptionsValidator().Validate(null, content);
        if (check.Failed)
        {
            throw PlatformException.BadInput($"Hub:Content: {check.FailureMessage}");
        }
        OpenedKeystores? opened = services.Select(s => s.ImplementationInstance).OfType<OpenedKeystores>().LastOrDefault();
        if (opened is null)
        {
            services.AddSingleton(opened = new OpenedKeystores());
        }
        try
        {
            // Opened now, so a wrong password stops the start with one line rather than the first download.
            KeystoreKeyLoader.Load(key, opened: opened);
        }
        catch (SigningKeyException e)
        {
            throw PlatformException.BadInput($"Hub:Content: {e.Message}");
        }
        services.AddAssetContent(content);
    }
}
