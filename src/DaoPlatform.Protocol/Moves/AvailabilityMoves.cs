using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Evaluation.LargeModels;
using ModelCommitment = DaoPlatform.Evaluation.LargeModels.ModelCommitment;

namespace DaoPlatform.Protocol.Moves;

/// <summary>
/// The availability game of committed large models (docs/training-tasks.md §8.5): the trainer commits its model
/// without publishing it; anyone challenges a chunk with the bond <c>challengeBond()</c> (ETH); anyone holding the
/// bytes resolves it with the chunk's rows and proof (<see cref="AvailabilityChunks"/>); after the resolve window
/// anyone slashes an unresolved challenge; the bonds and stakes credited are withdrawn from the game.
/// </summary>
public static class AvailabilityMoves
{
    /// <summary>
    /// The gas limit of a resolution: every chunk of every shape resolves under <c>RESOLVE_GAS</c> (5 M), 2.69 M at most
    /// as measured; 64 KiB of calldata makes <c>eth_estimateGas</c> slow and, near a base-fee change, short.
    /// </summary>
    public const ulong ResolveGasLimit = 6_000_000;

    /// <summary>
    /// <c>TrainingTasks.commitLargeModel</c>: enters <paramref name="commitment"/>'s model in task <paramref name="taskId"/>
    /// by its commitment, its bytes at <paramref name="cid"/> (the DQM1 file in the content store), the chunk count from
    /// its header.
    /// </summary>
    public static Move Commit(Address tasks, ulong taskId, byte[] salt, string uri, ModelCommitment commitment, string cid)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        int chunks = AvailabilityChunks.Count(commitment);
        return new Move("TrainingTasks.commitLargeModel", tasks,
            TrainingTasks.EncodeCommitLargeModelCall(taskId, salt, uri, commitment.Header, commitment.RowsRoot, cid, chunks), BigInteger.Zero,
            $"commit the large model {HexConvert.Encode(commitment.ModelRoot)} ({commitment.Rows.Count} rows in {chunks} availability chunks, bytes at {cid}) to task {taskId} without publishing it");
    }

    /// <summary><c>ModelAvailability.challengeChunk</c> with <paramref name="bond"/> wei (read from <c>challengeBond()</c>).</summary>
    public static Move Challenge(Address availability, ulong taskId, int entry, int chunk, BigInteger bond) =>
        new("ModelAvailability.challengeChunk", availability, ModelAvailability.EncodeChallengeChunkCall(taskId, entry, chunk), bond,
            $"challenge chunk {chunk} of entry {entry}'s committed model in task {taskId} with a bond of {UnitFormat.Ether(bond)}: its rows must be posted within a day");

    /// <summary>
    /// <c>ModelAvailability.resolveChunk</c>: chunk <paramref name="chunk"/>'s rows and proof, from <paramref name="commitment"/>
    /// (the model entry <paramref name="entry"/> committed).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The model has no such chunk.</exception>
    public static Move Resolve(Address availability, ulong taskId, int entry, int chunk, ModelCommitment commitment)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        ModelChunk rows = AvailabilityChunks.Chunk(commitment, chunk);
        return new Move("ModelAvailability.resolveChunk", availability,
            ModelAvailability.EncodeResolveChunkCall(taskId, entry, chunk, commitment.Header, rows.Rows, rows.Proof), BigInteger.Zero,
            $"resolve the challenge of chunk {chunk} of entry {entry}'s model in task {taskId}: post its {rows.Rows.Length} bytes of rows from row {rows.FirstRow}")
        {
            GasLimit = ResolveGasLimit,
        };
    }

    /// <summary><c>ModelAvailability.slashUnavailable</c>: ends an unresolved challenge after its deadline.</summary>
    public static Move Slash(Address availability, ulong taskId, int entry, int chunk) =>
        new("ModelAvailability.slashUnavailable", availability, ModelAvailability.EncodeSlashUnavailableCall(taskId, entry, chunk), BigInteger.Zero,
            $"slash entry {entry} of task {taskId}: chunk {chunk} of its committed model was not resolved in time (its model is excluded)");

    /// <summary><c>ModelAvailability.withdraw(token)</c>: the sender's credits from the game (bonds back, resolutions paid).</summary>
    public static Move Withdraw(Address availability, Address token, BigInteger amount) =>
        new("ModelAvailability.withdraw", availability, ModelAvailability.EncodeWithdrawCall(token), BigInteger.Zero,
            $"withdraw {Amounts.Of(amount, token)} of availability credits (challenge bonds returned, resolutions paid)");
}
