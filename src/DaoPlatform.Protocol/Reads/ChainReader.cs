using System.Numerics;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Protocol.Rules;

namespace DaoPlatform.Protocol.Reads;

/// <summary>
/// Reads <see cref="TaskSnapshot"/>s: every value of one snapshot comes from the same block, in one JSON-RPC batch
/// (the task's terms, state, evaluation deadline, pending claim and challengers, whether payouts wait for the
/// availability game of committed models and until when), plus a second batch only while
/// prediction games are open on the pending result (one call per challenger's game). The task's creation block comes
/// from <see cref="TaskCreationBlocks"/>, without a request once the follower recorded it.
/// </summary>
public sealed class ChainReader
{
    private readonly PlatformContracts _contracts;
    private readonly TaskCreationBlocks _creations;

    /// <summary>Reads through <paramref name="contracts"/>, with the creation blocks <paramref name="creations"/> knows or finds.</summary>
    public ChainReader(PlatformContracts contracts, TaskCreationBlocks creations)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        ArgumentNullException.ThrowIfNull(creations);
        _contracts = contracts;
        _creations = creations;
    }

    /// <summary>The latest block's header.</summary>
    /// <exception cref="InvalidDataException">The node returned no latest block.</exception>
    public async Task<BlockHeader> LatestAsync(CancellationToken cancellationToken)
    {
        return await _contracts.Eth.GetBlockByNumberAsync(BlockTag.Latest, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException("eth_getBlockByNumber(latest) returned null");
    }

    /// <summary>Task <paramref name="taskId"/> as of <paramref name="block"/>.</summary>
    /// <exception cref="TrainingTasks.TaskNotFoundError">No such task at that block.</exception>
    /// <exception cref="InvalidDataException">The task exists but no <c>TaskCreated</c> log of it is found.</exception>
    public async Task<TaskSnapshot> ReadAsync(ulong taskId, BlockHeader block, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(block);
        var id = new BigInteger(taskId);
        Address tasks = _contracts.Tasks.Address;
        Address verifier = _contracts.Verifier.Address;
        var batch = new CallBatch(block.Number);
        var config = batch.Add(tasks, TrainingTasks.Definition, TrainingTasks.EncodeTaskConfigCall(id), TrainingTasks.DecodeTaskConfigOutput);
        var state = batch.Add(tasks, TrainingTasks.Definition, TrainingTasks.EncodeTaskStateCall(id), TrainingTasks.DecodeTaskStateOutput);
        var deadline = batch.Add(tasks, TrainingTasks.Definition, TrainingTasks.EncodeEvaluationDeadlineCall(id), TrainingTasks.DecodeEvaluationDeadlineOutput);
        var claim = batch.Add(verifier, OptimisticVerifier.Definition, OptimisticVerifier.EncodeClaimsCall(id), OptimisticVerifier.DecodeClaimsOutput);
        var challengers = batch.Add(verifier, OptimisticVerifier.Definition, OptimisticVerifier.EncodeGameChallengersCall(id), OptimisticVerifier.DecodeGameChallengersOutput);
        var availabilityPending = batch.Add(tasks, TrainingTasks.Definition, TrainingTasks.EncodeAvailabilityPendingCall(id), TrainingTasks.DecodeAvailabilityPendingOutput);
        var challengeDeadline = batch.Add(tasks, TrainingTasks.Definition, TrainingTasks.EncodeAvailabilityChallengeDeadlineCall(id), TrainingTasks.DecodeAvailabilityChallengeDeadlineOutput);
        await batch.SendAsync(_contracts.Eth.Rpc, cancellationToken).ConfigureAwait(false);
        TrainingTasks.TaskConfig terms = config.Value;
        ulong createdBlock = await _creations.FindAsync(taskId, block.Number, cancellationToken).ConfigureAwait(false);

        // Every challenger plays its own game (docs/training-tasks.md §8.2): read the open ones of the pending result.
        List<OptimisticVerifier.GamesOutput> games = [];
        if (claim.Value.Evaluator != Address.Zero && challengers.Value.Challengers.Count > 0)
        {
            var gameBatch = new CallBatch(block.Number);
            var reads = challengers.Value.Challengers
                .Select(c => gameBatch.Add(verifier, OptimisticVerifier.Definition, OptimisticVerifier.EncodeGamesCall(id, c), OptimisticVerifier.DecodeGamesOutput))
                .ToArray();
            await gameBatch.SendAsync(_contracts.Eth.Rpc, cancellationToken).ConfigureAwait(false);
            games.AddRange(reads.Select(r => r.Value).Where(g => g.Challenger != Address.Zero));
        }
        // The snapshot's game is the first one still to be answered, else the first open one (an all-zero game when none).
        OptimisticVerifier.GamesOutput shown = games.FirstOrDefault(g => g.TraceHash.AsSpan().IndexOfAnyExcept((byte)0) < 0)
            ?? games.FirstOrDefault() ?? TaskSnapshot.NoGame;
        return new TaskSnapshot(taskId, terms, state.Value, (ulong)deadline.Value, claim.Value, shown, block.Number, block.Timestamp, createdBlock) 
        {
            OpenGames = games,
            AvailabilityPending = availabilityPending.Value,
            AvailabilityEnds = (ulong)challengeDeadline.Value + ContractLimits.ResolveWindowSeconds,
        };
    }

    /// <summary>Task <paramref name="taskId"/> as of the latest block.</summary>
    public async Task<TaskSnapshot> ReadLatestAsync(ulong taskId, CancellationToken cancellationToken) =>
        await ReadAsync(taskId, await LatestAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
}
