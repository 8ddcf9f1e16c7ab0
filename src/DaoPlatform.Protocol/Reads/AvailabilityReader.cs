using System.Numerics;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Protocol.Reads;

/// <summary>A large model entry <paramref name="Entry"/> committed without publishing it (<c>ModelCommitted</c>), in block <paramref name="Block"/>.</summary>
public sealed record CommittedModel(
    int Entry, byte[] ModelRoot, byte[] RowsRoot, int ChunkCount, string Cid, byte[] Header, ulong Block, string TransactionHash);

/// <summary>Where a challenge of a chunk stands.</summary>
public enum ChunkChallengeState
{
    /// <summary>Neither resolved nor slashed: resolvable until its deadline, slashable after.</summary>
    Open,

    /// <summary>Its rows were posted: the chunk is on chain for good.</summary>
    Resolved,

    /// <summary>Ended unresolved by <c>slashUnavailable</c> (the contract deleted it).</summary>
    Slashed,
}

/// <summary>
/// A challenge of chunk <paramref name="Chunk"/> of entry <paramref name="Entry"/>'s committed model, as the
/// <c>ChunkChallenged</c> log and the contract's storage at the snapshot's block give it; times in seconds.
/// </summary>
public sealed record ChunkChallenge(int Entry, int Chunk, Address Challenger, BigInteger Bond, ulong ResolveDeadline, ChunkChallengeState State);

/// <summary>
/// Reads the availability game of a task's committed large models (docs/training-tasks.md §8.5): the models committed,
/// the challenges of their chunks and where each stands. Logs are read from the task's creation block (the snapshot's
/// <see cref="TaskSnapshot.CreatedBlock"/>) to the snapshot's block, in ranges of <see cref="ReadOptions.MaxLogRange"/>.
/// </summary>
public sealed class AvailabilityReader
{
    private readonly PlatformContracts _contracts;
    private readonly ReadOptions _options;
    private ModelAvailability? _availability;

    /// <summary>Reads through <paramref name="contracts"/> from <paramref name="options"/>' start block.</summary>
    public AvailabilityReader(PlatformContracts contracts, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        ArgumentNullException.ThrowIfNull(options);
        _contracts = contracts;
        _options = options;
    }

    /// <summary>The <c>ModelAvailability</c> contract the training tasks deployed (<c>TrainingTasks.availability()</c>, immutable).</summary>
    public async Task<ModelAvailability> ContractAsync(CancellationToken cancellationToken)
    {
        if (_availability is { } known)
        {
            return known;
        }
        Address address = await _contracts.Tasks.AvailabilityAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return _availability = new ModelAvailability(address, _contracts.Connection);
    }

    /// <summary>The models of the task committed without publication up to the snapshot's block, in log order.</summary>
    /// <exception cref="InvalidDataException">A log was reorganised away.</exception>
    public async Task<IReadOnlyList<CommittedModel>> CommittedModelsAsync(TaskSnapshot task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        List<EventLog<TrainingTasks.ModelCommittedEvent>> logs = await LogRanges.QueryAsync(task.CreatedBlock, task.BlockNumber, _options.MaxLogRange,
            (start, end) => _contracts.Tasks.QueryModelCommittedEventsAsync(start, end, taskId: new BigInteger(task.TaskId), cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. logs.Select(l => new CommittedModel((int)l.Event.EntryIndex, l.Event.ModelRoot, l.Event.RowsRoot, (int)l.Event.ChunkCount,
            l.Event.Cid, l.Event.Header, l.Log.BlockNumber, l.Log.TransactionHash))];
    }

    /// <summary>
    /// Every chunk of the task challenged up to the snapshot's block, once each (the latest challenge of a chunk that
    /// was slashed and challenged again), with its state at that block.
    /// </summary>
    /// <exception cref="InvalidDataException">A log was reorganised away.</exception>
    public async Task<IReadOnlyList<ChunkChallenge>> ChallengesAsync(TaskSnapshot task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ModelAvailability availability = await ContractAsync(cancellationToken).ConfigureAwait(false);
        var id = new BigInteger(task.TaskId);
        List<EventLog<ModelAvailability.ChunkChallengedEvent>> logs = await LogRanges.QueryAsync(task.CreatedBlock, task.BlockNumber, _options.MaxLogRange,
            (start, end) => availability.QueryChunkChallengedEventsAsync(start, end, taskId: id, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var latest = new Dictionary<(int, int), ModelAvailability.ChunkChallengedEvent>();
        foreach (EventLog<ModelAvailability.ChunkChallengedEvent> log in logs)
        {
            latest[((int)log.Event.Entry, (int)log.Event.Chunk)] = log.Event;
        }
        var challenges = new List<ChunkChallenge>(latest.Count);
        foreach (((int entry, int chunk), ModelAvailability.ChunkChallengedEvent challenged) in latest)
        {
            ModelAvailability.ChallengesOutput stored = await availability.ChallengesAsync(id, entry, chunk, task.BlockNumber, cancellationToken).ConfigureAwait(false);
            ChunkChallengeState state = stored.Resolved ? ChunkChallengeState.Resolved
                : stored.Challenger == Address.Zero ? ChunkChallengeState.Slashed
                : ChunkChallengeState.Open;
            challenges.Add(new ChunkChallenge(entry, chunk, challenged.Challenger, challenged.Bond, (ulong)challenged.ResolveDeadline, state));
        }
        return challenges;
    }

    /// <summary>The trainer of entry <paramref name="entry"/> of the task.</summary>
    public async Task<Address> TrainerAsync(TaskSnapshot task, int entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        return (await _contracts.Tasks.EntryAtAsync(task.TaskId, entry, task.BlockNumber, cancellationToken).ConfigureAwait(false)).Trainer;
    }
}
