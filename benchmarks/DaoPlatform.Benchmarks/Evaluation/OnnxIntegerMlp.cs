using System.Runtime.InteropServices;
using DaoPlatform.Evaluation.Model;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace DaoPlatform.Benchmarks.Evaluation;

/// <summary>How layer 0's signed int8 inputs enter ONNX Runtime's <c>MatMulInteger</c>.</summary>
internal enum OnnxInputRoute
{
    /// <summary>
    /// uint8 <c>x + 128</c> with activation zero point 128 × int8 weights: the u8 × s8 product a user picks first,
    /// on x86 the one ONNX Runtime's int8 kernels are built around.
    /// </summary>
    OffsetU8S8,

    /// <summary>int8 inputs × int8 weights, no zero points.</summary>
    S8S8,

    /// <summary>uint8 <c>x + 128</c> × uint8 <c>w + 128</c>, both with zero point 128.</summary>
    U8U8,
}

/// <summary>
/// A DQM1 model as the ONNX graph a user of ONNX Runtime would build for the same integer network, per layer:
/// <c>MatMulInteger</c> (layer 0 as <see cref="OnnxInputRoute"/> says; hidden layers uint8 activations 0..127 ×
/// int8 weights, into int32), <c>Add</c> the int32 bias, the floor shift as
/// <c>(acc − (acc mod 2^s)) / 2^s</c> (<c>Mod</c> with the divisor's sign, so the division is exact), then
/// <c>Clip</c> 0..127 and <c>Cast</c> to uint8 for hidden layers or <c>ArgMax</c> (first maximum) at the end.
/// Written in the ONNX protobuf (onnx/onnx.proto, IR version 7, opset 13) by hand.
/// </summary>
internal sealed class OnnxIntegerMlp : IDisposable
{
    private const int Uint8 = 2;
    private const int Int8 = 3;
    private const int Int32 = 6;
    private const int AttributeInt = 2;

    private readonly InferenceSession _session;
    private readonly int _inputSize;
    private readonly OnnxInputRoute _route;

    public OnnxIntegerMlp(QuantizedModel model, int intraOpThreads, OnnxInputRoute route = OnnxInputRoute.OffsetU8S8)
    {
        _inputSize = model.InputSize;
        _route = route;
        var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        _session = new InferenceSession(Build(model, route), options);
    }

    /// <summary>
    /// The inputs as the graph takes them: <c>x + 128</c> in uint8 (<see cref="OnnxInputRoute.S8S8"/>: as they are),
    /// made once, outside the timed calls.
    /// </summary>
    public NamedOnnxValue Input(sbyte[] inputs, int samples)
    {
        if (_route == OnnxInputRoute.S8S8)
        {
            return NamedOnnxValue.CreateFromTensor("x", new DenseTensor<sbyte>(inputs, [samples, _inputSize]));
        }
        byte[] offset = new byte[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            offset[i] = (byte)(inputs[i] ^ 0x80);
        }
        return NamedOnnxValue.CreateFromTensor("x", new DenseTensor<byte>(offset, [samples, _inputSize]));
    }

    /// <summary>Predicts every sample of <paramref name="input"/> (from <see cref="Input"/>).</summary>
    public long[] Predict(NamedOnnxValue input)
    {
        using var results = _session.Run([input]);
        return [.. results[0].AsEnumerable<long>()];
    }

    public void Dispose() => _session.Dispose();

    private static byte[] Build(QuantizedModel model, OnnxInputRoute route)
    {
        var graph = new ProtobufWriter().String(2, "dqm1");
        if (route != OnnxInputRoute.S8S8)
        {
            graph.Message(5, Scalar("x_zero", Uint8, [128]));
        }
        if (route == OnnxInputRoute.U8U8)
        {
            graph.Message(5, Scalar("w_zero", Uint8, [128]));
        }
        string activation = "x";
        for (int l = 0; l < model.Layers.Count; l++)
        {
            QuantizedLayer layer = model.Layers[l];
            string p = $"l{l}_";
            // ONNX multiplies [batch, n] × [n, m]: the transpose of DQM1's row-major [m][n].
            sbyte[] transposed = new sbyte[layer.Weights.Length];
            for (int j = 0; j < layer.Outputs; j++)
            {
                for (int i = 0; i < layer.Inputs; i++)
                {
                    transposed[i * layer.Outputs + j] = layer.Weights[j * layer.Inputs + i];
                }
            }
            bool unsignedWeights = l == 0 && route == OnnxInputRoute.U8U8;
            byte[] weightBytes = MemoryMarshal.AsBytes(transposed.AsSpan()).ToArray();
            if (unsignedWeights)
            {
                for (int i = 0; i < weightBytes.Length; i++)
                {
                    weightBytes[i] ^= 0x80;
                }
            }
            graph.Message(5, Tensor(p + "w", unsignedWeights ? Uint8 : Int8, [layer.Inputs, layer.Outputs], weightBytes));
            graph.Message(5, Tensor(p + "b", Int32, [layer.Outputs], MemoryMarshal.AsBytes(layer.Biases.AsSpan()).ToArray()));
            graph.Message(5, Scalar(p + "d", Int32, BitConverter.GetBytes(1 << layer.Shift)));
            string[] operands = (l, route) switch
            {
                (0, OnnxInputRoute.OffsetU8S8) => [activation, p + "w", "x_zero"],
                (0, OnnxInputRoute.U8U8) => [activation, p + "w", "x_zero", "w_zero"],
                _ => [activation, p + "w"],
            };
            graph.Message(1, Node("MatMulInteger", operands, p + "mm"));
            graph.Message(1, Node("Add", [p + "mm", p + "b"], p + "acc"));
            graph.Message(1, Node("Mod", [p + "acc", p + "d"], p + "rem"));
            graph.Message(1, Node("Sub", [p + "acc", p + "rem"], p + "floor"));
            graph.Message(1, Node("Div", [p + "floor", p + "d"], p + "z"));
            if (l < model.Layers.Count - 1)
            {
                graph.Message(5, Scalar(p + "lo", Int32, BitConverter.GetBytes(0)));
                graph.Message(5, Scalar(p + "hi", Int32, BitConverter.GetBytes(127)));
                graph.Message(1, Node("Clip", [p + "z", p + "lo", p + "hi"], p + "clip"));
                graph.Message(1, Node("Cast", [p + "clip"], p + "y", ("to", Uint8)));
                activation = p + "y";
            }
            else
            {
                graph.Message(1, Node("ArgMax", [p + "z"], "prediction", ("axis", 1), ("keepdims", 0), ("select_last_index", 0)));
            }
        }
        graph.Message(11, ValueInfo("x", route == OnnxInputRoute.S8S8 ? Int8 : Uint8, [-1, model.InputSize]));
        graph.Message(12, ValueInfo("prediction", 7, [-1]));
        return new ProtobufWriter()
            .Varint(1, 7)
            .String(2, "DaoPlatform.Benchmarks")
            .Message(8, new ProtobufWriter().String(1, "").Varint(2, 13))
            .Message(7, graph)
            .ToArray();
    }

    private static ProtobufWriter Node(string op, string[] inputs, string output, params (string Name, long Value)[] attributes)
    {
        var node = new ProtobufWriter();
        foreach (string input in inputs)
        {
            node.String(1, input);
        }
        node.String(2, output).String(3, output).String(4, op);
        foreach ((string name, long value) in attributes)
        {
            node.Message(5, new ProtobufWriter().String(1, name).Varint(3, value).Varint(20, AttributeInt));
        }
        return node;
    }

    private static ProtobufWriter Tensor(string name, int type, long[] dims, byte[] raw)
    {
        var tensor = new ProtobufWriter();
        foreach (long dim in dims)
        {
            tensor.Varint(1, dim);
        }
        return tensor.Varint(2, type).String(8, name).Bytes(9, raw);
    }

    private static ProtobufWriter Scalar(string name, int type, byte[] raw) => Tensor(name, type, [], raw);

    private static ProtobufWriter ValueInfo(string name, int type, long[] dims)
    {
        var shape = new ProtobufWriter();
        foreach (long dim in dims)
        {
            shape.Message(1, dim < 0 ? new ProtobufWriter().String(2, "batch") : new ProtobufWriter().Varint(1, dim));
        }
        var tensorType = new ProtobufWriter().Varint(1, type).Message(2, shape);
        return new ProtobufWriter().String(1, name).Message(2, new ProtobufWriter().Message(1, tensorType));
    }
}
