using DaoPlatform.Assets.Access;
using DaoPlatform.Assets.Store.Encryption;
using DaoPlatform.Assets.Nonces;
using DaoPlatform.Assets.SignIn;
using DaoPlatform.Assets.Store.Storage;
using DaoPlatform.Contracts.Registry;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Keystore;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Sending;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Ethereum.SignIn;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Assets.Hosting;

/// <summary>Composes the content service in a host: <c>services.AddAssetContent(configuration)</c>, then <c>app.MapAssetContent()</c>.</summary>
public static class AssetContentServiceCollectionExtensions
{
    /// <summary>
    /// Registers what <see cref="Http.AssetContentEndpoints.MapAssetContent"/> needs, from the section
    /// <see cref="AssetContentOptions.Section"/> of <paramref name="configuration"/> (validated when the host starts):
    /// the encrypted store in a local folder under the node key, the nonce and session store, the sign-in service
    /// (EIP-1271 through the chain), and the pass checks on the deployed contracts, recording uses with the consumer key.
    /// The host must register an <see cref="EthRpcClient"/> (the node does).
    /// </summary>
    public static IServiceCollection AddAssetContent(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AssetContentOptions>().Bind(configuration.GetSection(AssetContentOptions.Section)).ValidateOnStart();
        return AddParts(services);
    }

    /// <summary>
    /// The same, with options a host derives itself (the hub takes the domain, chain and contracts from its deployment
    /// record); validated when the host starts, as the configured ones are.
    /// </summary>
    public static IServiceCollection AddAssetContent(this IServiceCollection services, AssetContentOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddOptions<AssetContentOptions>().Configure(o =>
        {
            o.Folder = options.Folder;
            o.NodeKey = options.NodeKey;
            o.ConsumerKey = options.ConsumerKey;
            o.AssetRegistry = options.AssetRegistry;
            o.AccessPasses = options.AccessPasses;
            o.SignIn = options.SignIn;
            o.NonceStore = options.NonceStore;
            o.RecomputeDigests = options.RecomputeDigests;
        }).ValidateOnStart();
        return AddParts(services);
    }

    private static IServiceCollection AddParts(IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<AssetContentOptions>, AssetContentOptionsValidator>();
        // The node key and the consumer key are often one keystore: decrypted once.
        services.TryAddSingleton<OpenedKeystores>();
        services.AddSingleton(provider => Options(provider).NonceStore.CreateStore(provider.GetService<TimeProvider>()));
        services.AddSingleton(provider =>
        {
            AssetContentOptions options = Options(provider);
            return NodeKey.FromKey(KeystoreKeyLoader.Load(options.NodeKey, opened: provider.GetRequiredService<OpenedKeystores>()));
        });
        services.AddSingleton(provider =>
        {
            AssetContentOptions options = Options(provider);
            return new EncryptedAssetStore(new LocalFolderStore(Path.Combine(options.Folder, "blocks")), Path.Combine(options.Folder, "manifests"), provider.GetRequiredService<NodeKey>())
            {
                RecomputeDigestsOnWholeReads = options.RecomputeDigests,
            };
        });
        services.AddSingleton(provider =>
        {
            AssetContentOptions options = Options(provider);
            SqlNonceStore store = provider.GetRequiredService<SqlNonceStore>();
            return new SignInService(store, new SiweVerifier(new Eip1271(provider.GetRequiredService<EthRpcClient>())), options.SignIn,
                options.NonceStore.Lifetime, provider.GetService<TimeProvider>(), store);
        });
        services.AddSingleton<IAssetLedger>(provider =>
        {
            AssetContentOptions options = Options(provider);
            EthRpcClient eth = provider.GetRequiredService<EthRpcClient>();
            EthereumKey consumer = KeystoreKeyLoader.Load(options.ConsumerKey, opened: provider.GetRequiredService<OpenedKeystores>());
            // The consumer key sends nothing but consume, so it keeps its own nonces.
            var connection = new ContractConnection(eth, new TransactionSender(eth, consumer, options.SignIn.ChainId, new NonceTracker(eth)));
            return new ChainAssetLedger(new AssetRegistry(Address.Parse(options.AssetRegistry!), connection),
                new AccessPasses(Address.Parse(options.AccessPasses!), connection), eth);
        });
        return services;
    }

    private static AssetContentOptions Options(IServiceProvider provider) => provider.GetRequiredService<IOptions<AssetContentOptions>>().Value;
}
