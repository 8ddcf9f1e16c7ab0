using System.Collections.Concurrent;

namespace DaoPlatform.Services.Roles;

/// <summary>
/// A planner's memory of why each task waits, so that a wait is logged once when it starts or its reason changes
/// rather than on every block (planners run on every tick; the reason is re-derived from each snapshot). A task that
/// leaves the follower's open set (settled, or reorganised away) is <see cref="Forget"/>-ed, so that a long-running
/// node keeps an entry only per open task.
/// </summary>
public sealed class WaitingTasks
{
    private readonly ConcurrentDictionary<ulong, string> _reasons = new();

    /// <summary>
    /// Records that <paramref name="taskId"/> waits because of <paramref name="reason"/> (null: it no longer waits);
    /// true when the reason is new for the task, i.e. when the caller should log it.
    /// </summary>
    public bool Changed(ulong taskId, string? reason)
    {
        if (reason is null)
        {
            _reasons.TryRemove(taskId, out _);
            return false;
        }
        bool changed = !_reasons.TryGetValue(taskId, out string? previous) || previous != reason;
        _reasons[taskId] = reason;
        return changed;
    }

    /// <summary>Forgets <paramref name="taskId"/> (it left the open set while it waited).</summary>
    public void Forget(ulong taskId) => _reasons.TryRemove(taskId, out _);

    /// <summary>How many tasks are remembered as waiting.</summary>
    public int Count => _reasons.Count;
}
