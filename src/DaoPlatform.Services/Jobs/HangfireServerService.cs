using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Jobs;

/// <summary>Runs this host's Hangfire server on the host's job storage (in-memory unless configured otherwise).</summary>
internal sealed class HangfireServerService(
    JobStorage storage, JobFilters filters, IServiceScopeFactory scopes, IOptions<JobsOptions> options) : IHostedService, IDisposable
{
    private BackgroundJobServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var serverOptions = new BackgroundJobServerOptions
        {
            WorkerCount = options.Value.WorkerCount,
            SchedulePollingInterval = options.Value.SchedulePollingInterval,
            ServerName = $"daoplatform-node:{Environment.ProcessId}:{Guid.NewGuid():N}",
            Activator = new ServiceProviderJobActivator(scopes),
            FilterProvider = filters.Provider,
            StopTimeout = TimeSpan.FromSeconds(5),
            ShutdownTimeout = TimeSpan.FromSeconds(10),
        };
        _server = new BackgroundJobServer(serverOptions, storage);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            _server.SendStop();
            try
            {
                await _server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Jobs still running are abandoned as a crash would abandon them: the storage re-queues them, or the
                // follower plans them again, and each re-reads the chain before acting.
            }
        }
    }

    public void Dispose() => _server?.Dispose();
}
