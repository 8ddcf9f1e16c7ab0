namespace DaoPlatform.Services.Chain;

/// <summary>What the health endpoint reports: the follower's cursor, the chain head, the open tasks and the last error.</summary>
public sealed class NodeHealth
{
    private readonly Lock _lock = new();
    private ChainCursor? _cursor;
    private ulong _head;
    private int _openTasks;
    private string? _lastError;
    private DateTimeOffset _lastProgress;

    /// <summary>Records a processed block.</summary>
    public void Progress(ChainCursor cursor, ulong head, int openTasks, DateTimeOffset at)
    {
        lock (_lock)
        {
            (_cursor, _head, _openTasks, _lastError, _lastProgress) = (cursor, head, openTasks, null, at);
        }
    }

    /// <summary>Records a failed tick.</summary>
    public void Failed(string error)
    {
        lock (_lock)
        {
            _lastError = error;
        }
    }

    /// <summary>A snapshot for the health endpoint.</summary>
    public HealthReport Report()
    {
        lock (_lock)
        {
            return new HealthReport(_lastError is null && _cursor is not null, _cursor?.Number, _cursor?.Hash, _head, _openTasks, _lastError, _lastProgress);
        }
    }
}

/// <summary>The health endpoint's body.</summary>
public sealed record HealthReport(bool Healthy, ulong? CursorBlock, string? CursorHash, ulong Head, int OpenTasks, string? LastError, DateTimeOffset LastProgress);
