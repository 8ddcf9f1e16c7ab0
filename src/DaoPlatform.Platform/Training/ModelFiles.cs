using System.Buffers.Binary;
using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Platform.Training;

/// <summary>
/// Reads DQM1 models and DQD1 datasets (docs/evaluation.md §3, §6) from files, with one-line errors that name the
/// file and the first structural problem. Checks the layout only; the overflow rule is the contracts' and the
/// evaluator's to enforce.
/// </summary>
public static class ModelFiles
{
    private static ReadOnlySpan<byte> ModelMagic => "DQM1"u8;

    private static ReadOnlySpan<byte> DatasetMagic => "DQD1"u8;

    /// <summary>Reads a DQD1 dataset file.</summary>
    /// <exception cref="PlatformException">Missing, or not a DQD1 dataset.</exception>
    public static async Task<Dataset> ReadDatasetAsync(string path, CancellationToken cancellationToken = default) =>
        DecodeDataset(await ReadAsync(path, "dataset", cancellationToken).ConfigureAwait(false), path);

    /// <summary>Reads a DQM1 model file's bytes, checked to be a well-formed model.</summary>
    /// <exception cref="PlatformException">Missing, or not a DQM1 model.</exception>
    public static async Task<byte[]> ReadModelAsync(string path, CancellationToken cancellationToken = default)
    {
        byte[] bytes = await ReadAsync(path, "model", cancellationToken).ConfigureAwait(false);
        DecodeModel(bytes, path);
        return bytes;
    }

    /// <summary>Decodes DQD1 bytes; <paramref name="source"/> names them in errors.</summary>
    public static Dataset DecodeDataset(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < 10 || !bytes.AsSpan(0, 4).SequenceEqual(DatasetMagic))
        {
            throw PlatformException.BadInput($"{source} is not a DQD1 dataset (it does not start with \"DQD1\" and a 10-byte header)");
        }
        int inputSize = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(4));
        long count = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(6));
        long expected = 10 + count * (1 + inputSize);
        if (bytes.Length != expected)
        {
            throw PlatformException.BadInput($"{source}: a DQD1 dataset of {count} samples of {inputSize} inputs has {expected} bytes, this one {bytes.Length}");
        }
        var labels = new byte[count];
        var inputs = new sbyte[count * inputSize];
        for (int i = 0; i < count; i++)
        {
            int offset = 10 + i * (1 + inputSize);
            labels[i] = bytes[offset];
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(bytes.AsSpan(offset + 1, inputSize)).CopyTo(inputs.AsSpan(i * inputSize));
        }
        return new Dataset(inputSize, labels, inputs);
    }

    /// <summary>Encodes a dataset as DQD1 bytes.</summary>
    public static byte[] EncodeDataset(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        byte[] bytes = new byte[10 + dataset.Count * (1 + dataset.InputSize)];
        DatasetMagic.CopyTo(bytes);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), (ushort)dataset.InputSize);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(6), (uint)dataset.Count);
        for (int i = 0; i < dataset.Count; i++)
        {
            int offset = 10 + i * (1 + dataset.InputSize);
            bytes[offset] = dataset.Labels[i];
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(dataset.Input(i)).CopyTo(bytes.AsSpan(offset + 1));
        }
        return bytes;
    }

    /// <summary>Decodes DQM1 bytes into a model; <paramref name="source"/> names them in errors.</summary>
    public static QuantizedModel DecodeModel(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < 5 || !bytes.AsSpan(0, 4).SequenceEqual(ModelMagic))
        {
            throw PlatformException.BadInput($"{source} is not a DQM1 model (it does not start with \"DQM1\")");
        }
        int layerCount = bytes[4];
        int header = 7 + 3 * layerCount;
        if (layerCount is < 1 or > 8 || bytes.Length < header)
        {
            throw PlatformException.BadInput($"{source}: a DQM1 model has 1 to 8 layers and a {header}-byte header; this one declares {layerCount} layers in {bytes.Length} bytes");
        }
        var dims = new int[layerCount + 1];
        for (int i = 0; i <= layerCount; i++)
        {
            dims[i] = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(5 + 2 * i));
            if (dims[i] is < 1 or > 4096)
            {
                throw PlatformException.BadInput($"{source}: dimension {i} is {dims[i]}, outside 1..4096");
            }
        }
        long expected = header;
        for (int l = 0; l < layerCount; l++)
        {
            expected += (long)dims[l] * dims[l + 1] + 4L * dims[l + 1];
        }
        if (bytes.Length != expected)
        {
            throw PlatformException.BadInput($"{source}: a DQM1 model of dims {string.Join('-', dims)} has {expected} bytes, this one {bytes.Length}");
        }
        var layers = new List<QuantizedLayer>();
        int offset = header;
        for (int l = 0; l < layerCount; l++)
        {
            int n = dims[l], m = dims[l + 1];
            byte shift = bytes[7 + 2 * layerCount + l];
            var weights = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(bytes.AsSpan(offset, m * n)).ToArray();
            offset += m * n;
            var biases = new int[m];
            for (int j = 0; j < m; j++, offset += 4)
            {
                biases[j] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset));
            }
            layers.Add(new QuantizedLayer(n, m, shift, weights, biases));
        }
        return new QuantizedModel(layers);
    }

    private static async Task<byte[]> ReadAsync(string path, string what, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw PlatformException.NotFound($"{what} file {path} does not exist");
        }
        return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
    }
}
