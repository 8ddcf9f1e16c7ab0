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
}
