namespace DaoPlatform.Evaluation.LargeModels;

/// <summary>
/// The availability chunks of a committed large model (docs/training-tasks.md §8.5, <c>ModelCommitment.availabilityHeight</c>
/// in contracts/training/ModelCommitment.sol): chunk <c>i</c> is the aligned subtree of <c>2^H</c> rows starting at row
/// <c>i·2^H</c> (the last one cut at the model's end), where <c>H</c> is the largest height, at most the tree's depth, with
/// <c>2^H</c> × (widest row) ≤ <see cref="MaxChunkBytes"/> and <c>2^H</c> ≤ <see cref="MaxChunkRows"/>. Fixed by the header
/// alone, so the trainer, the auditor and the contract agree on them; one chunk's rows and proof are what
/// <c>ModelAvailability.resolveChunk</c> takes.
/// </summary>
public static class AvailabilityChunks
{
    /// <summary>Most bytes of rows a chunk may span (<c>MAX_AVAILABILITY_CHUNK_BYTES</c>).</summary>
    public const int MaxChunkBytes = 65_536;

    /// <summary>Most rows a chunk may span (<c>MAX_AVAILABILITY_CHUNK_ROWS</c>).</summary>
    public const int MaxChunkRows = 512;

    /// <summary>The chunks' height <c>H</c> for <paramref name="commitment"/>'s shape.</summary>
    public static int Height(ModelCommitment commitment)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        // Every row of layer l is dims[l] + 4 bytes long: the widest row is the widest layer input plus the bias.
        int widest = 0;
        foreach (byte[] row in commitment.Rows)
        {
            widest = Math.Max(widest, row.Length);
        }
        return Height(widest, commitment.Tree.Depth);
    }

    /// <summary>The chunks' height <c>H</c> for a model whose widest row is <paramref name="widestRow"/> bytes and whose rows tree is <paramref name="depth"/> deep.</summary>
    public static int Height(int widestRow, int depth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(widestRow);
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        int height = 0;
        while (height < depth && ((long)widestRow << (height + 1)) <= MaxChunkBytes && (1 << (height + 1)) <= MaxChunkRows)
        {
            height++;
        }
        return height;
    }

    /// <summary>The number of chunks of <paramref name="commitment"/> (what <c>commitLargeModel</c> takes as <c>chunkCount</c>).</summary>
    public static int Count(ModelCommitment commitment)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        int size = 1 << Height(commitment);
        return (commitment.Rows.Count + size - 1) / size;
    }

    /// <summary>Chunk <paramref name="chunk"/>: its rows concatenated and the siblings from its subtree up to the rows root.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such chunk.</exception>
    public static ModelChunk Chunk(ModelCommitment commitment, int chunk)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        ArgumentOutOfRangeException.ThrowIfNegative(chunk);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(chunk, Count(commitment));
        int height = Height(commitment);
        int first = chunk << height;
        int last = Math.Min(first + (1 << height), commitment.Rows.Count);
        long length = 0;
        for (int r = first; r < last; r++)
        {
            length += commitment.Rows[r].Length;
        }
        byte[] rows = new byte[length];
        for (int r = first, offset = 0; r < last; offset += commitment.Rows[r].Length, r++)
        {
            commitment.Rows[r].CopyTo(rows, offset);
        }
        return new ModelChunk(first, height, rows, commitment.Tree.Proof(height, chunk));
    }
}
