namespace DaoPlatform.Services.Health;

/// <summary>
/// What the node's own loops report for the health endpoint: the follower's last tick (its cursor, the head it saw,
/// the open tasks, its error if the tick failed) and the last decision a role job made. The dependencies (chain node,
/// job storage) are probed when asked (<see cref="HealthProbe"/>), not taken from here.
/// </summary>
public sealed class NodeHealth
{
    private readonly Lock _lock = new();
    private FollowerReport _follower = new(null, null, 0, 0, null, null);
    private DecisionReport? _lastDecision;

    /// <summary>Records a successful tick, whether or not it found a new block: the follower is keeping up with <paramref name="head"/>.</summary>
    public void Ticked(ulong? cursor, string? cursorHash, ulong head, int openTasks, DateTimeOffset at)
    {
        lock (_lock)
        {
            _follower = new FollowerReport(cursor, cursorHash, head, openTasks, null, at);
        }
    }

    /// <summary>Records a failed tick.</summary>
    public void Failed(string error)
    {
        lock (_lock)
        {
            _follower = _follower with { LastError = error };
        }
    }

    /// <summary>Records what a role job decided: the job's key, its outcome (<c>acted</c>, <c>idle</c>, <c>failed</c>) and a line saying why.</summary>
    public void Decided(string job, string outcome, string? detail, DateTimeOffset at)
    {
        lock (_lock)
        {
            _lastDecision = new DecisionReport(job, outcome, detail, at);
        }
    }

    /// <summary>The follower's state.</summary>
    public FollowerReport Follower
    {
        get
        {
            lock (_lock)
            {
                return _follower;
            }
        }
    }

    /// <summary>The last decision, if a job ran.</summary>
    public DecisionReport? LastDecision
    {
        get
        {
            lock (_lock)
            {
                return _lastDecision;
            }
        }
    }
}

/// <summary>The follower's last tick: cursor (null before the first block), head, open tasks, the error of a failed tick, when it last succeeded.</summary>
public sealed record FollowerReport(ulong? CursorBlock, string? CursorHash, ulong Head, int OpenTasks, string? LastError, DateTimeOffset? LastTick);

/// <summary>A role job's decision: its key, outcome, why, and when.</summary>
public sealed record DecisionReport(string Job, string Outcome, string? Detail, DateTimeOffset At);
