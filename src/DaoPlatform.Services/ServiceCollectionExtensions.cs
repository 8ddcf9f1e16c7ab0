using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DaoPlatform.Services;

/// <summary>Registers the node's services in a host.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the node: options bound from <paramref name="configuration"/> (section <see cref="NodeOptions.Section"/>)
    /// and validated when the host starts, so a bad setting stops it with one message.
    /// </summary>
    public static IServiceCollection AddDaoPlatformNode(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<NodeOptions>()
            .Bind(configuration.GetSection(NodeOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }
}
