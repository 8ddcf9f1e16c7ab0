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
        services.AddSingleton<IContentStore>(provider => ContentStores.Create(provider.GetRequiredService<IOptions<ContentStoreOptions>>().Value));
        return services;
    }
}
