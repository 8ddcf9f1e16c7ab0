using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<SigningKeyOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SigningKeyOptions>, SigningKeyOptionsValidator>();
        return services;
    }
}
