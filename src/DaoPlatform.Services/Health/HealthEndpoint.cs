using System.Net;
using System.Text.Json;
using DaoPlatform.Services.Chain;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Health;

/// <summary>
/// Serves <see cref="NodeHealth"/> as JSON at <see cref="NodeOptions.HealthUrl"/> (loopback only): 200 when the
/// follower's last tick succeeded, 503 otherwise.
/// </summary>
internal sealed class HealthEndpoint(NodeHealth health, IOptions<NodeOptions> options, ILogger<HealthEndpoint> logger) : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Uri url = options.Value.HealthUrl!;
        using var listener = new HttpListener();
        listener.Prefixes.Add(url.GetLeftPart(UriPartial.Authority) + "/");
        listener.Start();
        logger.LogInformation("Health endpoint listening at {Url}", url);
        using CancellationTokenRegistration stop = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException && stoppingToken.IsCancellationRequested)
            {
                break;
            }
            HealthReport report = health.Report();
            context.Response.StatusCode = report.Healthy ? 200 : 503;
            context.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(context.Response.OutputStream, report, Json, stoppingToken).ConfigureAwait(false);
            context.Response.Close();
        }
    }
}
