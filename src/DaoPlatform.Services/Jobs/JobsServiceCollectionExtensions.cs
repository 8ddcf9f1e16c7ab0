using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Jobs;

/// <summary>Registers Hangfire's storage in a host.</summary>
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
}
