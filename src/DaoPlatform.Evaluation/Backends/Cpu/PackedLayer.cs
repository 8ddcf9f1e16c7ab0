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
    private readonly int[] _offsetBiases;
    private readonly short[]? _pairWeights;

    public PackedLayer(QuantizedLayer layer, bool hidden, bool pairs)
    {
        Inputs = layer.Inputs;
        Outputs = layer.Outputs;
        Shift = layer.Shift;
        Hidden = hidden;
        Groups = (layer.Inputs + GroupSize - 1) / GroupSize;
        Pairs = (layer.Inputs + 1) / 2;
        Blocks = (layer.Outputs + BlockWidth - 1) / BlockWidth;
        _weights = GC.AllocateArray<sbyte>(Blocks * Groups * BlockWidth * GroupSize, pinned: true);
        _biases = GC.AllocateArray<int>(Blocks * BlockWidth, pinned: true);
        _offsetBiases = GC.AllocateArray<int>(Blocks * BlockWidth, pinned: true);
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
            _biases[j] = layer.Biases[j];
            // Signed inputs enter the u8 operand as x + 128, which adds 128·Σw to the row sum: the offset bias takes
            // it back. |b − 128·Σw| ≤ |b| + 128·Σ|w| ≤ 2^31 − 1 by the overflow rule (§3.4), so it fits int32.
            _offsetBiases[j] = (int)(layer.Biases[j] - 128 * sum);
        }
        if (pairs)
        {
            // Block b, pair p: neuron r's int16 weights w[16b + r][2p], w[16b + r][2p + 1] at shorts 2r, 2r + 1.
            _pairWeights = GC.AllocateArray<short>(Blocks * Pairs * BlockWidth * 2, pinned: true);
            for (int j = 0; j < layer.Outputs; j++)
            {
                ReadOnlySpan<sbyte> row = layer.Row(j);
                for (int i = 0; i < row.Length; i++)
                {
                    _pairWeights[((j / BlockWidth * Pairs + i / 2) * BlockWidth + j % BlockWidth) * 2 + i % 2] = row[i];
                }
            }
            PairWeightsPointer = (short*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_pairWeights));
        }
        WeightsPointer = (sbyte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_weights));
        BiasesPointer = (int*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_biases));
        OffsetBiasesPointer = (int*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_offsetBiases));
    }

    public int Inputs { get; }

    public int Outputs { get; }

    /// <summary>Input groups of four (the last one zero-padded).</summary>
    public int Groups { get; }

    /// <summary>Neuron blocks of <see cref="BlockWidth"/> (the last one zero-padded).</summary>
    public int Blocks { get; }

    /// <summary>Input pairs (the last one zero-padded) of the int16 packing.</summary>
    public int Pairs { get; }

    public byte Shift { get; }

    /// <summary>True for a hidden layer (outputs clamped to 0..127), false for the output layer.</summary>
    public bool Hidden { get; }

    /// <summary>The packed weights; pinned for the life of the layer.</summary>
    public sbyte* WeightsPointer { get; }

    /// <summary>
    /// The weights as int16, 16 neurons × 2 inputs per 64 bytes, for signed inputs on AVX-512BW and AVX2; null unless asked
    /// for. Pinned.
    /// </summary>
    public short* PairWeightsPointer { get; }

    /// <summary><see cref="Blocks"/> × 16 biases; pinned.</summary>
    public int* BiasesPointer { get; }

    /// <summary><see cref="Blocks"/> × 16 biases <c>b − 128·Σw</c>, for inputs that enter as <c>x + 128</c>; pinned.</summary>
    public int* OffsetBiasesPointer { get; }
}
