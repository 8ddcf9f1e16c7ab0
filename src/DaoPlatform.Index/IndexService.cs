using DaoPlatform.Ethereum.JsonRpc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DaoPlatform.Index;

/// <summary>What the follower last saw: when it last reached the node, the head then, and the last failure (null after a success).</summary>
public sealed class ChainWatch(TimeProvider time)
{
    private readonly Lock _gate = new();
    private (DateTimeOffset? LastSuccess, string? LastError) _state;

    /// <summary>True when the last poll failed: the hub shows a banner.</summary>
    public bool NodeDown
    {
        get
        {
            lock (_gate)
            {
                return _state.LastError is not null;
            }
        }
    }

    /// <summary>The last failure in words, or null.</summary>
    public string? LastError
    {
        get
        {
            lock (_gate)
            {
                return _state.LastError;
            }
        }
    }

    /// <summary>Records a successful poll.</summary>
    public void Succeeded()
    {
        lock (_gate)
        {
            _state = (time.GetUtcNow(), null);
        }
    }

    /// <summary>Records a failed poll.</summary>
    public void Failed(string reason)
    {
        lock (_gate)
        {
            _state = (_state.LastSuccess, reason);
        }
    }
}

/// <summary>Runs <see cref="IndexFollower.TickAsync"/> every poll interval; a failing tick is logged and retried, never fatal.</summary>
public sealed class IndexService(IndexFollower follower, ChainWatch watch, IndexOptions options, TimeProvider time, ILogger<IndexService> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Indexing {Count} contracts from block {Start}, confirmation depth {Depth}", options.Contracts.Count, options.StartBlock, options.ConfirmationDepth);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int added = await follower.TickAsync(stoppingToken).ConfigureAwait(false);
                watch.Succeeded();
                if (added > 0 && logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("Indexed {Count} events", added);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is RpcException or InvalidDataException or HttpRequestException or System.Data.Common.DbException)
            {
                watch.Failed(e.Message);
                logger.LogWarning("Index tick failed, retrying after {Interval}: {Reason}", options.PollInterval, e.Message);
            }
            try
            {
                await Task.Delay(options.PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
