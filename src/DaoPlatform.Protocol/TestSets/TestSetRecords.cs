using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Protocol.TestSets;

/// <summary>Test-set records as the chain carries them: <c>uint8 label ‖ int8 input[inputSize]</c>, concatenated.</summary>
public static class TestSetRecords
{
    /// <summary>Splits <paramref name="records"/> into labels and inputs.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a whole number of records.</exception>
    public static Dataset ToDataset(ReadOnlySpan<byte> records, int inputSize)
    {
        int recordSize = inputSize + 1;
        if (records.Length % recordSize != 0)
        {
            throw new InvalidDataException($"test set: {records.Length} bytes are not a whole number of {recordSize}-byte records");
        }
        int count = records.Length / recordSize;
        byte[] labels = new byte[count];
        sbyte[] inputs = new sbyte[count * inputSize];
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> record = records.Slice(i * recordSize, recordSize);
            labels[i] = record[0];
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(record[1..]).CopyTo(inputs.AsSpan(i * inputSize, inputSize));
        }
        return new Dataset(inputSize, labels, inputs);
    }

    /// <summary>Record <paramref name="index"/> of <paramref name="records"/> (<paramref name="recordSize"/> = inputs + 1 bytes each).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the records.</exception>
    public static ReadOnlySpan<byte> Record(ReadOnlySpan<byte> records, int recordSize, int index)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recordSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)(index + 1) * recordSize, records.Length, nameof(index));
        return records.Slice(index * recordSize, recordSize);
    }

    /// <summary>
    /// Chunk <paramref name="chunkIndex"/> of a test set of <paramref name="size"/> records revealed in chunks of
    /// <paramref name="chunkSize"/> (the last may be shorter): the index of its first record and its bytes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The chunk is outside the test set, or the records are too short.</exception>
    public static (int First, byte[] Records) Chunk(ReadOnlySpan<byte> records, int recordSize, long size, int chunkSize, int chunkIndex)
    {
        (int first, int count) = TestSetTree.ChunkRange(size, chunkSize, chunkIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)(first + count) * recordSize, records.Length, nameof(records));
        return (first, records.Slice(first * recordSize, count * recordSize).ToArray());
    }

    /// <summary>Every record's label (its first byte), in order.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a whole number of records.</exception>
    public static byte[] Labels(ReadOnlySpan<byte> records, int inputSize)
    {
        int recordSize = inputSize + 1;
        if (records.Length % recordSize != 0)
        {
            throw new InvalidDataException($"test set: {records.Length} bytes are not a whole number of {recordSize}-byte records");
        }
        byte[] labels = new byte[records.Length / recordSize];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = records[i * recordSize];
        }
        return labels;
    }
}
