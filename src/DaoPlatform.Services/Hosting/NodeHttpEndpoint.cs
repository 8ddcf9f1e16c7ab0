using System.Net;
using DaoPlatform.Services.Chain;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Hosting;

/// <summary>
/// Serves, on 127.0.0.1:<see cref="NodeHttpOptions.Port"/> only, <c>GET /health</c>: the <see cref="HealthReport"/>
/// as JSON, status 200 while healthy and 503 otherwise (for a supervisor or a load balancer); and, when
/// <see cref="NodeHttpOptions.Dashboard"/> is set, the Hangfire dashboard of the host's job storage at <c>/hangfire</c>.
/// </summary>
public sealed partial class NodeHttpEndpoint : IHostedService, IAsyncDisposable
{
    private readonly NodeHttpOptions _options;
    private readonly NodeHealth _health;
    private readonly JobStorage _storage;
    private readonly ILogger<NodeHttpEndpoint> _logger;
    private WebApplication? _app;

    /// <summary>Creates the endpoint; nothing listens before <see cref="StartAsync"/>.</summary>
    public NodeHttpEndpoint(IOptions<NodeHttpOptions> options, NodeHealth health, JobStorage storage, ILogger<NodeHttpEndpoint> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _health = health;
        _storage = storage;
        _logger = logger;
    }

    /// <summary>The endpoint's base URL once started; null when <see cref="NodeHttpOptions.Port"/> is 0.</summary>
    public Uri? Url { get; private set; }

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Port == 0)
        {
            return;
        }
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, _options.Port));
        if (_options.Dashboard)
        {
            // The two services the dashboard middleware asks for, registered directly: AddHangfire would also point
            // Hangfire's process-wide log provider at this web app's logger factory, which dies with the endpoint.
            builder.Services.AddSingleton(GlobalConfiguration.Configuration);
            builder.Services.AddSingleton(DashboardRoutes.Routes);
        }
        WebApplication app = builder.Build();
        app.MapGet("/health", () =>
        {
            HealthReport report = _health.Report();
            return Results.Json(report, statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        if (_options.Dashboard)
        {
            // Kestrel binds only the loopback interface; the filter states the same rule for the dashboard itself.
            app.UseHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [new LocalRequestsOnlyAuthorizationFilter()] }, _storage);
        }
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        Url = new Uri($"http://127.0.0.1:{_options.Port}/");
        LogListening(Url, _options.Dashboard);
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP endpoint on {Url}: /health; Hangfire dashboard at /hangfire: {Dashboard}")]
    private partial void LogListening(Uri url, bool dashboard);
}
