using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Evaluation.LargeModels;

namespace DaoPlatform.Protocol.TestSets;

/// <summary>
/// The Merkle commitment to a hidden test set, as <c>contracts/training/TestSetMerkle.sol</c> defines it
/// (docs/training-tasks.md §2): leaf <c>i</c> = keccak256(uint32 i big-endian ‖ record), leaves at their index in a
/// positional tree of depth ⌈log2 size⌉ padded with zero leaves, parent = keccak256(left ‖ right); chunks are
/// aligned subtrees of 2^h samples; the labels digest chains keccak256(digest ‖ labels of chunk) from zero.
/// </summary>
public sealed class TestSetTree
{
    private readonly PositionalTree _tree;

    /// <summary>Builds the tree over <paramref name="records"/> (concatenated records of <paramref name="recordSize"/> bytes).</summary>
    /// <exception cref="ArgumentException">The records are empty or not a whole number of records.</exception>
    public TestSetTree(ReadOnlySpan<byte> records, int recordSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recordSize, 2);
        if (records.IsEmpty || records.Length % recordSize != 0)
        {
            throw new ArgumentException($"test set: {records.Length} bytes are not a whole number of {recordSize}-byte records", nameof(records));
        }
        _tree = new PositionalTree(Split(records, recordSize));
    }

    /// <summary>Number of samples.</summary>
    public int Size => _tree.Count;

    /// <summary>Tree depth, ⌈log2 <see cref="Size"/>⌉.</summary>
    public int Depth => _tree.Depth;

    /// <summary>The root the task commits to (<c>testSetRoot</c>).</summary>
    public byte[] Root => _tree.Root;

    /// <summary>The proof of sample <paramref name="index"/>: <see cref="Depth"/> siblings, leaf level first.</summary>
    public IReadOnlyList<byte[]> SampleProof(int index) => _tree.Proof(0, index);

    /// <summary>The proof of chunk <paramref name="chunkIndex"/>: the siblings from its subtree root to the root.</summary>
    public IReadOnlyList<byte[]> ChunkProof(int chunkIndex, int chunkSize) => _tree.Proof(ChunkHeight(Size, chunkSize), chunkIndex);

    /// <summary>⌈log2 size⌉, 0 for one sample.</summary>
    public static int DepthOf(long size) => PositionalTree.DepthOf(size);

    /// <summary>The height of a chunk's subtree: min(log2 chunkSize, depth).</summary>
    public static int ChunkHeight(long size, int chunkSize) => Math.Min(System.Numerics.BitOperations.Log2((uint)chunkSize), DepthOf(size));

    /// <summary>The number of chunks the test set is revealed in.</summary>
    public static int ChunkCount(long size, int chunkSize)
    {
        long width = 1L << ChunkHeight(size, chunkSize);
        return (int)((size + width - 1) / width);
    }

    /// <summary>The samples of chunk <paramref name="chunkIndex"/>: first index and count.</summary>
    public static (int First, int Count) ChunkRange(long size, int chunkSize, int chunkIndex)
    {
        int width = 1 << ChunkHeight(size, chunkSize);
        int first = chunkIndex * width;
        return (first, (int)Math.Min(width, size - first));
    }

    /// <summary>keccak256(uint32 index big-endian ‖ record).</summary>
    public static byte[] Leaf(int index, ReadOnlySpan<byte> record) => PositionalTree.Leaf(index, record);

    /// <summary>
    /// The root of the subtree of height <paramref name="height"/> over <paramref name="records"/> whose first
    /// sample has index <paramref name="firstIndex"/>, padded with zero leaves (what <c>revealTestSetChunk</c> checks).
    /// </summary>
    public static byte[] SubtreeRoot(ReadOnlySpan<byte> records, int recordSize, int firstIndex, int height) =>
        PositionalTree.SubtreeRoot(Split(records, recordSize), firstIndex, height);

    /// <summary>Climbs from <paramref name="node"/> at position <paramref name="index"/> of its level along <paramref name="proof"/>.</summary>
    public static byte[] ProcessProof(byte[] node, long index, IReadOnlyList<byte[]> proof) => PositionalTree.ProcessProof(node, index, proof);

    /// <summary>The labels digest after all chunks: keccak256(digest ‖ labels of chunk), chunk by chunk, from zero.</summary>
    public static byte[] LabelsDigest(ReadOnlySpan<byte> labels, int chunkSamples)
    {
        byte[] digest = new byte[32];
        for (int start = 0; start < labels.Length; start += chunkSamples)
        {
            ReadOnlySpan<byte> chunk = labels.Slice(start, Math.Min(chunkSamples, labels.Length - start));
            byte[] buffer = new byte[32 + chunk.Length];
            digest.CopyTo(buffer, 0);
            chunk.CopyTo(buffer.AsSpan(32));
            digest = Keccak256.Hash(buffer);
        }
        return digest;
    }

    private static byte[][] Split(ReadOnlySpan<byte> records, int recordSize)
    {
        var split = new byte[records.Length / recordSize][];
        for (int i = 0; i < split.Length; i++)
        {
            split[i] = records.Slice(i * recordSize, recordSize).ToArray();
        }
        return split;
    }
}
