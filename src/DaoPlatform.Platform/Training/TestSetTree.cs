using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Platform.Training;

/// <summary>
/// The Merkle commitment to a hidden test set (mirrors contracts/training/TestSetMerkle.sol and docs/training-tasks.md):
/// leaf(i) = keccak256(uint32 i big-endian ‖ uint8 label ‖ int8 input[]), a positional tree of depth ceil(log2(size))
/// padded with zero leaves, parent = keccak256(left ‖ right). The test set is revealed in chunks, each a subtree
/// proven against the root.
/// </summary>
public sealed class TestSetTree
{
    private readonly byte[][][] _levels;
    private readonly byte[][] _records;

    /// <summary>Builds the tree over <paramref name="dataset"/>.</summary>
    public TestSetTree(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.Count == 0)
        {
            throw PlatformException.BadInput("the test set is empty");
        }
        _records = new byte[dataset.Count][];
        for (int i = 0; i < dataset.Count; i++)
        {
            byte[] record = new byte[1 + dataset.InputSize];
            record[0] = dataset.Labels[i];
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(dataset.Input(i)).CopyTo(record.AsSpan(1));
            _records[i] = record;
        }
        Depth = 0;
        while (1 << Depth < dataset.Count)
        {
            Depth++;
        }
        var level = new byte[1 << Depth][];
        for (int i = 0; i < level.Length; i++)
        {
            level[i] = i < _records.Length ? Leaf(i, _records[i]) : new byte[32];
        }
        var levels = new List<byte[][]> { level };
        while (level.Length > 1)
        {
            var next = new byte[level.Length / 2][];
            for (int i = 0; i < next.Length; i++)
            {
                next[i] = Keccak256.Hash([.. level[2 * i], .. level[2 * i + 1]]);
            }
            levels.Add(next);
            level = next;
        }
        _levels = [.. levels];
        Labels = dataset.Labels;
    }

    /// <summary>The tree's depth (0 for one sample).</summary>
    public int Depth { get; }

    /// <summary>The root the task commits to.</summary>
    public byte[] Root => _levels[^1][0];

    /// <summary>Number of samples.</summary>
    public int Count => _records.Length;

    /// <summary>The labels, in sample order.</summary>
    public IReadOnlyList<byte> Labels { get; }

    /// <summary>Samples per revealed chunk for <paramref name="chunkSize"/> (a power of two, capped by the tree).</summary>
    public int ChunkSamples(int chunkSize) => 1 << ChunkHeight(chunkSize);

    /// <summary>How many chunks the test set is revealed in.</summary>
    public int ChunkCount(int chunkSize) => (Count + ChunkSamples(chunkSize) - 1) / ChunkSamples(chunkSize);

    /// <summary>Chunk <paramref name="chunkIndex"/>: its concatenated records and the proof of its subtree root.</summary>
    public (byte[] Records, IReadOnlyList<byte[]> Proof) Chunk(int chunkSize, int chunkIndex)
    {
        int height = ChunkHeight(chunkSize);
        int first = chunkIndex << height;
        int last = Math.Min(first + (1 << height), Count);
        return ([.. _records[first..last].SelectMany(r => r)], ProofFrom(height, chunkIndex));
    }

    /// <summary>Sample <paramref name="index"/> with its Merkle proof, as the verifier's dispute takes it.</summary>
    public OptimisticVerifier.Sample Sample(int index) => new(index, _records[index], ProofFrom(0, index));

    private int ChunkHeight(int chunkSize)
    {
        if (chunkSize <= 0 || (chunkSize & (chunkSize - 1)) != 0)
        {
            throw PlatformException.BadInput($"chunk size {chunkSize} is not a power of two");
        }
        return Math.Min(System.Numerics.BitOperations.Log2((uint)chunkSize), Depth);
    }

    private List<byte[]> ProofFrom(int fromLevel, int index)
    {
        var proof = new List<byte[]>();
        for (int level = fromLevel; level < Depth; level++, index >>= 1)
        {
            proof.Add(_levels[level][index ^ 1]);
        }
        return proof;
    }

    private static byte[] Leaf(int index, byte[] record)
    {
        byte[] data = new byte[4 + record.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(data, (uint)index);
        record.CopyTo(data, 4);
        return Keccak256.Hash(data);
    }
}
