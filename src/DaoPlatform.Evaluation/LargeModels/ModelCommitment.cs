using System.Buffers.Binary;
using System.Runtime.InteropServices;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Evaluation.LargeModels;

/// <summary>
/// The row commitment of a large model (docs/evaluation.md §11, <c>contracts/training/ModelCommitment.sol</c>): row
/// <c>r</c> is neuron <c>j</c> of layer <c>l</c> (<c>r = dims[1] + … + dims[l] + j</c>), its <c>dims[l]</c> int8 weights
/// then its int32 bias big-endian; the rows form a <see cref="PositionalTree"/> whose root is <c>rowsRoot</c>, and
/// <c>modelRoot = keccak256(keccak256(header) ‖ rowsRoot)</c> with <c>header</c> the DQM1 header.
/// </summary>
public sealed class ModelCommitment
{
    private readonly int[] _firstRowOfLayer;

    /// <summary>Builds the rows and their tree for <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException">The model has more layers or wider layers than DQM1 can hold.</exception>
    public ModelCommitment(QuantizedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        Header = Dqm1.Header(model);
        _firstRowOfLayer = new int[model.Layers.Count + 1];
        for (int l = 0; l < model.Layers.Count; l++)
        {
            _firstRowOfLayer[l + 1] = _firstRowOfLayer[l] + model.Layers[l].Outputs;
        }
        var rows = new byte[_firstRowOfLayer[^1]][];
        for (int l = 0; l < model.Layers.Count; l++)
        {
            QuantizedLayer layer = model.Layers[l];
            for (int j = 0; j < layer.Outputs; j++)
            {
                byte[] row = new byte[layer.Inputs + 4];
                MemoryMarshal.AsBytes(layer.Row(j)).CopyTo(row);
                BinaryPrimitives.WriteInt32BigEndian(row.AsSpan(layer.Inputs), layer.Biases[j]);
                rows[_firstRowOfLayer[l] + j] = row;
            }
        }
        Rows = rows;
        Tree = new PositionalTree(rows);
        ModelRoot = ModelRootOf(Header, Tree.Root);
    }

    /// <summary>The model committed to.</summary>
    public QuantizedModel Model { get; }

    /// <summary>The DQM1 header (7 + 3L bytes).</summary>
    public byte[] Header { get; }

    /// <summary>The rows in order, <c>dims[l] + 4</c> bytes each.</summary>
    public IReadOnlyList<byte[]> Rows { get; }

    /// <summary>The tree over <see cref="Rows"/>.</summary>
    public PositionalTree Tree { get; }

    /// <summary>The root of the row tree (<c>rowsRoot</c>), 32 bytes.</summary>
    public byte[] RowsRoot => Tree.Root;

    /// <summary><c>keccak256(keccak256(header) ‖ rowsRoot)</c>, what a trainer commits to for a large model.</summary>
    public byte[] ModelRoot { get; }

    /// <summary>The row index of neuron <paramref name="neuron"/> of layer <paramref name="layer"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such layer or neuron.</exception>
    public int RowIndex(int layer, int neuron)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(layer, _firstRowOfLayer.Length - 1);
        ArgumentOutOfRangeException.ThrowIfNegative(neuron);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(neuron, _firstRowOfLayer[layer + 1] - _firstRowOfLayer[layer]);
        return _firstRowOfLayer[layer] + neuron;
    }

    /// <summary>Row <paramref name="row"/> with its proof (<see cref="PositionalTree.Depth"/> siblings), as <c>OptimisticVerifier.NeuronRow</c> takes them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such row.</exception>
    public (byte[] Row, IReadOnlyList<byte[]> Proof) RowProof(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows.Count);
        return (Rows[row], Tree.Proof(0, row));
    }

    /// <summary><c>keccak256(keccak256(header) ‖ rowsRoot)</c>.</summary>
    public static byte[] ModelRootOf(ReadOnlySpan<byte> header, ReadOnlySpan<byte> rowsRoot)
    {
        Span<byte> both = stackalloc byte[64];
        Keccak256.Hash(header, both[..32]);
        rowsRoot.CopyTo(both[32..]);
        return Keccak256.Hash(both);
    }
}
