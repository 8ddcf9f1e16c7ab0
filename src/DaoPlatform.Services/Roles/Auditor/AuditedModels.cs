namespace DaoPlatform.Services.Roles.Auditor;

/// <summary>
/// The committed large models this node's auditor sampled (and challenged where it had to), by task, entry and model
/// root, so that a model is audited once however often the follower plans the audit. Bounded: past
/// <see cref="Capacity"/> entries the oldest are forgotten (and would be fetched again; a chunk already challenged is
/// not challenged twice, the contract refuses it).
/// </summary>
public sealed class AuditedModels
{
    /// <summary>The most models remembered.</summary>
    public const int Capacity = 4096;

    private readonly Lock _lock = new();
    private readonly HashSet<(ulong, int, string)> _audited = [];
    private readonly Queue<(ulong, int, string)> _order = new();

    /// <summary>Whether entry <paramref name="entry"/>'s model <paramref name="modelRoot"/> of task <paramref name="taskId"/> was audited.</summary>
    public bool IsAudited(ulong taskId, int entry, string modelRoot)
    {
        ArgumentNullException.ThrowIfNull(modelRoot);
        lock (_lock)
        {
            return _audited.Contains((taskId, entry, modelRoot.ToUpperInvariant()));
        }
    }

    /// <summary>Remembers that the model was audited.</summary>
    public void MarkAudited(ulong taskId, int entry, string modelRoot)
    {
        ArgumentNullException.ThrowIfNull(modelRoot);
        var key = (taskId, entry, modelRoot.ToUpperInvariant());
        lock (_lock)
        {
            if (!_audited.Add(key))
            {
                return;
            }
            _order.Enqueue(key);
            if (_order.Count > Capacity)
            {
                _audited.Remove(_order.Dequeue());
            }
        }
    }
}
