using System.Buffers.Binary;

namespace DaoPlatform.Protocol.Rules;

/// <summary>
/// Which row a prediction game needs, and which availability chunk holds it (docs/training-tasks.md §8.5): the rules a
/// challenger follows before forcing a chunk of a model committed without publication.
/// </summary>
public static class ForcedChunks
{
    /// <summary>
    /// The neuron to prove wrong, from the model's true trace of the disputed sample and the answered one (layers of
    /// the same widths): the first neuron of the first layer where they differ. Its inputs, the previous layer of the
    /// answered trace (or the sample), equal the true ones there, so recomputing it from its row gives the true value,
    /// which the answer does not hold: one row, in one chunk, always suffices. Null when the traces agree.
    /// </summary>
    /// <exception cref="ArgumentException">The traces have different shapes.</exception>
    public static (int Layer, int Neuron)? NeuronToProve(IReadOnlyList<int[]> trueTrace, IReadOnlyList<int[]> answered)
    {
        ArgumentNullException.ThrowIfNull(trueTrace);
        ArgumentNullException.ThrowIfNull(answered);
        if (trueTrace.Count != answered.Count)
        {
            throw new ArgumentException($"the answered trace has {answered.Count} layers, the model {trueTrace.Count}", nameof(answered));
        }
        for (int layer = 0; layer < trueTrace.Count; layer++)
        {
            if (trueTrace[layer].Length != answered[layer].Length)
            {
                throw new ArgumentException($"layer {layer} of the answered trace has {answered[layer].Length} values, the model's {trueTrace[layer].Length}", nameof(answered));
            }
            int neuron = trueTrace[layer].AsSpan().CommonPrefixLength(answered[layer]);
            if (neuron < trueTrace[layer].Length)
            {
                return (layer, neuron);
            }
        }
        return null;
    }

    /// <summary>
    /// The row index of neuron <paramref name="neuron"/> of layer <paramref name="layer"/> for a model of layer widths
    /// <paramref name="dims"/> (inputs first): the rows of earlier layers come first, one per output neuron.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No such layer or neuron.</exception>
    public static int RowIndex(IReadOnlyList<int> dims, int layer, int neuron)
    {
        ArgumentNullException.ThrowIfNull(dims);
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(layer, dims.Count - 1);
        ArgumentOutOfRangeException.ThrowIfNegative(neuron);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(neuron, dims[layer + 1]);
        int row = neuron;
        for (int l = 1; l <= layer; l++)
        {
            row += dims[l];
        }
        return row;
    }

    /// <summary>
    /// The byte width of each row of a model with DQM1 header <paramref name="header"/> (magic, layer count, then the
    /// layer widths as big-endian uint16, inputs first): a neuron's weights, one per input, then its int32 bias.
    /// </summary>
    /// <exception cref="ArgumentException">The header is too short for its layer count.</exception>
    public static int[] RowWidths(ReadOnlySpan<byte> header)
    {
        int layers = header.Length > 4 ? header[4] : throw new ArgumentException("a DQM1 header has at least 5 bytes", nameof(header));
        if (header.Length < 5 + 2 * (layers + 1))
        {
            throw new ArgumentException($"a DQM1 header of {layers} layers is longer than {header.Length} bytes", nameof(header));
        }
        var widths = new List<int>();
        for (int l = 0; l < layers; l++)
        {
            int inputs = BinaryPrimitives.ReadUInt16BigEndian(header[(5 + 2 * l)..]);
            int outputs = BinaryPrimitives.ReadUInt16BigEndian(header[(7 + 2 * l)..]);
            widths.AddRange(Enumerable.Repeat(inputs + 4, outputs));
        }
        return [.. widths];
    }

    /// <summary>The availability chunk (of 2^<paramref name="height"/> rows) that holds row <paramref name="row"/>.</summary>
    public static int ChunkOf(int row, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        return row >> height;
    }
}
