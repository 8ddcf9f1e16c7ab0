using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DaoPlatform.Services.Hosting;

/// <summary>Registers the node's HTTP endpoint.</summary>
public static class HostingServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="NodeHttpOptions"/> to <paramref name="section"/> (validated at start) and runs
    /// <see cref="NodeHttpEndpoint"/> as a hosted service. Needs the node's <see cref="Chain.NodeHealth"/> and
    /// <see cref="Hangfire.JobStorage"/> (registered by the node).
    /// </summary>
    public static IServiceCollection AddNodeHttpEndpoint(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<NodeHttpOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<NodeHttpEndpoint>();
        services.AddHostedService(provider => provider.GetRequiredService<NodeHttpEndpoint>());
        return services;
    }
}
