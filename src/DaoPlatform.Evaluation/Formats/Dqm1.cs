using System.Buffers.Binary;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Evaluation.Formats;

/// <summary>
/// Reads, checks and writes DQM1 models (docs/evaluation.md §3): big-endian header <c>"DQM1" ‖ L ‖ dims[0..L] ‖
/// shift[0..L-1]</c>, then per layer the row-major int8 weights and the int32 biases. The checks run in the spec's
/// order and fail with the spec's errors (<see cref="EvaluationException"/>), as the JS reference and the Solidity
/// library do.
/// </summary>
public static class Dqm1
{
    /// <summary>The magic, "DQM1".</summary>
    public static ReadOnlySpan<byte> Magic => "DQM1"u8;

    /// <summary>Most layers a model may have.</summary>
    public const int MaxLayers = 8;

    /// <summary>Largest dimension.</summary>
    public const int MaxDimension = 4096;

    /// <summary>Largest shift.</summary>
    public const int MaxShift = 31;

    /// <summary>Largest accumulator magnitude the overflow rule allows, 2^31 − 1.</summary>
    public const long MaxAccumulator = int.MaxValue;

    /// <summary>M_0 of the overflow rule: layer 0 takes int8 inputs.</summary>
    public const long InputMagnitude = 128;

    /// <summary>M_l (l ≥ 1) of the overflow rule: hidden outputs are 0..127.</summary>
    public const long HiddenMagnitude = 127;

    private const int MinLength = 5;

    /// <summary>Header length <c>H = 7 + 3L</c> of a model with <paramref name="layers"/> layers.</summary>
    public static int HeaderLength(int layers) => 5 + 2 * (layers + 1) + layers;

    /// <summary>
    /// The structural checks of §3.3 in their order, without reading the weights (O(L)): the JS
    /// <c>modelShape</c>, the Solidity <c>shape</c>.
    /// </summary>
    /// <exception cref="EvaluationException"><c>ModelTooShort(length, 5)</c>, <c>ModelBadMagic(found)</c>,
    /// <c>ModelBadLayerCount(L)</c>, <c>ModelTooShort(length, H)</c>, <c>ModelBadDimension(i, dims[i])</c>,
    /// <c>ModelTooFewClasses(dims[L])</c>, <c>ModelBadShift(l, shift)</c> or <c>ModelLengthMismatch(length, expected)</c>.</exception>
    public static ModelShape ReadShape(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < MinLength)
        {
            throw Fail("ModelTooShort", $"a model has at least {MinLength} bytes", bytes.Length, (long)MinLength);
        }
        if (!bytes[..4].SequenceEqual(Magic))
        {
            throw Fail("ModelBadMagic", "a model starts with \"DQM1\" (0x44514d31)", HexConvert.Encode(bytes[..4]));
        }
        int layers = bytes[4];
        if (layers is < 1 or > MaxLayers)
        {
            throw Fail("ModelBadLayerCount", $"a model has 1..{MaxLayers} layers", (long)layers);
        }
        int header = HeaderLength(layers);
        if (bytes.Length < header)
        {
            throw Fail("ModelTooShort", $"the header of {layers} layers has {header} bytes", bytes.Length, (long)header);
        }
        int[] dims = new int[layers + 1];
        for (int i = 0; i <= layers; i++)
        {
            dims[i] = BinaryPrimitives.ReadUInt16BigEndian(bytes[(5 + 2 * i)..]);
            if (dims[i] is < 1 or > MaxDimension)
            {
                throw Fail("ModelBadDimension", $"dims[{i}] must be 1..{MaxDimension}", (long)i, (long)dims[i]);
            }
        }
        if (dims[layers] < 2)
        {
            throw Fail("ModelTooFewClasses", "a model has at least 2 classes", (long)dims[layers]);
        }
        byte[] shifts = bytes.Slice(5 + 2 * (layers + 1), layers).ToArray();
        for (int l = 0; l < layers; l++)
        {
            if (shifts[l] > MaxShift)
            {
                throw Fail("ModelBadShift", $"shift[{l}] must be 0..{MaxShift}", (long)l, (long)shifts[l]);
            }
        }
        long expected = header;
        long macs = 0;
        for (int l = 0; l < layers; l++)
        {
            macs += (long)dims[l] * dims[l + 1];
            expected += (long)dims[l] * dims[l + 1] + 4L * dims[l + 1];
        }
        if (bytes.Length != expected)
        {
            throw Fail("ModelLengthMismatch", $"dims {string.Join("-", dims)} need exactly {expected} bytes", bytes.Length, expected);
        }
        return new ModelShape(layers, dims[0], dims[layers], macs, dims, shifts);
    }

    /// <summary>
    /// The structural checks of §3.3, then the overflow rule of §3.4 (O(weights)): the JS <c>validateModel</c>,
    /// the Solidity <c>validate</c>.
    /// </summary>
    /// <exception cref="EvaluationException">An error of <see cref="ReadShape"/>, or
    /// <c>ModelAccumulatorOverflow(l, j, worstCase)</c> for the first neuron, layer by layer, that can overflow int32.</exception>
    public static ModelShape Validate(ReadOnlySpan<byte> bytes)
    {
        ModelShape shape = ReadShape(bytes);
        CheckOverflowRule(Decode(bytes, shape));
        return shape;
    }

    /// <summary>Reads a model that passes §3.3 and §3.4, the only models that have a defined evaluation (§5).</summary>
    /// <exception cref="EvaluationException">An error of <see cref="Validate"/>.</exception>
    public static QuantizedModel Read(ReadOnlySpan<byte> bytes)
    {
        QuantizedModel model = Decode(bytes, ReadShape(bytes));
        CheckOverflowRule(model);
        return model;
    }

    /// <summary>
    /// Reads a model that passes the structural checks of §3.3 without applying the overflow rule, for tools that
    /// inspect rejected models. Never evaluate such a model: its evaluation is undefined (§5).
    /// </summary>
    /// <exception cref="EvaluationException">An error of <see cref="ReadShape"/>.</exception>
    public static QuantizedModel ReadStructure(ReadOnlySpan<byte> bytes) => Decode(bytes, ReadShape(bytes));

    /// <summary>
    /// The overflow rule of §3.4 on a decoded model: for every layer l, then neuron j,
    /// <c>|b[j]| + Σ_i |w[j][i]|·M_l ≤ 2^31 − 1</c> with M_0 = 128 and M_l = 127 for l ≥ 1.
    /// </summary>
    /// <exception cref="EvaluationException"><c>ModelAccumulatorOverflow(l, j, worstCase)</c> for the first violation.</exception>
    public static void CheckOverflowRule(QuantizedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        for (int l = 0; l < model.Layers.Count; l++)
        {
            QuantizedLayer layer = model.Layers[l];
            long magnitude = l == 0 ? InputMagnitude : HiddenMagnitude;
            for (int j = 0; j < layer.Outputs; j++)
            {
                long worstCase = Math.Abs((long)layer.Biases[j]) + SumOfMagnitudes(layer.Row(j)) * magnitude;
                if (worstCase > MaxAccumulator)
                {
                    throw Fail("ModelAccumulatorOverflow",
                        $"|b| + Σ|w|·{magnitude} of layer {l} neuron {j} exceeds 2^31 - 1", (long)l, (long)j, worstCase);
                }
            }
        }
    }

    /// <summary>
    /// Encodes a model as DQM1 bytes. Only what the format cannot hold is refused, not its limits (more than 8
    /// layers, dims above 4096, shifts above 31, the overflow rule), so that tests can build rejected models too.
    /// </summary>
    /// <exception cref="ArgumentException">More than 255 layers or a dimension above 65535.</exception>
    public static byte[] Write(QuantizedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        IReadOnlyList<QuantizedLayer> layers = model.Layers;
        if (layers.Count > byte.MaxValue)
        {
            throw new ArgumentException($"DQM1 holds at most 255 layers, not {layers.Count}", nameof(model));
        }
        long length = HeaderLength(layers.Count);
        foreach (QuantizedLayer layer in layers)
        {
            if (layer.Inputs > ushort.MaxValue || layer.Outputs > ushort.MaxValue)
            {
                throw new ArgumentException($"DQM1 dims are uint16; a layer is {layer.Outputs} x {layer.Inputs}", nameof(model));
            }
            length += layer.Weights.Length + 4L * layer.Outputs;
        }
        byte[] bytes = new byte[length];
        Magic.CopyTo(bytes);
        bytes[4] = (byte)layers.Count;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(5), (ushort)model.InputSize);
        for (int l = 0; l < layers.Count; l++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(7 + 2 * l), (ushort)layers[l].Outputs);
            bytes[5 + 2 * (layers.Count + 1) + l] = layers[l].Shift;
        }
        int offset = HeaderLength(layers.Count);
        foreach (QuantizedLayer layer in layers)
        {
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(layer.Weights.AsSpan()).CopyTo(bytes.AsSpan(offset));
            offset += layer.Weights.Length;
            foreach (int bias in layer.Biases)
            {
                BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(offset), bias);
                offset += 4;
            }
        }
        return bytes;
    }

    private static QuantizedModel Decode(ReadOnlySpan<byte> bytes, ModelShape shape)
    {
        var layers = new QuantizedLayer[shape.Layers];
        int offset = HeaderLength(shape.Layers);
        for (int l = 0; l < shape.Layers; l++)
        {
            int inputs = shape.Dims[l];
            int outputs = shape.Dims[l + 1];
            sbyte[] weights = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(bytes.Slice(offset, inputs * outputs)).ToArray();
            offset += weights.Length;
            int[] biases = new int[outputs];
            for (int j = 0; j < outputs; j++, offset += 4)
            {
                biases[j] = BinaryPrimitives.ReadInt32BigEndian(bytes[offset..]);
            }
            layers[l] = new QuantizedLayer(inputs, outputs, shape.Shifts[l], weights, biases);
        }
        return new QuantizedModel(layers);
    }

    private static long SumOfMagnitudes(ReadOnlySpan<sbyte> row)
    {
        long sum = 0;
        foreach (sbyte w in row)
        {
            sum += Math.Abs((int)w);
        }
        return sum;
    }

    private static EvaluationException Fail(string errorName, string detail, params object[] args) => new(errorName, args, detail);
}
