using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Evaluation.Backends.Cpu;

/// <summary>
/// One layer's weights in the order the x86 kernels read them: neurons in blocks of <see cref="BlockWidth"/>, inputs
/// in groups of four; block b, group g holds 64 bytes, neuron r's four weights <c>w[16b + r][4g .. 4g + 3]</c> at
/// bytes <c>4r .. 4r + 3</c>, so one 32-bit lane of a <c>vpdpbusd</c> sums the four products of one neuron.
/// Neurons and inputs past the layer's size are zero weights, so padding never changes a sum.
/// </summary>
internal sealed unsafe class PackedLayer
{
    public const int BlockWidth = 16;
    public const int GroupSize = 4;

    private readonly sbyte[] _weights;
    private readonly int[] _biases;

    public PackedLayer(QuantizedLayer layer, bool first, bool hidden)
    {
        Inputs = layer.Inputs;
        Outputs = layer.Outputs;
        Shift = layer.Shift;
        Hidden = hidden;
        Groups = (layer.Inputs + GroupSize - 1) / GroupSize;
        Blocks = (layer.Outputs + BlockWidth - 1) / BlockWidth;
        _weights = GC.AllocateArray<sbyte>(Blocks * Groups * BlockWidth * GroupSize, pinned: true);
        _biases = GC.AllocateArray<int>(Blocks * BlockWidth, pinned: true);
        for (int j = 0; j < layer.Outputs; j++)
        {
            ReadOnlySpan<sbyte> row = layer.Row(j);
            int block = j / BlockWidth;
            int lane = j % BlockWidth;
            long sum = 0;
            for (int i = 0; i < row.Length; i++)
            {
                _weights[((block * Groups + i / GroupSize) * BlockWidth + lane) * GroupSize + i % GroupSize] = row[i];
                sum += row[i];
            }
            // Layer 0's int8 inputs enter the u8 operand as x + 128, which adds 128·Σw to the row sum: the bias takes
            // it back. |b − 128·Σw| ≤ |b| + 128·Σ|w| ≤ 2^31 − 1 by the overflow rule (§3.4), so it fits int32.
            _biases[j] = first ? (int)(layer.Biases[j] - 128 * sum) : layer.Biases[j];
        }
        WeightsPointer = (sbyte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_weights));
        BiasesPointer = (int*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_biases));
    }

    public int Inputs { get; }

    public int Outputs { get; }

    /// <summary>Input groups of four (the last one zero-padded).</summary>
    public int Groups { get; }

    /// <summary>Neuron blocks of <see cref="BlockWidth"/> (the last one zero-padded).</summary>
    public int Blocks { get; }

    public byte Shift { get; }

    /// <summary>True for a hidden layer (outputs clamped to 0..127), false for the output layer.</summary>
    public bool Hidden { get; }

    /// <summary>The packed weights; pinned for the life of the layer.</summary>
    public sbyte* WeightsPointer { get; }

    /// <summary><see cref="Blocks"/> × 16 biases (layer 0: <c>b − 128·Σw</c>); pinned.</summary>
    public int* BiasesPointer { get; }
}
