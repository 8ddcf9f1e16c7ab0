using System.ComponentModel.DataAnnotations;

namespace DaoPlatform.Services.Jobs;

/// <summary>
/// The Hangfire dashboard (configuration section <c>Jobs:Dashboard</c>): queues, retries, parked (failed) jobs.
/// It always binds 127.0.0.1 only; reach it from elsewhere through an SSH tunnel or an authenticating reverse proxy.
/// </summary>
public sealed class JobDashboardOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Jobs:Dashboard";

    /// <summary>The TCP port on 127.0.0.1 the dashboard is served on at <c>/hangfire</c>; 0 (the default) turns it off.</summary>
    [Range(0, 65535)]
    public int Port { get; set; }
}
