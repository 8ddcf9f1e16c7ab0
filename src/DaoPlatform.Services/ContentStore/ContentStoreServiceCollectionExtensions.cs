using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.ContentStore;

/// <summary>Registers the configured <see cref="IContentStore"/>.</summary>
public static class ContentStoreServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="ContentStoreOptions"/> to <paramref name="section"/> (validated at start) and
    /// registers the store of its <see cref="ContentStoreOptions.Kind"/> as a singleton <see cref="IContentStore"/>.
    /// </summary>
    public static IServiceCollection AddContentStore(this IServiceCollection services, IConfiguration section)
    {
        services.AddValidatedOptions<ContentStoreOptions, ContentStoreOptionsValidator>(section);
        services.AddSingleton<IContentStore>(provider => Create(provider.GetRequiredService<IOptions<ContentStoreOptions>>().Value));
        return services;
    }

    /// <summary>The store <paramref name="options"/> describe (already validated).</summary>
    public static IContentStore Create(ContentStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Kind switch
        {
            ContentStoreKind.Gateway => new GatewayContentStore(options.GatewayUrl!, options.RequestTimeout, options.MaxContentBytes),
            ContentStoreKind.Kubo => new KuboContentStore(options.KuboUrl!, options.RequestTimeout, options.MaxContentBytes),
            _ => new LocalContentStore(options.LocalPath, options.MaxContentBytes),
        };
    }
}
