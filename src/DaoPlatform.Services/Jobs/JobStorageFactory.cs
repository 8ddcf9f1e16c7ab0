using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Jobs;

/// <summary>Builds the configured Hangfire <see cref="JobStorage"/> and registers it in a host.</summary>
public static class JobStorageFactory
{
    /// <summary>
    /// A new storage as <paramref name="options"/> describe. For PostgreSQL, the schema is created or
    /// migrated on first use, so every worker process can start against an empty database.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="JobStorageOptionsValidator"/>).</exception>
    public static JobStorage Create(JobStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateOptionsResult validation = new JobStorageOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new ArgumentException(validation.FailureMessage, nameof(options));
        }
        if (options.Kind == JobStorageKind.InMemory)
        {
            return new InMemoryStorage();
        }
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = options.SchemaName,
            PrepareSchemaIfNecessary = true,
            InvisibilityTimeout = options.InvisibilityTimeout,
            QueuePollInterval = options.QueuePollInterval,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(options.ConnectionString!, storageOptions), storageOptions);
    }

    /// <summary>
    /// Binds <see cref="JobStorageOptions"/> to <paramref name="section"/> (validated at start) and registers the
    /// storage they describe as the host's <see cref="JobStorage"/> singleton.
    /// </summary>
    public static IServiceCollection AddJobStorage(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<JobStorageOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobStorageOptions>, JobStorageOptionsValidator>();
        services.AddSingleton(provider => Create(provider.GetRequiredService<IOptions<JobStorageOptions>>().Value));
        return services;
    }
}
