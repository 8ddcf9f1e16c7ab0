using System.Numerics;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Evaluation;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.Identifiers;
using ModelCommitment = DaoPlatform.Evaluation.LargeModels.ModelCommitment;
using DaoPlatform.Protocol.Content;
using DaoPlatform.Protocol.Moves;

namespace DaoPlatform.Protocol.Reads;

/// <summary>Where a task's next version stands (docs/training-tasks.md §9.1), as <see cref="PendingNextVersion"/> reads it.</summary>
public enum NextVersionState
{
    /// <summary>No task has this id.</summary>
    UnknownTask,

    /// <summary>The task names no incumbent model: it has no next version to register.</summary>
    NoIncumbent,

    /// <summary>The task is not settled yet: whether a winner beats the incumbent is not known.</summary>
    NotSettled,

    /// <summary>The task settled and no entry beat its incumbent.</summary>
    NotBeaten,

    /// <summary>The winner is registered already, as <see cref="PendingNextVersion.Registered"/>.</summary>
    Registered,

    /// <summary>A winner waits, but its content cannot be had from the chain (or the file given is not it).</summary>
    Unavailable,

    /// <summary>A winner waits and <see cref="PendingNextVersion.Move"/> registers it.</summary>
    Ready,
}

/// <summary>
/// What can be registered as the next version of task <paramref name="TaskId"/>'s incumbent model (docs/training-tasks.md
/// §9): the incumbent (zero: none), the winner that beat it (<paramref name="WinnerHash"/>, all zeros when none: its
/// keccak-256, or its model root for a large-model task) with its <paramref name="Score"/>, its token once registered
/// (zero until then), and, while it waits, the <paramref name="Move"/> that registers it or, in <paramref name="Reason"/>,
/// why none can be sent. A large winner is registered by its commitment, which only the incumbent's owner
/// (<paramref name="IncumbentOwner"/>) or a manager it approved may send; a small one by its bytes, which anyone may.
/// The one read the CLI (<c>asset next-version</c>) and the hub's task page use.
/// </summary>
public sealed record PendingNextVersion(
    ulong TaskId, NextVersionState State, bool LargeModels, BigInteger Incumbent, Address IncumbentOwner, byte[] WinnerHash, BigInteger Score,
    BigInteger Registered, Move? Move, string Reason)
{
    /// <summary>Whether a winner beat the incumbent (<c>IncumbentBeaten</c>).</summary>
    public bool Beaten => WinnerHash.AsSpan().IndexOfAnyExcept((byte)0) >= 0;

    /// <summary>Whether the winner waits to be registered as the incumbent's next version.</summary>
    public bool Pending => Beaten && Registered.IsZero;

    /// <summary>
    /// Reads task <paramref name="taskId"/> as of the latest block: its incumbent and settlement (<c>taskAssetsOf</c>,
    /// <c>beatenBy</c>, the task's state) and, while a winner waits, its content: for a small task the bytes revealed on
    /// chain (<see cref="RevealedDataReader"/>), for a large-model task the header, rows root and CID of its
    /// <c>ModelCommitted</c> log (<see cref="AvailabilityReader"/>). <paramref name="model"/>, when given, is the winner's
    /// file instead, checked against the hash the registry waits for (a small model kept off chain, a large one whose
    /// logged CID is not the raw CID the registry records).
    /// </summary>
    /// <exception cref="Ethereum.JsonRpc.RpcException">The chain node does not answer.</exception>
    public static async Task<PendingNextVersion> ReadAsync(
        PlatformContracts contracts, ReadOptions options, ulong taskId, byte[]? model = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        ArgumentNullException.ThrowIfNull(options);
        var id = new BigInteger(taskId);
        TaskSnapshot task;
        try
        {
            task = await new ChainReader(contracts, new TaskCreationBlocks(contracts, options)).ReadLatestAsync(taskId, cancellationToken).ConfigureAwait(false);
        }
        catch (Contracts.Training.TrainingTasks.TaskNotFoundError)
        {
            return new(taskId, NextVersionState.UnknownTask, false, BigInteger.Zero, Address.Zero, new byte[32], BigInteger.Zero, BigInteger.Zero, null,
                $"task {taskId} does not exist");
        }
        Contracts.Registry.AssetRegistry registry = contracts.Registry;
        var assets = await registry.TaskAssetsOfAsync(id, cancellationToken: cancellationToken).ConfigureAwait(false);
        var beaten = await registry.BeatenByAsync(id, cancellationToken: cancellationToken).ConfigureAwait(false);
        Address owner = assets.IncumbentAsset.IsZero
            ? Address.Zero
            : await registry.OwnerOfAsync(assets.IncumbentAsset, cancellationToken: cancellationToken).ConfigureAwait(false);
        var status = new PendingNextVersion(taskId, NextVersionState.Ready, task.IsLargeModelTask, assets.IncumbentAsset, owner,
            beaten.ModelHash, beaten.Score, beaten.TokenId, null, "");
        if (assets.IncumbentAsset.IsZero)
        {
            return status with { State = NextVersionState.NoIncumbent, Reason = $"task {taskId} names no incumbent model: it has no next version to register" };
        }
        if (!task.State.Settled)
        {
            return status with
            {
                State = NextVersionState.NotSettled,
                Reason = $"task {taskId} is not settled yet: whether a winner beats incumbent asset {assets.IncumbentAsset} is known once its result is final",
            };
        }
        if (!status.Beaten)
        {
            return status with { State = NextVersionState.NotBeaten, Reason = $"no entry of task {taskId} beat its incumbent, asset {assets.IncumbentAsset}: there is no next version" };
        }
        if (!status.Registered.IsZero)
        {
            return status with
            {
                State = NextVersionState.Registered,
                Reason = $"the winner of task {taskId} is registered already, as asset {status.Registered} (the next version of asset {assets.IncumbentAsset})",
            };
        }
        (Move? move, string? unavailable) = task.IsLargeModelTask
            ? await LargeMoveAsync(contracts, options, task, beaten.ModelHash, model, cancellationToken).ConfigureAwait(false)
            : await SmallMoveAsync(contracts, options, task, beaten.ModelHash, model, cancellationToken).ConfigureAwait(false);
        return move is null
            ? status with { State = NextVersionState.Unavailable, Reason = unavailable! }
            : status with { Move = move, Reason = move.Summary };
    }

    private static async Task<(Move?, string?)> SmallMoveAsync(
        PlatformContracts contracts, ReadOptions options, TaskSnapshot task, byte[] winnerHash, byte[]? model, CancellationToken cancellationToken)
    {
        Address registry = contracts.Registry.Address;
        if (model is not null)
        {
            byte[] given = Keccak256.Hash(model);
            return given.AsSpan().SequenceEqual(winnerHash)
                ? (RegistryMoves.RegisterNextVersion(registry, task.TaskId, model), null)
                : (null, $"the model file hashes to {HexConvert.Encode(given)}, but the winner of task {task.TaskId} is {HexConvert.Encode(winnerHash)}");
        }
        IReadOnlyList<RevealedModel> models;
        try
        {
            models = await new RevealedDataReader(contracts, options).ReadModelsAsync(task, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ModelUnavailableException or InvalidDataException)
        {
            return (null, $"the revealed models of task {task.TaskId} cannot be read: {e.Message}");
        }
        foreach (RevealedModel revealed in models)
        {
            if (Keccak256.Hash(revealed.Bytes).AsSpan().SequenceEqual(winnerHash))
            {
                return (RegistryMoves.RegisterNextVersion(registry, task.TaskId, revealed.Bytes), null);
            }
        }
        return (null,
            $"no model revealed on chain in task {task.TaskId} has the winner's content hash {HexConvert.Encode(winnerHash)}: " +
            "whoever holds its bytes registers it (CLI: --model FILE)");
    }

    private static async Task<(Move?, string?)> LargeMoveAsync(
        PlatformContracts contracts, ReadOptions options, TaskSnapshot task, byte[] winnerRoot, byte[]? model, CancellationToken cancellationToken)
    {
        Address registry = contracts.Registry.Address;
        if (model is not null)
        {
            ModelCommitment commitment;
            try
            {
                commitment = new ModelCommitment(Dqm1.Read(model));
            }
            catch (Exception e) when (e is EvaluationException or ArgumentException)
            {
                return (null, $"the model file is not a DQM1 model: {e.Message}");
            }
            return commitment.ModelRoot.AsSpan().SequenceEqual(winnerRoot)
                ? (RegistryMoves.RegisterNextLargeVersion(registry, task.TaskId, commitment.Header, commitment.RowsRoot, ContentId.Of(model)), null)
                : (null, $"the model file's model root is {HexConvert.Encode(commitment.ModelRoot)}, but the winner of task {task.TaskId} is {HexConvert.Encode(winnerRoot)}");
        }
        IReadOnlyList<CommittedModel> committed;
        try
        {
            committed = await new AvailabilityReader(contracts, options).CommittedModelsAsync(task, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            return (null, $"the committed models of task {task.TaskId} cannot be read: {e.Message}");
        }
        CommittedModel? winner = committed.LastOrDefault(c => c.ModelRoot.AsSpan().SequenceEqual(winnerRoot));
        if (winner is null)
        {
            return (null,
                $"no model committed in task {task.TaskId} has the winner's model root {HexConvert.Encode(winnerRoot)}: " +
                "whoever holds its file registers it (CLI: --model FILE)");
        }
        // The registry records a raw CID (the sha2-256 of the whole file); a trainer may have logged a UnixFS one.
        if (!Cid.TryParse(winner.Cid, out Cid? cid, out _) || cid.Codec != ContentCodec.Raw)
        {
            return (null,
                $"the winner of task {task.TaskId} logged CID {winner.Cid}, not the raw CID the registry records: " +
                "whoever holds its file registers it (CLI: --model FILE)");
        }
        return (RegistryMoves.RegisterNextLargeVersion(registry, task.TaskId, winner.Header, winner.RowsRoot, winner.Cid), null);
    }
}
