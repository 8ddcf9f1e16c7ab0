using System.ComponentModel.DataAnnotations;

namespace DaoPlatform.Services.Hosting;

/// <summary>
/// The node's HTTP endpoint (configuration section <c>Http</c>): <c>GET /health</c> and, when enabled, the
/// Hangfire dashboard at <c>/hangfire</c>. It always binds 127.0.0.1 only; reach it from elsewhere through an
/// SSH tunnel or a reverse proxy that adds authentication.
/// </summary>
public sealed class NodeHttpOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Http";

    /// <summary>The TCP port on 127.0.0.1; 0 (the default) serves nothing.</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    /// <summary>Whether <c>/hangfire</c> serves the Hangfire dashboard (queues, retries, failed jobs); off by default.</summary>
    public bool Dashboard { get; set; }
}
