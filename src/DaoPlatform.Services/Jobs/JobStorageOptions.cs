using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Jobs;

/// <summary>Where Hangfire keeps its queues and job states.</summary>
public enum JobStorageKind
{
    /// <summary>In this process's memory (the default): one worker process; jobs are re-planned from the chain after a restart.</summary>
    InMemory,

    /// <summary>A PostgreSQL database (Hangfire.PostgreSql) that many worker processes on many machines share.</summary>
    PostgreSql,
}

/// <summary>
/// Hangfire's storage (configuration section <c>Jobs:Storage</c>). For PostgreSQL, keep the password out of
/// the connection string: Npgsql reads it from the <c>PGPASSWORD</c> environment variable or a
/// <c>Passfile</c> (a .pgpass file) named in the connection string.
/// </summary>
public sealed class JobStorageOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Jobs:Storage";

    /// <summary>The storage; <see cref="JobStorageKind.InMemory"/> by default.</summary>
    public JobStorageKind Kind { get; set; } = JobStorageKind.InMemory;

    /// <summary>The Npgsql connection string (for <see cref="JobStorageKind.PostgreSql"/>), e.g. <c>Host=db;Database=hangfire;Username=node</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The schema Hangfire's tables live in; created with them on first use.</summary>
    public string SchemaName { get; set; } = "hangfire";

    /// <summary>
    /// How long a fetched job stays invisible to other workers after its worker last showed it alive, before it is
    /// handed out again (the worker is presumed dead). The timeout slides: a live worker's server renews its jobs'
    /// fetch time in the background (Hangfire.PostgreSql's sliding invisibility timeout), so a long evaluation is
    /// never handed out twice, and a killed worker's job is back in the queue this long after the kill instead of
    /// staying "Processing" for hours. 5 minutes by default.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often an idle worker polls the queue; 1 s by default (Hangfire.PostgreSql's is 15 s).</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>Checks <see cref="JobStorageOptions"/>, naming each wrong setting.</summary>
public sealed class JobStorageOptionsValidator : IValidateOptions<JobStorageOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, JobStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Kind is not (JobStorageKind.InMemory or JobStorageKind.PostgreSql))
        {
            errors.Add($"{JobStorageOptions.Section}:Kind '{options.Kind}' is not one of InMemory, PostgreSql.");
        }
        if (options.Kind == JobStorageKind.PostgreSql && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add($"{JobStorageOptions.Section}:ConnectionString is required for PostgreSQL storage.");
        }
        if (string.IsNullOrWhiteSpace(options.SchemaName))
        {
            errors.Add($"{JobStorageOptions.Section}:SchemaName must not be empty.");
        }
        if (options.InvisibilityTimeout < TimeSpan.FromSeconds(15))
        {
            errors.Add($"{JobStorageOptions.Section}:InvisibilityTimeout must be at least 15 s (live workers renew it in the background); got {options.InvisibilityTimeout}.");
        }
        if (options.QueuePollInterval <= TimeSpan.Zero)
        {
            errors.Add($"{JobStorageOptions.Section}:QueuePollInterval must be positive; got {options.QueuePollInterval}.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
