using System.Buffers.Binary;
using DaoPlatform.Ethereum.Hashing;

namespace DaoPlatform.Evaluation.LargeModels;

/// <summary>
/// The positional Merkle tree of <c>contracts/training/TestSetMerkle.sol</c> over records of any length (test-set
/// samples, or the rows of a large model: docs/evaluation.md §11): leaf <c>i</c> = keccak256(uint32 i big-endian ‖
/// record), leaves at their index in a tree of depth ⌈log2 count⌉ padded on the right with <c>bytes32(0)</c>,
/// parent = keccak256(left ‖ right).
/// </summary>
public sealed class PositionalTree
{
    private readonly byte[][][] _levels; // _levels[0] = leaves (padded), _levels[Depth] = [root]

    /// <summary>Builds the tree over <paramref name="records"/> (each record one leaf, in order).</summary>
    /// <exception cref="ArgumentException">There are no records.</exception>
    public PositionalTree(IReadOnlyList<byte[]> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            throw new ArgumentException("a positional tree needs at least one record", nameof(records));
        }
        Count = records.Count;
        Depth = DepthOf(Count);
        _levels = new byte[Depth + 1][][];
        _levels[0] = new byte[1 << Depth][];
        for (int i = 0; i < _levels[0].Length; i++)
        {
            _levels[0][i] = i < Count ? Leaf(i, records[i]) : new byte[32];
        }
        for (int level = 1; level <= Depth; level++)
        {
            byte[][] below = _levels[level - 1];
            _levels[level] = new byte[below.Length / 2][];
            for (int i = 0; i < _levels[level].Length; i++)
            {
                _levels[level][i] = Parent(below[2 * i], below[2 * i + 1]);
            }
        }
    }

    /// <summary>Number of records (leaves before padding).</summary>
    public int Count { get; }

    /// <summary>Tree depth, ⌈log2 <see cref="Count"/>⌉ (0 for one record).</summary>
    public int Depth { get; }

    /// <summary>The root, 32 bytes.</summary>
    public byte[] Root => _levels[Depth][0];

    /// <summary>
    /// The siblings from node <paramref name="index"/> of level <paramref name="fromLevel"/> (0 = leaves) up to the
    /// root: <see cref="Depth"/> − <paramref name="fromLevel"/> hashes, lowest first.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The level or index is outside the tree.</exception>
    public IReadOnlyList<byte[]> Proof(int fromLevel, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromLevel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fromLevel, Depth);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _levels[fromLevel].Length);
        var proof = new List<byte[]>(Depth - fromLevel);
        for (int level = fromLevel; level < Depth; level++, index >>= 1)
        {
            proof.Add(_levels[level][index ^ 1]);
        }
        return proof;
    }

    /// <summary>⌈log2 count⌉, 0 for one record.</summary>
    public static int DepthOf(long count) => count <= 1 ? 0 : 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)count - 1);

    /// <summary>keccak256(uint32 index big-endian ‖ record).</summary>
    public static byte[] Leaf(int index, ReadOnlySpan<byte> record)
    {
        byte[] buffer = new byte[4 + record.Length];
        BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)index);
        record.CopyTo(buffer.AsSpan(4));
        return Keccak256.Hash(buffer);
    }

    /// <summary>keccak256(left ‖ right).</summary>
    public static byte[] Parent(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> both = stackalloc byte[64];
        left.CopyTo(both);
        right.CopyTo(both[32..]);
        return Keccak256.Hash(both);
    }

    /// <summary>
    /// The root of the subtree of height <paramref name="height"/> whose first leaf is record <paramref name="firstIndex"/>,
    /// over <paramref name="records"/> (at most 2^height, the rest padded with zero leaves): what a chunk of a test set or
    /// of a model's rows is proven by.
    /// </summary>
    /// <exception cref="ArgumentException">More records than the subtree holds.</exception>
    public static byte[] SubtreeRoot(IReadOnlyList<byte[]> records, int firstIndex, int height)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        if (records.Count > 1 << height)
        {
            throw new ArgumentException($"{records.Count} records do not fit a subtree of height {height}", nameof(records));
        }
        var nodes = new byte[1 << height][];
        for (int i = 0; i < nodes.Length; i++)
        {
            nodes[i] = i < records.Count ? Leaf(firstIndex + i, records[i]) : new byte[32];
        }
        for (int width = nodes.Length; width > 1; width >>= 1)
        {
            for (int i = 0; i < width / 2; i++)
            {
                nodes[i] = Parent(nodes[2 * i], nodes[2 * i + 1]);
            }
        }
        return nodes[0];
    }

    /// <summary>Climbs from <paramref name="node"/> at position <paramref name="index"/> of its level along <paramref name="proof"/>.</summary>
    public static byte[] ProcessProof(byte[] node, long index, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        foreach (byte[] sibling in proof)
        {
            node = (index & 1) == 0 ? Parent(node, sibling) : Parent(sibling, node);
            index >>= 1;
        }
        return node;
    }
}
