using System.Net;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Jobs;

/// <summary>
/// Serves the Hangfire dashboard of the host's <see cref="JobStorage"/> at <c>http://127.0.0.1:&lt;port&gt;/hangfire</c>
/// (Kestrel bound to the loopback interface only) while the host runs; nothing when
/// <see cref="JobDashboardOptions.Port"/> is 0.
/// </summary>
public sealed partial class JobDashboardEndpoint : Hosting.LoopbackWebEndpoint
{
    private readonly JobDashboardOptions _options;
    private readonly JobStorage _storage;
    private readonly ILogger<JobDashboardEndpoint> _logger;

    /// <summary>Creates the endpoint; nothing listens before <see cref="StartAsync"/>.</summary>
    public JobDashboardEndpoint(IOptions<JobDashboardOptions> options, JobStorage storage, ILogger<JobDashboardEndpoint> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _storage = storage;
        _logger = logger;
    }

    /// <summary>The dashboard's URL once started; null when it is off.</summary>
    public Uri? Url { get; private set; }

    /// <inheritdoc/>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Port == 0)
        {
            return;
        }
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, _options.Port));
        // The two services the dashboard middleware asks for, registered directly: AddHangfire would also point
        // Hangfire's process-wide log provider at this web app's logger factory, which dies with the endpoint.
        builder.Services.AddSingleton(GlobalConfiguration.Configuration);
        builder.Services.AddSingleton(DashboardRoutes.Routes);
        WebApplication app = builder.Build();
        // Kestrel binds only the loopback interface; the filter states the same rule for the dashboard itself.
        app.UseHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [new LocalRequestsOnlyAuthorizationFilter()] }, _storage);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        Started(app);
        Url = new Uri($"http://127.0.0.1:{_options.Port}/hangfire");
        LogListening(Url);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hangfire dashboard at {Url}")]
    private partial void LogListening(Uri url);
}
