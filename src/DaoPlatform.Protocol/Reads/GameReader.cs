using System.Numerics;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Hex;

namespace DaoPlatform.Protocol.Reads;

/// <summary>
/// The chunk <paramref name="Chunk"/> of entry <paramref name="Entry"/>'s committed model that a game forced on chain
/// (<c>OptimisticVerifier.forcedChunks</c>), resolvable until <paramref name="ResolveDeadline"/> (seconds).
/// </summary>
public sealed record ForcedChunk(int Entry, int Chunk, ulong ResolveDeadline);

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

    /// <summary>The chunk the open game of the snapshot (<see cref="TaskSnapshot.Game"/>) forced on chain at its block, or null when none.</summary>
    public async Task<ForcedChunk?> ForcedChunkAsync(TaskSnapshot task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        OptimisticVerifier.ForcedChunksOutput forced = await _contracts.Verifier.ForcedChunksAsync(
            new BigInteger(task.TaskId), task.Game.Challenger, task.BlockNumber, cancellationToken).ConfigureAwait(false);
        return forced.Forced ? new ForcedChunk((int)forced.Entry, (int)forced.Chunk, (ulong)forced.ResolveDeadline) : null;
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
