using System.Collections.Concurrent;
using System.Numerics;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Ethereum.Contracts;

namespace DaoPlatform.Protocol.Reads;

/// <summary>
/// The block each task was created in (the block of its <c>TaskCreated</c> log): the first block of every log query
/// about the task, so what reading a task costs depends on the task's age, never on the chain's. A follower records
/// each task as it sees the log; a task not recorded is looked for newest range first, from the block read back to
/// <see cref="ReadOptions.StartBlock"/> (the deployment block), one <c>eth_getLogs</c> of at most
/// <see cref="ReadOptions.MaxLogRange"/> blocks at a time, filtered by the task id. Safe for concurrent use.
/// </summary>
public sealed class TaskCreationBlocks
{
    private readonly ConcurrentDictionary<ulong, ulong> _blocks = new();
    private readonly TrainingTasks _tasks;
    private readonly ReadOptions _options;

    /// <summary>Looks tasks up through <paramref name="contracts"/> back to <paramref name="options"/>' start block.</summary>
    public TaskCreationBlocks(PlatformContracts contracts, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfZero(options.MaxLogRange);
        _tasks = contracts.Tasks;
        _options = options;
    }

    /// <summary>
    /// Records that task <paramref name="taskId"/> was created in block <paramref name="blockNumber"/>, as its
    /// <c>TaskCreated</c> log says; a later record wins (the creation was reorganised into another block).
    /// </summary>
    public void Record(ulong taskId, ulong blockNumber) => _blocks[taskId] = blockNumber;

    /// <summary>The block task <paramref name="taskId"/> was created in, at or before <paramref name="atBlock"/>.</summary>
    /// <exception cref="InvalidDataException">No <c>TaskCreated</c> log of the task between the start block and <paramref name="atBlock"/>, or one marked removed.</exception>
    public async Task<ulong> FindAsync(ulong taskId, ulong atBlock, CancellationToken cancellationToken)
    {
        if (_blocks.TryGetValue(taskId, out ulong known) && known <= atBlock)
        {
            return known;
        }
        var id = new BigInteger(taskId);
        ulong first = _options.StartBlock;
        // Newest range first: a task is read soon after it is created, so the search is about as long as the task is old.
        for (ulong end = atBlock; end >= first;)
        {
            ulong start = end - first + 1 > _options.MaxLogRange ? end - _options.MaxLogRange + 1 : first;
            IReadOnlyList<EventLog<TrainingTasks.TaskCreatedEvent>> logs = await _tasks.QueryTaskCreatedEventsAsync(
                start, end, taskId: id, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (logs.Count > 0)
            {
                EventLog<TrainingTasks.TaskCreatedEvent> log = logs[^1];
                if (log.Log.Removed)
                {
                    throw new InvalidDataException(
                        $"eth_getLogs [{start}, {end}] returned the TaskCreated log of task {taskId} marked removed (block {log.Log.BlockNumber}): the chain reorganised, retry");
                }
                Record(taskId, log.Log.BlockNumber);
                return log.Log.BlockNumber;
            }
            if (start == first)
            {
                break;
            }
            end = start - 1;
        }
        throw new InvalidDataException($"task {taskId}: no TaskCreated log between block {first} and block {atBlock}");
    }
}
