using DaoPlatform.Assets.Access;
using DaoPlatform.Assets.Store.Encryption;
using DaoPlatform.Assets.Http;
using DaoPlatform.Assets.Nonces;
using DaoPlatform.Assets.SignIn;
using DaoPlatform.Assets.Store.Storage;
using DaoPlatform.Contracts.Registry;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Keystore;
using DaoPlatform.Ethereum.Sending;
using DaoPlatform.Ethereum.SignIn;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Deployment;

namespace DaoPlatform.Hub;

/// <summary>
/// The content service beside the hub (docs/assets.md): Sign-In with Ethereum for the hub's own origin, the encrypted
/// store in <see cref="HubContentOptions.Folder"/>, and the pass checks on chain, mapped by
/// <see cref="AssetContentEndpoints.MapAssetContent"/>. The one place that composes it, until the content service
/// offers its own registration.
/// </summary>
internal static class HubContent
{
    /// <summary>Whether <paramref name="options"/> turns the service on.</summary>
    public static bool IsOn(HubContentOptions options) => !string.IsNullOrEmpty(options.Folder);

    /// <summary>Registers the service's parts for a hub served at <paramref name="origin"/> over <paramref name="deployment"/>.</summary>
    /// <exception cref="PlatformException">The node key cannot be opened, or the deployment has no access passes.</exception>
    public static async Task AddAsync(IServiceCollection services, HubContentOptions options, Uri origin, DeploymentRecord deployment, EthRpcClient eth, CancellationToken cancellationToken)
    {
        string folder = Path.GetFullPath(options.Folder!);
        EthereumKey key = await OpenNodeKeyAsync(options, cancellationToken).ConfigureAwait(false);
        if (!deployment.Contracts.ContainsKey(nameof(AccessPasses)))
        {
            throw PlatformException.BadInput($"Hub:Content: the deployment record has no {nameof(AccessPasses)} contract to check passes with");
        }
        var nodeKey = NodeKey.FromKey(key);
        var store = new EncryptedAssetStore(new LocalFolderStore(Path.Combine(folder, "blocks")), Path.Combine(folder, "manifests"), nodeKey);
        var nonces = new NonceStoreOptions { ConnectionString = $"Data Source={Path.Combine(folder, "nonces.db")}" };
        // The node key records uses (consume) where the asset's owner made it a consumer: one sender, its nonces from the chain.
        var sender = new ContractConnection(eth, new TransactionSender(eth, key, deployment.ChainId, new NonceTracker(eth)));
        services.AddSingleton(nodeKey);
        services.AddSingleton(store);
        services.AddSingleton(_ => nonces.CreateStore());
        services.AddSingleton(provider => new SignInService(
            provider.GetRequiredService<SqlNonceStore>(),
            new SiweVerifier(new Eip1271(eth)),
            new SignInOptions { Domain = origin.Authority, Scheme = origin.Scheme, ChainId = deployment.ChainId },
            nonces.Lifetime));
        services.AddSingleton<IAssetLedger>(new ChainAssetLedger(
            new AssetRegistry(deployment.AddressOf(nameof(AssetRegistry)), sender),
            new AccessPasses(deployment.AddressOf(nameof(AccessPasses)), sender),
            eth));
    }

    private static async Task<EthereumKey> OpenNodeKeyAsync(HubContentOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.KeystorePath))
        {
            throw PlatformException.BadInput("Hub:Content:KeystorePath is required with Hub:Content:Folder (the node key wraps the assets' keys)");
        }
        string? password = options.PasswordFile is { Length: > 0 } file
            ? (await ReadFirstLineAsync(file, cancellationToken).ConfigureAwait(false))
            : options.PasswordEnvironmentVariable is { Length: > 0 } variable
                ? Environment.GetEnvironmentVariable(variable) ?? throw PlatformException.BadInput($"Hub:Content: the password variable {variable} is not set")
                : throw PlatformException.BadInput("Hub:Content needs PasswordEnvironmentVariable or PasswordFile for the node key");
        string json;
        try
        {
            json = await File.ReadAllTextAsync(options.KeystorePath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw PlatformException.BadInput($"Hub:Content:KeystorePath '{options.KeystorePath}' cannot be read: {e.Message}");
        }
        try
        {
            return Web3SecretStorage.Decrypt(json, password);
        }
        catch (KeystoreException e)
        {
            throw PlatformException.BadInput($"Hub:Content: the node key '{options.KeystorePath}' does not open: {e.Message}");
        }
    }

    private static async Task<string> ReadFirstLineAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            string text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            return text.Split('\n', 2)[0].TrimEnd('\r');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw PlatformException.BadInput($"Hub:Content:PasswordFile '{path}' cannot be read: {e.Message}");
        }
    }
}
