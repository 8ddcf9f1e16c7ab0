using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace DaoPlatform.Services.Hosting;

/// <summary>
/// A small web app the node serves on 127.0.0.1 beside its jobs (health and metrics, the Hangfire dashboard): the
/// subclass builds and starts it in <see cref="StartAsync"/> and hands it to <see cref="Started"/>; stopping and
/// disposing it are the same for every such endpoint.
/// </summary>
public abstract class LoopbackWebEndpoint : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <inheritdoc/>
    public abstract Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Keeps <paramref name="app"/>, already started, so that the host's stop and dispose reach it.</summary>
    protected void Started(WebApplication app) => _app = app;

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
        GC.SuppressFinalize(this);
    }
}
