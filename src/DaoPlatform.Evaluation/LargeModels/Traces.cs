using System.Buffers.Binary;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Evaluation.LargeModels;

/// <summary>
/// Traces as the prediction game carries them (docs/evaluation.md §11): the hidden layers' outputs one byte each,
/// then the output layer's int32 logits big-endian; and the first neuron a claimed trace gets wrong, what an
/// auditor proves with <c>OptimisticVerifier.proveNeuron</c>. Mirrors <c>encodeTrace</c> and
/// <c>firstWrongNeuron</c> of scripts/lib/evaluation.mjs.
/// </summary>
public static class Traces
{
    /// <summary>
    /// Encodes <paramref name="layerOutputs"/> (element l = layer l's outputs, as <see cref="ScalarBackend.Trace"/>
    /// returns): each hidden value's low byte, then each logit as int32 big-endian.
    /// </summary>
    /// <exception cref="ArgumentException">There are no layers.</exception>
    public static byte[] Encode(IReadOnlyList<int[]> layerOutputs)
    {
        ArgumentNullException.ThrowIfNull(layerOutputs);
        if (layerOutputs.Count == 0)
        {
            throw new ArgumentException("a trace has at least one layer", nameof(layerOutputs));
        }
        int hidden = 0;
        for (int l = 0; l < layerOutputs.Count - 1; l++)
        {
            hidden += layerOutputs[l].Length;
        }
        int[] logits = layerOutputs[^1];
        byte[] bytes = new byte[hidden + 4 * logits.Length];
        int offset = 0;
        for (int l = 0; l < layerOutputs.Count - 1; l++)
        {
            foreach (int value in layerOutputs[l])
            {
                bytes[offset++] = (byte)value;
            }
        }
        foreach (int z in logits)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(offset), z);
            offset += 4;
        }
        return bytes;
    }

    /// <summary>
    /// Decodes a posted trace for a model of output widths <paramref name="outputWidths"/> (<c>dims[1..L]</c>): hidden
    /// values as the unsigned bytes posted (0..255: a value above 127 is a wrong neuron, not a decoding error).
    /// </summary>
    /// <exception cref="FormatException">The trace is not <c>dims[1] + … + dims[L-1] + 4·dims[L]</c> bytes.</exception>
    public static int[][] Decode(ReadOnlySpan<byte> trace, IReadOnlyList<int> outputWidths)
    {
        ArgumentNullException.ThrowIfNull(outputWidths);
        long expected = 4L * outputWidths[^1];
        for (int l = 0; l < outputWidths.Count - 1; l++)
        {
            expected += outputWidths[l];
        }
        if (trace.Length != expected)
        {
            throw new FormatException($"trace: {trace.Length} bytes, a model of output widths {string.Join("-", outputWidths)} needs {expected}");
        }
        var layers = new int[outputWidths.Count][];
        int offset = 0;
        for (int l = 0; l < outputWidths.Count - 1; l++)
        {
            layers[l] = new int[outputWidths[l]];
            for (int j = 0; j < layers[l].Length; j++)
            {
                layers[l][j] = trace[offset++];
            }
        }
        layers[^1] = new int[outputWidths[^1]];
        for (int j = 0; j < layers[^1].Length; j++, offset += 4)
        {
            layers[^1][j] = BinaryPrimitives.ReadInt32BigEndian(trace[offset..]);
        }
        return layers;
    }

    /// <summary>
    /// The first neuron, layer by layer, that <paramref name="claimed"/> (a trace of <paramref name="input"/>) gets
    /// wrong: each neuron recomputed from the sample (layer 0) or the claimed previous layer. Null when the claimed
    /// trace is the true one.
    /// </summary>
    /// <exception cref="ArgumentException">The input or the trace does not fit the model.</exception>
    public static (int Layer, int Neuron)? FirstWrongNeuron(QuantizedModel model, ReadOnlySpan<sbyte> input, IReadOnlyList<int[]> claimed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(claimed);
        if (input.Length != model.InputSize)
        {
            throw new ArgumentException($"input of {input.Length} values for a model of input size {model.InputSize}", nameof(input));
        }
        if (claimed.Count != model.Layers.Count || Enumerable.Range(0, claimed.Count).Any(l => claimed[l].Length != model.Layers[l].Outputs))
        {
            throw new ArgumentException("the claimed trace does not have the model's layer widths", nameof(claimed));
        }
        int[] x = new int[input.Length];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = input[i];
        }
        for (int l = 0; l < model.Layers.Count; l++)
        {
            bool hidden = l < model.Layers.Count - 1;
            for (int j = 0; j < model.Layers[l].Outputs; j++)
            {
                if (ScalarBackend.Neuron(model.Layers[l], j, x, hidden) != claimed[l][j])
                {
                    return (l, j);
                }
            }
            // The next layer reads the claimed values as the contract does: int8 (a byte above 127 was caught above).
            x = Array.ConvertAll(claimed[l], value => (int)(sbyte)value);
        }
        return null;
    }
}
