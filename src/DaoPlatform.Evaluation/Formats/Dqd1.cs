using System.Buffers.Binary;
using System.Runtime.InteropServices;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Evaluation.Formats;

/// <summary>
/// Reads and writes DQD1 datasets (docs/evaluation.md §6): big-endian header <c>"DQD1" ‖ inputSize (uint16) ‖
/// count (uint32)</c>, then <c>count</c> records of a uint8 label and <c>inputSize</c> int8 inputs.
/// </summary>
public static class Dqd1
{
    /// <summary>The magic, "DQD1".</summary>
    public static ReadOnlySpan<byte> Magic => "DQD1"u8;

    /// <summary>Header length in bytes.</summary>
    public const int HeaderLength = 10;

    /// <summary>Reads a dataset, checking in the JS reference's order.</summary>
    /// <exception cref="EvaluationException"><c>DatasetTooShort(length, 10)</c>, <c>DatasetBadMagic(found)</c> or
    /// <c>DatasetLengthMismatch(length, expected)</c>; then <c>DatasetBadInputSize(0)</c> for records without inputs,
    /// which the JS reference reads but no model (dims[0] ≥ 1) can score.</exception>
    public static Dataset Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderLength)
        {
            throw new EvaluationException("DatasetTooShort", [(long)bytes.Length, (long)HeaderLength], $"a dataset has at least {HeaderLength} bytes");
        }
        if (!bytes[..4].SequenceEqual(Magic))
        {
            throw new EvaluationException("DatasetBadMagic", [HexConvert.Encode(bytes[..4])], "a dataset starts with \"DQD1\" (0x44514431)");
        }
        int inputSize = BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]);
        uint count = BinaryPrimitives.ReadUInt32BigEndian(bytes[6..]);
        long expected = HeaderLength + count * (1L + inputSize);
        if (bytes.Length != expected)
        {
            throw new EvaluationException("DatasetLengthMismatch", [(long)bytes.Length, expected],
                $"{count} records of {inputSize} inputs need exactly {expected} bytes");
        }
        if (inputSize == 0)
        {
            throw new EvaluationException("DatasetBadInputSize", [0L], "a dataset record has at least one input");
        }
        byte[] labels = new byte[count];
        sbyte[] inputs = new sbyte[count * inputSize];
        ReadOnlySpan<sbyte> records = MemoryMarshal.Cast<byte, sbyte>(bytes[HeaderLength..]);
        for (int s = 0; s < labels.Length; s++)
        {
            ReadOnlySpan<sbyte> record = records.Slice(s * (1 + inputSize), 1 + inputSize);
            labels[s] = (byte)record[0];
            record[1..].CopyTo(inputs.AsSpan(s * inputSize));
        }
        return new Dataset(inputSize, labels, inputs);
    }

    /// <summary>Encodes a dataset as DQD1 bytes.</summary>
    /// <exception cref="ArgumentException">An input size above 65535, which the format cannot hold.</exception>
    public static byte[] Write(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.InputSize > ushort.MaxValue)
        {
            throw new ArgumentException($"DQD1 input sizes are uint16, not {dataset.InputSize}", nameof(dataset));
        }
        int inputSize = dataset.InputSize;
        byte[] bytes = new byte[HeaderLength + (long)dataset.Count * (1 + inputSize)];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), (ushort)inputSize);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(6), (uint)dataset.Count);
        for (int s = 0; s < dataset.Count; s++)
        {
            int offset = HeaderLength + s * (1 + inputSize);
            bytes[offset] = dataset.Labels[s];
            MemoryMarshal.AsBytes(dataset.Input(s)).CopyTo(bytes.AsSpan(offset + 1));
        }
        return bytes;
    }
}
