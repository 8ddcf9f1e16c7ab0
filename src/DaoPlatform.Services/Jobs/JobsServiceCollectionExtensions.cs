using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Jobs;

/// <summary>Registers Hangfire's storage and dashboard in a host.</summary>
public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="JobStorageOptions"/> to <paramref name="section"/> (validated at start) and registers the
    /// storage they describe (<see cref="JobStorageFactory.Create"/>) as the host's <see cref="JobStorage"/> singleton.
    /// </summary>
    public static IServiceCollection AddJobStorage(this IServiceCollection services, IConfiguration section)
    {
        services.AddValidatedOptions<JobStorageOptions, JobStorageOptionsValidator>(section);
        services.AddSingleton(provider => JobStorageFactory.Create(provider.GetRequiredService<IOptions<JobStorageOptions>>().Value));
        return services;
    }

    /// <summary>
    /// Binds <see cref="JobDashboardOptions"/> to <paramref name="section"/> (validated at start) and runs
    /// <see cref="JobDashboardEndpoint"/> as a hosted service over the host's <see cref="JobStorage"/>.
    /// </summary>
    public static IServiceCollection AddJobDashboard(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<JobDashboardOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<JobDashboardEndpoint>();
        services.AddHostedService(provider => provider.GetRequiredService<JobDashboardEndpoint>());
        return services;
    }
}
