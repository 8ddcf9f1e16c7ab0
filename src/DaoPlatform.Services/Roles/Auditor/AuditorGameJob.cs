using System.Numerics;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Sending;
using DaoPlatform.Evaluation.LargeModels;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Services.Chain;
using DaoPlatform.Services.Jobs;
using DaoPlatform.Services.Sending;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging;

namespace DaoPlatform.Services.Roles.Auditor;

/// <summary>
/// Plays a prediction game the auditor opened (docs/training-tasks.md §8.2) to its end: once the evaluator answered,
/// move 3 proves the first wrong neuron of the trace (<c>proveNeuron</c>: its row and proof, and the sample with its
/// proof for layer 0); when the evaluator let its turn pass, <c>timeoutGame</c>. When the disputed model was committed
/// without publication and its bytes are in no content store any more (docs/training-tasks.md §8.5), the true trace kept
/// at the opening (<see cref="DisputedTraces"/>) names the one row the proof needs: the job forces the chunk holding it on
/// chain (<c>forceChunk</c>), waits for its resolution, proves from the row in the resolution's calldata, and ends the game
/// by <c>timeoutGame</c> should nobody resolve it in time.
/// </summary>
public sealed class AuditorGameJob(
    ChainReader reader, RevealedDataReader data, GameReader games, AvailabilityReader availability, DisputedTraces traces,
    PlatformContracts contracts, RoleSenders senders, JobRunner runner, ILogger<AuditorGameJob> logger)
{
    /// <summary>Runs the job for the game opened at <paramref name="openedAt"/> on result <paramref name="resultHash"/> of task <paramref name="taskId"/>.</summary>
    public Task RunAsync(ulong taskId, string resultHash, ulong openedAt, CancellationToken cancellationToken) =>
        runner.RunAsync(NodeRoles.Auditor, JobKeys.PlayGame(taskId, resultHash, openedAt), logger, () => PlayAsync(taskId, cancellationToken));

    private async Task PlayAsync(ulong taskId, CancellationToken cancellationToken)
    {
        ChainSender sender = senders.For(NodeRoles.Auditor);
        TaskSnapshot task = (await reader.ReadLatestAsync(taskId, cancellationToken).ConfigureAwait(false)).ForChallenger(sender.Address);
        switch (Decisions.AuditorGame(task, sender.Address))
        {
            case GameMove.Timeout:
                if (await sender.SendAsync(GameMoves.Timeout(contracts.Verifier.Address, task), cancellationToken).ConfigureAwait(false) is { } timedOut)
                {
                    logger.LogInformation("The evaluator of task {TaskId} did not answer the game: result {ResultHash} overturned by timeout, transaction {Transaction}",
                        taskId, task.ResultHashHex, timedOut.TransactionHash);
                }
                break;
            case GameMove.ProveNeuron:
                await ProveAsync(task, sender, cancellationToken).ConfigureAwait(false);
                break;
            default:
                logger.LogInformation("Auditor has no move in a game on task {TaskId} at {Timestamp}", taskId, task.Timestamp);
                break;
        }
    }

    private async Task ProveAsync(TaskSnapshot task, ChainSender sender, CancellationToken cancellationToken)
    {
        byte[] trace = await games.AnsweredTraceAsync(task, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<RevealedModel> models;
        try
        {
            models = await data.ReadModelsAsync(task, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelUnavailableException e)
        {
            await ProveFromChunkAsync(task, sender, trace, e, cancellationToken).ConfigureAwait(false);
            return;
        }
        byte[] records = await data.ReadTestSetAsync(task, cancellationToken).ConfigureAwait(false);
        if (GameMoves.ProveNeuron(contracts.Verifier.Address, task, models[task.Game.Model].Model, records, trace) is not { } move)
        {
            // The answer is the true trace: its argmax is the posted prediction, so the game cannot be won.
            logger.LogWarning("The trace answered on task {TaskId} (model {Model}, sample {Sample}) is correct: no neuron to prove",
                task.TaskId, task.Game.Model, task.Game.SampleIndex);
            return;
        }
        if (await sender.SendAsync(move, cancellationToken).ConfigureAwait(false) is { } proven)
        {
            logger.LogInformation("Proved the answered trace wrong ({Summary}): result {ResultHash} of task {TaskId} overturned, transaction {Transaction}",
                move.Summary, task.ResultHashHex, task.TaskId, proven.TransactionHash);
        }
    }

    /// <summary>
    /// The proof when the disputed model's bytes are nowhere (<paramref name="unavailable"/>): from its resolved chunk, after
    /// forcing that chunk on chain; or a win by timeout once the forced chunk's deadline passed unresolved.
    /// </summary>
    private async Task ProveFromChunkAsync(TaskSnapshot task, ChainSender sender, byte[] answered, ModelUnavailableException unavailable, CancellationToken cancellationToken)
    {
        if (traces.Find(task.TaskId, task.ResultHashHex) is not { } kept || kept.Model != task.Game.Model || kept.Sample != task.Game.SampleIndex)
        {
            logger.LogWarning("Cannot prove the game on task {TaskId}: {Reason}, and this node kept no trace of model {Model} for sample {Sample} to name the row to force",
                task.TaskId, unavailable.Message, task.Game.Model, task.Game.SampleIndex);
            return;
        }
        if (ForcedChunks.NeuronToProve(kept.Trace, Traces.Decode(answered, kept.Dims[1..])) is not (int layer, int neuron))
        {
            logger.LogWarning("The trace answered on task {TaskId} (model {Model}, sample {Sample}) is the true one: no neuron to prove",
                task.TaskId, task.Game.Model, task.Game.SampleIndex);
            return;
        }
        int entry = (int)(await contracts.Tasks.RevealedModelsAsync(task.TaskId, task.BlockNumber, cancellationToken).ConfigureAwait(false)).EntryIndexes[task.Game.Model];
        int row = ForcedChunks.RowIndex(kept.Dims, layer, neuron);
        if (await data.ReadResolvedRowAsync(task, entry, row, cancellationToken).ConfigureAwait(false) is { } proven)
        {
            byte[] records = await data.ReadTestSetAsync(task, cancellationToken).ConfigureAwait(false);
            Move prove = GameMoves.ProveNeuron(contracts.Verifier.Address, task, proven, answered, layer, neuron, records);
            if (await sender.SendAsync(prove, cancellationToken).ConfigureAwait(false) is { } receipt)
            {
                logger.LogInformation("Proved the answered trace wrong from a resolved chunk ({Summary}): result {ResultHash} of task {TaskId} overturned, transaction {Transaction}",
                    prove.Summary, task.ResultHashHex, task.TaskId, receipt.TransactionHash);
            }
            return;
        }
        if (await games.ForcedChunkAsync(task, cancellationToken).ConfigureAwait(false) is { } forced)
        {
            if (task.Timestamp < forced.ResolveDeadline)
            {
                logger.LogInformation("Waiting for chunk {Chunk} of entry {Entry} in task {TaskId}, forced on chain, to be resolved by {Deadline}",
                    forced.Chunk, forced.Entry, task.TaskId, forced.ResolveDeadline);
                return;
            }
            if (await sender.SendAsync(GameMoves.TimeoutUnavailable(contracts.Verifier.Address, task, forced), cancellationToken).ConfigureAwait(false) is { } won)
            {
                logger.LogInformation("Chunk {Chunk} of entry {Entry} in task {TaskId} was not resolved by {Deadline}: game won, result {ResultHash} overturned, transaction {Transaction}",
                    forced.Chunk, forced.Entry, task.TaskId, forced.ResolveDeadline, task.ResultHashHex, won.TransactionHash);
            }
            return;
        }
        CommittedModel committed = (await availability.CommittedModelsAsync(task, cancellationToken).ConfigureAwait(false)).LastOrDefault(m => m.Entry == entry)
            ?? throw new InvalidDataException($"task {task.TaskId}: entry {entry} committed no model up to block {task.BlockNumber}");
        int chunk = ForcedChunks.ChunkOf(row, new ModelAssembler(committed.Header, committed.RowsRoot).AvailabilityHeight);
        ModelAvailability game = await availability.ContractAsync(cancellationToken).ConfigureAwait(false);
        ModelAvailability.ChallengesOutput challenge = await game.ChallengesAsync(task.TaskId, entry, chunk, task.BlockNumber, cancellationToken).ConfigureAwait(false);
        BigInteger bond = challenge.Challenger != Address.Zero
            ? BigInteger.Zero // under challenge already: the game waits on it without a bond
            : await game.ChallengeBondAsync(task.BlockNumber, cancellationToken).ConfigureAwait(false);
        Move force = GameMoves.ForceChunk(contracts.Verifier.Address, task, chunk, bond);
        if (await sender.SendAsync(force, cancellationToken).ConfigureAwait(false) is { } sent)
        {
            logger.LogInformation("Forced chunk {Chunk} of entry {Entry} in task {TaskId} on chain for neuron {Neuron} of layer {Layer} ({Reason}): transaction {Transaction}",
                chunk, entry, task.TaskId, neuron, layer, unavailable.Message, sent.TransactionHash);
        }
    }
}
