using System.Buffers.Binary;
using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Services.Evaluation;

/// <summary>
/// Minimal DQM1/DQD1 decoding (docs/evaluation.md §3, §6) until feat/evaluator-cpu lands the Formats readers;
/// removed at that merge. Models read here come from reveal calldata that TrainingTasks validated, so only the
/// structure is checked; a malformed input throws <see cref="InvalidDataException"/> naming what is wrong.
/// </summary>
internal static class StopgapFormats
{
    public static QuantizedModel ReadModel(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 5 || !bytes[..4].SequenceEqual("DQM1"u8))
        {
            throw new InvalidDataException("DQM1: missing magic");
        }
        int layers = bytes[4];
        int header = 7 + 3 * layers;
        if (layers is < 1 or > 8 || bytes.Length < header)
        {
            throw new InvalidDataException($"DQM1: {layers} layers in {bytes.Length} bytes");
        }
        var dims = new int[layers + 1];
        for (int i = 0; i <= layers; i++)
        {
            dims[i] = BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(5 + 2 * i, 2));
        }
        int offset = header;
        var result = new List<QuantizedLayer>(layers);
        for (int l = 0; l < layers; l++)
        {
            int n = dims[l], m = dims[l + 1];
            if (n < 1 || m < 1 || bytes.Length < offset + n * m + 4 * m)
            {
                throw new InvalidDataException($"DQM1: layer {l} ({n} x {m}) does not fit in {bytes.Length} bytes");
            }
            sbyte[] weights = new sbyte[n * m];
            for (int i = 0; i < weights.Length; i++)
            {
                weights[i] = (sbyte)bytes[offset + i];
            }
            offset += weights.Length;
            int[] biases = new int[m];
            for (int j = 0; j < m; j++, offset += 4)
            {
                biases[j] = BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(offset, 4));
            }
            result.Add(new QuantizedLayer(n, m, bytes[7 + 2 * layers + l], weights, biases));
        }
        if (offset != bytes.Length)
        {
            throw new InvalidDataException($"DQM1: length {bytes.Length}, expected {offset}");
        }
        return new QuantizedModel(result);
    }

    /// <summary>The records of a DQD1 file (label ‖ input each) and its input size.</summary>
    public static (int InputSize, byte[] Records) ReadDatasetRecords(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 10 || !bytes[..4].SequenceEqual("DQD1"u8))
        {
            throw new InvalidDataException("DQD1: missing magic or shorter than 10 bytes");
        }
        int inputSize = BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(4, 2));
        long count = BinaryPrimitives.ReadUInt32BigEndian(bytes.Slice(6, 4));
        long expected = 10 + count * (1 + inputSize);
        if (bytes.Length != expected)
        {
            throw new InvalidDataException($"DQD1: length {bytes.Length}, expected {expected}");
        }
        return (inputSize, bytes[10..].ToArray());
    }
}
