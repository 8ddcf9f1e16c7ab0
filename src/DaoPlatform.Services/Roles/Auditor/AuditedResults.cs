namespace DaoPlatform.Services.Roles.Auditor;

/// <summary>
/// The posted results this node's auditor re-evaluated and found correct, by task and result hash, so that a result
/// is evaluated once however often the follower plans its audit (a result is immutable: its hash names its content).
/// Bounded: past <see cref="Capacity"/> entries the oldest are forgotten (and would be evaluated again).
/// </summary>
public sealed class AuditedResults
{
    /// <summary>The most results remembered.</summary>
    public const int Capacity = 4096;

    private readonly Lock _lock = new();
    private readonly HashSet<(ulong, string)> _correct = [];
    private readonly Queue<(ulong, string)> _order = new();

    /// <summary>Whether result <paramref name="resultHash"/> of task <paramref name="taskId"/> was found correct.</summary>
    public bool IsKnownCorrect(ulong taskId, string resultHash)
    {
        lock (_lock)
        {
            return _correct.Contains((taskId, resultHash.ToUpperInvariant()));
        }
    }

    /// <summary>Remembers that result <paramref name="resultHash"/> of task <paramref name="taskId"/> is correct.</summary>
    public void MarkCorrect(ulong taskId, string resultHash)
    {
        ArgumentNullException.ThrowIfNull(resultHash);
        var key = (taskId, resultHash.ToUpperInvariant());
        lock (_lock)
        {
            if (!_correct.Add(key))
            {
                return;
            }
            _order.Enqueue(key);
            if (_order.Count > Capacity)
            {
                _correct.Remove(_order.Dequeue());
            }
        }
    }
}
