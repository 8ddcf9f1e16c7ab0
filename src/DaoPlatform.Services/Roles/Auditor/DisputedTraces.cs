namespace DaoPlatform.Services.Roles.Auditor;

/// <summary>
/// The true trace of each sample this node's auditor disputed in a prediction game, kept when it opened the game and
/// still had the model (docs/training-tasks.md §8.5): should a committed model's bytes vanish from every content store
/// before the proof, the trace names the one row the proof needs (<see cref="ForcedChunks.NeuronToProve"/>), whose chunk
/// the game then forces on chain. In memory and bounded: past <see cref="Capacity"/> games the oldest are forgotten, and
/// a node restarted without its model's bytes cannot find the row (it logs so).
/// </summary>
public sealed class DisputedTraces
{
    /// <summary>The most games remembered.</summary>
    public const int Capacity = 1024;

    private readonly Lock _lock = new();
    private readonly Dictionary<(ulong, string), DisputedTrace> _traces = [];
    private readonly Queue<(ulong, string)> _order = new();

    /// <summary>The trace kept for the game on result <paramref name="resultHash"/> of task <paramref name="taskId"/>, or null.</summary>
    public DisputedTrace? Find(ulong taskId, string resultHash)
    {
        ArgumentNullException.ThrowIfNull(resultHash);
        lock (_lock)
        {
            return _traces.GetValueOrDefault((taskId, resultHash.ToUpperInvariant()));
        }
    }

    /// <summary>Keeps <paramref name="trace"/> for the game on result <paramref name="resultHash"/> of task <paramref name="taskId"/>.</summary>
    public void Keep(ulong taskId, string resultHash, DisputedTrace trace)
    {
        ArgumentNullException.ThrowIfNull(resultHash);
        ArgumentNullException.ThrowIfNull(trace);
        var key = (taskId, resultHash.ToUpperInvariant());
        lock (_lock)
        {
            if (_traces.TryAdd(key, trace))
            {
                _order.Enqueue(key);
                if (_order.Count > Capacity)
                {
                    _traces.Remove(_order.Dequeue());
                }
            }
        }
    }
}

/// <summary>
/// The true trace of sample <paramref name="Sample"/> through revealed model <paramref name="Model"/>: one array per
/// layer (hidden activations, then the output logits), for a model of layer widths <paramref name="Dims"/> (inputs first).
/// </summary>
public sealed record DisputedTrace(int Model, int Sample, int[] Dims, int[][] Trace);
