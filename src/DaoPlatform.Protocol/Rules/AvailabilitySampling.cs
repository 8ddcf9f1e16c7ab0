using System.Buffers.Binary;
using System.Numerics;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Protocol.Rules;

/// <summary>
/// Which chunks of a committed large model an auditor samples (docs/training-tasks.md §8.5, services), and the game's
/// windows. The seed is the hash of the first block after the one holding <c>ModelCommitted</c>: the trainer sent the
/// commitment before that block existed, and on the OP Stack its hash is the sequencer's, so a trainer that does not
/// also run the sequencer cannot choose or foresee it. The auditor's address is hashed in, so auditors sample different
/// chunks, and the draw is a pure function of chain data: any auditor's choice can be checked after the fact.
/// </summary>
public static class AvailabilitySampling
{
    /// <summary><c>TrainingTasks.AVAILABILITY_WINDOW</c>: after the reveal deadline, seconds in which chunks may be challenged.</summary>
    public const ulong AvailabilityWindow = 86_400;

    /// <summary><c>ModelAvailability.RESOLVE_WINDOW</c>: seconds a challenge may be resolved in.</summary>
    public const ulong ResolveWindow = 86_400;

    /// <summary>The end of the window in which chunks of a task with reveal deadline <paramref name="revealDeadline"/> may be challenged.</summary>
    public static ulong ChallengeDeadline(ulong revealDeadline) => revealDeadline + AvailabilityWindow;

    /// <summary>The last moment a challenge of such a task can still be open (challenged at the deadline, resolved a window later).</summary>
    public static ulong LastResolveDeadline(ulong revealDeadline) => ChallengeDeadline(revealDeadline) + ResolveWindow;

    /// <summary>
    /// The <paramref name="samples"/> distinct chunks (ascending; all of them when the model has no more) that
    /// <paramref name="auditor"/> samples of entry <paramref name="entry"/>'s model of <paramref name="chunkCount"/> chunks in
    /// task <paramref name="taskId"/>: draw <c>i</c> is <c>keccak256(seedBlockHash ‖ taskId ‖ entry ‖ auditor ‖ i) mod chunkCount</c>
    /// (32-byte big-endian integers, the address 20 bytes), repeated draws skipped.
    /// </summary>
    /// <exception cref="ArgumentException">The block hash is not 32 bytes, or a count is negative.</exception>
    public static IReadOnlyList<int> Chunks(ReadOnlySpan<byte> seedBlockHash, ulong taskId, int entry, Address auditor, int chunkCount, int samples)
    {
        if (seedBlockHash.Length != 32)
        {
            throw new ArgumentException($"a block hash is 32 bytes, got {seedBlockHash.Length}", nameof(seedBlockHash));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(entry);
        ArgumentOutOfRangeException.ThrowIfNegative(chunkCount);
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        if (samples >= chunkCount)
        {
            return [.. Enumerable.Range(0, chunkCount)];
        }
        Span<byte> preimage = stackalloc byte[32 + 32 + 32 + Address.Length + 32];
        seedBlockHash.CopyTo(preimage);
        BinaryPrimitives.WriteUInt64BigEndian(preimage[56..64], taskId);
        BinaryPrimitives.WriteInt32BigEndian(preimage[92..96], entry);
        auditor.Bytes.CopyTo(preimage[96..116]);
        Span<byte> draw = stackalloc byte[32];
        var chosen = new SortedSet<int>();
        for (uint i = 0; chosen.Count < samples; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(preimage[^4..], i);
            Keccak256.Hash(preimage, draw);
            chosen.Add((int)(new BigInteger(draw, isUnsigned: true, isBigEndian: true) % chunkCount));
        }
        return [.. chosen];
    }
}
