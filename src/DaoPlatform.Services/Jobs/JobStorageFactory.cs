using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace DaoPlatform.Services.Jobs;

/// <summary>Builds the configured Hangfire <see cref="JobStorage"/>.</summary>
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
        new JobStorageOptionsValidator().ThrowIfInvalid(options, nameof(options));
        if (options.Kind == JobStorageKind.InMemory)
        {
            return new InMemoryStorage();
        }
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = options.SchemaName,
            PrepareSchemaIfNecessary = true,
            InvisibilityTimeout = options.InvisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
            QueuePollInterval = options.QueuePollInterval,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(options.ConnectionString!, storageOptions), storageOptions);
    }
}
