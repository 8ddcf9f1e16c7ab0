namespace DaoPlatform.Evaluation.LargeModels;

/// <summary>
/// Plans the <c>publishModelChunk</c> calls that put a model's rows on chain (docs/training-tasks.md §8), as
/// <c>modelChunks</c> in scripts/lib/evaluation.mjs: from the first unpublished row, the tallest aligned subtree that
/// stays short of the model's end (the contract hashes every leaf of the subtree, padding included), whose rows
/// fit <c>maxBytes</c> and whose gas bound (<see cref="GasBound"/>) fits <see cref="MaxGas"/>; rows of layers of
/// different widths may share a chunk. Bounding bytes alone let a shape of many short rows (1-4096-1-4096-...) make
/// a chunk above the per-transaction gas cap (issue 20, fault 3).
/// </summary>
public static class ModelChunks
{
    /// <summary>The largest chunk the JS reference and the gas benchmarks use, in bytes of rows.</summary>
    public const int DefaultMaxBytes = 100_000;

    /// <summary>Most gas a planned chunk may need: far under EIP-7825's per-transaction cap of 2^24 (<c>MAX_CHUNK_GAS</c> in the JS).</summary>
    public const long MaxGas = 10_000_000;

    /// <summary>
    /// An upper bound on the gas of <c>publishModelChunk</c> for a subtree of <paramref name="leaves"/> leaves (padding
    /// included) holding <paramref name="bytes"/> bytes of rows, fitted above measurements (<c>chunkGasBound</c> in the JS).
    /// </summary>
    public static long GasBound(long leaves, long bytes) => 100_000 + 3_000 * leaves + 40 * bytes;

    /// <summary>The chunks of <paramref name="commitment"/> in order, built one at a time.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBytes"/> is not positive.</exception>
    public static IEnumerable<ModelChunk> Plan(ModelCommitment commitment, int maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        return PlanIterator(commitment, maxBytes);
    }

    private static IEnumerable<ModelChunk> PlanIterator(ModelCommitment commitment, int maxBytes)
    {
        IReadOnlyList<byte[]> rows = commitment.Rows;
        int count = rows.Count;
        int depth = commitment.Tree.Depth;
        for (int first = 0; first < count;)
        {
            int height = 0;
            while (height < depth
                && first % (1 << (height + 1)) == 0
                && first + (1 << height) < count
                && BytesOf(rows, first, height + 1) is long grown
                && grown <= maxBytes
                && GasBound(1L << (height + 1), grown) <= MaxGas)
            {
                height++;
            }
            int last = Math.Min(first + (1 << height), count);
            byte[] bytes = new byte[BytesOf(rows, first, height)];
            for (int r = first, offset = 0; r < last; offset += rows[r].Length, r++)
            {
                rows[r].CopyTo(bytes, offset);
            }
            yield return new ModelChunk(first, height, bytes, commitment.Tree.Proof(height, first >> height));
            first = last;
        }
    }

    private static long BytesOf(IReadOnlyList<byte[]> rows, int first, int height)
    {
        long bytes = 0;
        for (int r = first; r < Math.Min(first + (1 << height), rows.Count); r++)
        {
            bytes += rows[r].Length;
        }
        return bytes;
    }
}
