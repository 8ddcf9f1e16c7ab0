using System.Numerics;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Hex;

namespace DaoPlatform.Protocol.Reads;

/// <summary>Reads what a prediction game's moves carried (docs/training-tasks.md §8.2).</summary>
public sealed class GameReader
{
    private readonly PlatformContracts _contracts;
    private readonly ReadOptions _options;

    /// <summary>Reads through <paramref name="contracts"/> in ranges of <paramref name="options"/>' size, from each task's creation block.</summary>
    public GameReader(PlatformContracts contracts, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        ArgumentNullException.ThrowIfNull(options);
        _contracts = contracts;
        _options = options;
    }

    /// <summary>The trace the evaluator answered the task's open game with, from the <c>GameAnswered</c> log whose hash the game holds.</summary>
    /// <exception cref="InvalidDataException">No such log up to the snapshot's block.</exception>
    public async Task<byte[]> AnsweredTraceAsync(TaskSnapshot task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        List<EventLog<OptimisticVerifier.GameAnsweredEvent>> logs = await LogRanges.QueryAsync(
            task.CreatedBlock, task.BlockNumber, _options.MaxLogRange,
            (from, to) => _contracts.Verifier.QueryGameAnsweredEventsAsync(from, to, taskId: new BigInteger(task.TaskId), cancellationToken: cancellationToken)).ConfigureAwait(false);
        return logs.LastOrDefault(l => l.Event.TraceHash.AsSpan().SequenceEqual(task.Game.TraceHash))?.Event.Trace
            ?? throw new InvalidDataException($"task {task.TaskId}: no GameAnswered log with trace hash {HexConvert.Encode(task.Game.TraceHash)} up to block {task.BlockNumber}");
    }
}
