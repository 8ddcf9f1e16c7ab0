using DaoPlatform.Ethereum.Keystore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DaoPlatform.Services.Keys;

/// <summary>Registers the signing key's options.</summary>
public static class KeysServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="SigningKeyOptions"/> to <paramref name="section"/>, validated when the host starts;
    /// load the key with <see cref="KeystoreKeyLoader.LoadAsync"/>.
    /// </summary>
    public static IServiceCollection AddSigningKeyOptions(this IServiceCollection services, IConfiguration section)
    {
        return services.AddValidatedOptions<SigningKeyOptions, SigningKeyOptionsValidator>(section);
    }
}
