using System.Numerics;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Services.Health;
using DaoPlatform.Services.Jobs;
using DaoPlatform.Services.Roles;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Chain;

/// <summary>
/// The monitor: wakes on each new head, advances a cursor (number and hash) to head − confirmation depth, learns
/// new tasks from <c>TaskCreated</c> logs fetched in bounded ranges (recording each task's creation block in
/// <see cref="TaskCreationBlocks"/>), and for every open task reads one snapshot (one JSON-RPC batch) and
/// enqueues the jobs the configured roles' planners (<see cref="IRolePlanner"/>) return; it knows no role itself. It keeps nothing but the cursor, recent block hashes (to detect
/// reorgs) and the open task ids; after a restart it rebuilds them from the start block. A failing tick (node down,
/// malformed answer) is logged and retried on the next poll; it never stops the host.
/// </summary>
public sealed class ChainFollower : BackgroundService
{
    private const int RecentBlocks = 128;

    private readonly PlatformContracts _contracts;
    private readonly ChainReader _reader;
    private readonly TaskCreationBlocks _creations;
    private readonly JobQueue _queue;
    private readonly IEnumerable<IRolePlanner> _planners;
    private readonly NodeHealth _health;
    private readonly NodeMetrics _metrics;
    private readonly NodeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ChainFollower> _logger;
    private readonly SortedSet<ulong> _openTasks = [];
    private readonly SortedDictionary<ulong, string> _recent = [];
    private ChainCursor? _cursor;
    private bool _stateLoaded;

    /// <summary>Follows the chain for the configured roles.</summary>
    public ChainFollower(
        PlatformContracts contracts, ChainReader reader, TaskCreationBlocks creations, JobQueue queue, IEnumerable<IRolePlanner> planners, NodeHealth health,
        NodeMetrics metrics, IOptions<NodeOptions> options, TimeProvider time, ILogger<ChainFollower> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _contracts = contracts;
        _reader = reader;
        _creations = creations;
        _queue = queue;
        _planners = planners;
        _health = health;
        _metrics = metrics;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _logger.LogInformation("Following chain {ChainId} at {Url} from block {Start} with roles {Roles}, confirmation depth {Depth}",
            _options.ChainId, _options.RpcUrl, _options.StartBlock, _options.Roles, _options.ConfirmationDepth);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await TickAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                _health.Failed(e.Message);
                _logger.LogWarning("Chain follower tick failed, retrying after {Interval}: {Reason}", _options.PollInterval, e.Message);
            }
            try
            {
                await Task.Delay(_options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>
    /// One poll: advance the cursor if the confirmed head moved, then plan jobs for the open tasks. A poll that finds
    /// no new block is a success too (the follower is keeping up), so health recovers without waiting for a block.
    /// </summary>
    internal async Task TickAsync(CancellationToken cancellationToken)
    {
        if (!_stateLoaded)
        {
            await LoadStateAsync(cancellationToken).ConfigureAwait(false);
        }
        ulong head = await _contracts.Eth.BlockNumberAsync(cancellationToken).ConfigureAwait(false);
        if (head < _options.ConfirmationDepth)
        {
            Ticked(head);
            return;
        }
        ulong target = head - _options.ConfirmationDepth;
        if (_cursor is { } cursor && cursor.Number == target
            && (await BlockAsync(target, cancellationToken).ConfigureAwait(false)).Hash == cursor.Hash)
        {
            Ticked(head);
            return;
        }
        await RewindOnReorgAsync(cancellationToken).ConfigureAwait(false);
        // Never before the start block, even when the chain was behind it at start (the launcher refuses that, a test host may not).
        ulong from = Math.Max(_cursor is { } c ? c.Number + 1 : 0, _options.StartBlock);
        if (from <= target)
        {
            var created = await LogRanges.QueryAsync(from, target, _options.MaxLogRange,
                (f, t) => _contracts.Tasks.QueryTaskCreatedEventsAsync(f, t, cancellationToken: cancellationToken)).ConfigureAwait(false);
            foreach (var log in created)
            {
                ulong taskId = (ulong)log.Event.TaskId;
                // Every log query about the task starts at this block: its jobs' reads cost the same on a chain of any age.
                _creations.Record(taskId, log.Log.BlockNumber);
                if (_openTasks.Add(taskId))
                {
                    _logger.LogInformation("Found task {TaskId} created by {Submitter} in block {Block}", taskId, log.Event.Submitter, log.Log.BlockNumber);
                }
            }
        }
        BlockHeader block = await BlockAsync(target, cancellationToken).ConfigureAwait(false);
        Remember(block);
        _cursor = new ChainCursor(block.Number, block.Hash);
        await PlanAsync(block, cancellationToken).ConfigureAwait(false);
        await SaveStateAsync(cancellationToken).ConfigureAwait(false);
        Ticked(head);
    }

    /// <summary>Resumes from <see cref="NodeOptions.StateFile"/> when it holds this chain's and contract's state.</summary>
    private async Task LoadStateAsync(CancellationToken cancellationToken)
    {
        _stateLoaded = true;
        if (_options.StateFile is not { } path)
        {
            return;
        }
        FollowerState? state;
        try
        {
            state = await FollowerState.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException e)
        {
            _logger.LogWarning("Follower state {Path} is unreadable, scanning from block {Start}: {Reason}", path, _options.StartBlock, e.Message);
            return;
        }
        string tasks = _contracts.Tasks.Address.ToString().ToLowerInvariant();
        if (state is null || state.ChainId != _options.ChainId || state.TrainingTasks != tasks || state.Cursor.Number < _options.StartBlock)
        {
            if (state is not null)
            {
                _logger.LogWarning("Follower state {Path} is for chain {ChainId} and TrainingTasks {Tasks}, not this node's: scanning from block {Start}",
                    path, state.ChainId, state.TrainingTasks, _options.StartBlock);
            }
            return;
        }
        _cursor = state.Cursor;
        foreach ((ulong taskId, ulong created) in state.OpenTasks)
        {
            _creations.Record(taskId, created);
            _openTasks.Add(taskId);
        }
        // A cursor whose block the chain no longer has is rewound (RewindOnReorgAsync), to the start block at worst.
        _logger.LogInformation("Resuming after block {Block} from {Path} with {Count} open task(s)", state.Cursor.Number, path, state.OpenTasks.Count);
    }

    private async Task SaveStateAsync(CancellationToken cancellationToken)
    {
        if (_options.StateFile is not { } path || _cursor is not { } cursor)
        {
            return;
        }
        var open = new Dictionary<ulong, ulong>();
        foreach (ulong taskId in _openTasks)
        {
            open[taskId] = await _creations.FindAsync(taskId, cursor.Number, cancellationToken).ConfigureAwait(false);
        }
        await new FollowerState(_options.ChainId, _contracts.Tasks.Address.ToString().ToLowerInvariant(), cursor, open).SaveAsync(path, cancellationToken).ConfigureAwait(false);
    }

    private void Ticked(ulong head)
    {
        _health.Ticked(_cursor?.Number, _cursor?.Hash, head, _openTasks.Count, _time.GetUtcNow());
        _metrics.Follower(_cursor?.Number ?? 0, head, _openTasks.Count);
    }

    private async Task PlanAsync(BlockHeader block, CancellationToken cancellationToken)
    {
        IRolePlanner[] planners = _planners.Where(p => _options.Roles.HasFlag(p.Role)).ToArray();
        var atStake = planners.Select(p => p.Role).Distinct().ToDictionary(r => r, _ => BigInteger.Zero);
        foreach (IRolePlanner planner in planners)
        {
            Enqueue(planner.PlanBlock(block));
        }
        foreach (ulong taskId in _openTasks.ToArray())
        {
            TaskSnapshot task;
            try
            {
                task = await _reader.ReadAsync(taskId, block, cancellationToken).ConfigureAwait(false);
            }
            catch (Contracts.Training.TrainingTasks.TaskNotFoundError)
            {
                _logger.LogWarning("Task {TaskId} no longer exists at block {Block} (its creation was reorganised away)", taskId, block.Number);
                Leave(taskId, planners);
                continue;
            }
            if (task.State.Settled && !task.HasPendingResult)
            {
                _logger.LogInformation("Task {TaskId} is settled: no longer followed", taskId);
                Leave(taskId, planners);
                continue;
            }
            foreach (IRolePlanner planner in planners)
            {
                atStake[planner.Role] += planner.AtStake(task);
                Enqueue(planner.Plan(task));
            }
        }
        foreach ((NodeRoles role, BigInteger stake) in atStake)
        {
            _metrics.BondsAtStake(role, stake);
        }
    }

    private void Leave(ulong taskId, IRolePlanner[] planners)
    {
        _openTasks.Remove(taskId);
        foreach (IRolePlanner planner in planners)
        {
            planner.Left(taskId);
        }
    }

    private void Enqueue(IEnumerable<PlannedJob> jobs)
    {
        foreach (PlannedJob job in jobs)
        {
            if (_queue.Enqueue(job.Key, job.Job))
            {
                _logger.LogInformation("Enqueued job {Job}", job.Key);
            }
        }
    }

    /// <summary>
    /// If the block at the cursor changed (or is gone: the new branch is shorter), steps back to the newest block
    /// whose hash is still the one seen.
    /// </summary>
    private async Task RewindOnReorgAsync(CancellationToken cancellationToken)
    {
        if (_cursor is not { } cursor || (await HashAtAsync(cursor.Number, cancellationToken).ConfigureAwait(false)) == cursor.Hash)
        {
            return;
        }
        _cursor = null;
        foreach ((ulong number, string hash) in _recent.Reverse().ToArray())
        {
            _recent.Remove(number);
            if ((await HashAtAsync(number, cancellationToken).ConfigureAwait(false)) == hash)
            {
                _recent[number] = hash;
                _cursor = new ChainCursor(number, hash);
                break;
            }
        }
        _logger.LogWarning("Reorg: block {Block} changed its hash; resuming after block {Resume}", cursor.Number, _cursor?.Number.ToString() ?? "the start block");
    }

    private void Remember(BlockHeader block)
    {
        _recent[block.Number] = block.Hash;
        while (_recent.Count > RecentBlocks)
        {
            _recent.Remove(_recent.Keys.First());
        }
    }

    private async Task<string?> HashAtAsync(ulong number, CancellationToken cancellationToken) =>
        (await _contracts.Eth.GetBlockByNumberAsync(BlockTag.Number(number), cancellationToken).ConfigureAwait(false))?.Hash;

    private async Task<BlockHeader> BlockAsync(ulong number, CancellationToken cancellationToken)
    {
        BlockHeader block = await _contracts.Eth.GetBlockByNumberAsync(BlockTag.Number(number), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"eth_getBlockByNumber({number}) returned null below the head");
        return block.Number == number ? block : throw new InvalidDataException($"eth_getBlockByNumber({number}) answered with block {block.Number}");
    }

    /// <summary>The ids of the tasks being followed (for tests and the health report).</summary>
    internal IReadOnlyCollection<ulong> OpenTasks => _openTasks;

    /// <summary>The cursor, if any block was processed.</summary>
    internal ChainCursor? Cursor => _cursor;

}
