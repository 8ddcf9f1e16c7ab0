using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Health;

/// <summary>
/// The node's HTTP port at <see cref="NodeOptions.HealthUrl"/> (Kestrel on 127.0.0.1 only): <c>GET /health</c> (and
/// <c>/</c>) answers the <see cref="HealthReport"/> as JSON, 200 when healthy and 503 otherwise; <c>GET /metrics</c>
/// answers <see cref="NodeMetrics"/> in the Prometheus text format; with the relayer role, <c>POST /ballots</c> and
/// <c>POST /delegations</c> take a signed ballot or delegation file's JSON into the relayer's inbox (202 with the file's name, 400 naming what is wrong). The port is bound in <see cref="StartAsync"/>,
/// so a port already in use fails the host's start (exit code 3), before any job runs.
/// </summary>
public sealed partial class NodeEndpoint(
    HealthProbe probe, NodeMetrics metrics, Roles.Relayer.RelayerInbox ballots, IOptions<NodeOptions> options, ILogger<NodeEndpoint> logger)
    : Hosting.LoopbackWebEndpoint
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The base URL once started.</summary>
    public Uri? Url { get; private set; }

    /// <inheritdoc/>
    /// <exception cref="IOException">The port cannot be bound (in use, or not permitted).</exception>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        Uri url = options.Value.HealthUrl!;
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, url.Port));
        WebApplication app = builder.Build();
        app.MapGet("/", HealthAsync);
        app.MapGet("/health", HealthAsync);
        app.MapGet("/metrics", () => Results.Text(metrics.Export(), "text/plain; version=0.0.4; charset=utf-8"));
        if (options.Value.Roles.HasFlag(NodeRoles.Relayer))
        {
            app.MapPost("/ballots", (HttpRequest request, CancellationToken cancellationToken) => AcceptAsync(request, "ballot", ballots.AcceptBallotAsync, cancellationToken));
            app.MapPost("/delegations", (HttpRequest request, CancellationToken cancellationToken) => AcceptAsync(request, "delegation", ballots.AcceptDelegationAsync, cancellationToken));
        }
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        Started(app);
        Url = new Uri($"http://127.0.0.1:{url.Port}/");
        LogListening(Url);
    }

    private async Task<IResult> HealthAsync(CancellationToken cancellationToken)
    {
        HealthReport report = await probe.CheckAsync(cancellationToken).ConfigureAwait(false);
        return Results.Json(report, Json, statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> AcceptAsync(
        HttpRequest request, string kind, Func<string, CancellationToken, Task<string>> accept, CancellationToken cancellationToken)
    {
        // A ballot or delegation file is a few hundred bytes.
        if (request.ContentLength is not > 0 and <= 16_384)
        {
            return Results.Json(new { error = $"a {kind} file is up to 16 KiB, with a Content-Length" }, Json, statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        using var reader = new StreamReader(request.Body);
        string json = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            string name = await accept(json, cancellationToken).ConfigureAwait(false);
            return Results.Json(new { file = name }, Json, statusCode: StatusCodes.Status202Accepted);
        }
        catch (FormatException e)
        {
            return Results.Json(new { error = $"not a {kind} file: {e.Message}" }, Json, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Health at {Url}health, metrics at {Url}metrics")]
    private partial void LogListening(Uri url);
}
