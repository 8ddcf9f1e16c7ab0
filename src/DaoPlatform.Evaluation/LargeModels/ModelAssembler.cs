using System.Buffers.Binary;
using DaoPlatform.Ethereum.Hex;
using System.Runtime.InteropServices;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.Model;

namespace DaoPlatform.Evaluation.LargeModels;

/// <summary>
/// Rebuilds a large model's DQM1 bytes from its published chunks (docs/training-tasks.md §8.1), checking each chunk as
/// <c>publishModelChunk</c> does: chunks in order (<c>firstRow</c> = rows so far), aligned subtrees of 2^height rows cut
/// at the model's end, each row <c>dims[l] + 4</c> bytes, the subtree proven against <c>rowsRoot</c>. Header ‖ rows
/// is the DQM1 encoding (docs/evaluation.md §11).
/// </summary>
public sealed class ModelAssembler
{
    private readonly byte[] _rowsRoot;
    private readonly int[] _rowWidths;
    private readonly byte[] _header;
    private readonly byte[][] _rows;
    private readonly int _depth;

    /// <summary>Starts a model of header <paramref name="header"/> committed to by <paramref name="rowsRoot"/>.</summary>
    /// <exception cref="InvalidDataException">The header is not a DQM1 header of 1..8 layers of widths 1..4096.</exception>
    public ModelAssembler(ReadOnlySpan<byte> header, ReadOnlySpan<byte> rowsRoot)
    {
        if (header.Length < 5 || !header[..4].SequenceEqual(Dqm1.Magic) || header[4] is < 1 or > Dqm1.MaxLayers
            || header.Length != Dqm1.HeaderLength(header[4]))
        {
            throw new InvalidDataException($"not a DQM1 header: {HexConvert.Encode(header)}");
        }
        if (rowsRoot.Length != 32)
        {
            throw new InvalidDataException($"a rows root is 32 bytes, not {rowsRoot.Length}");
        }
        int layers = header[4];
        var widths = new List<int>();
        for (int l = 0; l < layers; l++)
        {
            int inputs = BinaryPrimitives.ReadUInt16BigEndian(header[(5 + 2 * l)..]);
            int outputs = BinaryPrimitives.ReadUInt16BigEndian(header[(7 + 2 * l)..]);
            if (inputs is < 1 or > Dqm1.MaxDimension || outputs is < 1 or > Dqm1.MaxDimension)
            {
                throw new InvalidDataException($"DQM1 header: layer {l} is {outputs} x {inputs}, dims are 1..{Dqm1.MaxDimension}");
            }
            widths.AddRange(Enumerable.Repeat(inputs + 4, outputs));
        }
        _rowWidths = [.. widths];
        _rowsRoot = rowsRoot.ToArray();
        _depth = PositionalTree.DepthOf(_rowWidths.Length);
        _header = header.ToArray();
        _rows = new byte[_rowWidths.Length][];
        ModelRoot = ModelCommitment.ModelRootOf(header, rowsRoot);
    }

    /// <summary>The availability chunks' height for this model's shape (<see cref="AvailabilityChunks"/>).</summary>
    public int AvailabilityHeight => AvailabilityChunks.Height(_rowWidths.Max(), _depth);

    /// <summary><c>keccak256(keccak256(header) ‖ rowsRoot)</c>.</summary>
    public byte[] ModelRoot { get; }

    /// <summary>Rows in the model.</summary>
    public int RowCount => _rowWidths.Length;

    /// <summary>Rows added so far.</summary>
    public int PublishedRows { get; private set; }

    /// <summary>Whether every row is in.</summary>
    public bool IsComplete => PublishedRows == RowCount;

    /// <summary>Adds the chunk of rows from <paramref name="firstRow"/>, 2^<paramref name="height"/> of them or up to the model's end.</summary>
    /// <exception cref="InvalidDataException">The chunk is out of order, misaligned, of the wrong length, or not proven against the rows root.</exception>
    public void Add(int firstRow, int height, ReadOnlySpan<byte> rows, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (firstRow != PublishedRows || height is < 0 or > 15 || height > _depth || firstRow % (1 << height) != 0 || proof.Count != _depth - height)
        {
            throw new InvalidDataException(
                $"chunk at row {firstRow} of height {height} with {proof.Count} siblings: expected row {PublishedRows}, aligned, {_depth - height} siblings");
        }
        int last = Math.Min(firstRow + (1 << height), RowCount);
        var records = new byte[last - firstRow][];
        int offset = 0;
        for (int r = firstRow; r < last; r++)
        {
            if (offset + _rowWidths[r] > rows.Length)
            {
                break;
            }
            records[r - firstRow] = rows.Slice(offset, _rowWidths[r]).ToArray();
            offset += _rowWidths[r];
        }
        if (offset != rows.Length || records.Any(record => record is null))
        {
            throw new InvalidDataException($"chunk at row {firstRow}: {rows.Length} bytes are not rows {firstRow}..{last - 1} of this model");
        }
        byte[] root = PositionalTree.ProcessProof(PositionalTree.SubtreeRoot(records, firstRow, height), firstRow >> height, proof);
        if (!root.AsSpan().SequenceEqual(_rowsRoot))
        {
            throw new InvalidDataException($"chunk at row {firstRow}: proven to {HexConvert.Encode(root)}, not the rows root {HexConvert.Encode(_rowsRoot)}");
        }
        records.CopyTo(_rows, firstRow);
        PublishedRows = last;
    }

    /// <summary>The model, once every row is in, checked as <see cref="Dqm1.Read"/> checks DQM1 bytes (structure and overflow rule).</summary>
    /// <exception cref="InvalidOperationException">Rows are missing.</exception>
    /// <exception cref="InvalidDataException">The model breaks a rule of docs/evaluation.md §3.3 or §3.4.</exception>
    public QuantizedModel ToModel()
    {
        if (!IsComplete)
        {
            throw new InvalidOperationException($"{PublishedRows} of {RowCount} rows are published");
        }
        int layers = _header[4];
        var built = new QuantizedLayer[layers];
        for (int l = 0, r = 0; l < layers; l++)
        {
            int inputs = BinaryPrimitives.ReadUInt16BigEndian(_header.AsSpan(5 + 2 * l));
            int outputs = BinaryPrimitives.ReadUInt16BigEndian(_header.AsSpan(7 + 2 * l));
            var weights = new sbyte[inputs * outputs];
            var biases = new int[outputs];
            for (int j = 0; j < outputs; j++, r++)
            {
                MemoryMarshal.Cast<byte, sbyte>(_rows[r].AsSpan(0, inputs)).CopyTo(weights.AsSpan(j * inputs));
                biases[j] = BinaryPrimitives.ReadInt32BigEndian(_rows[r].AsSpan(inputs));
            }
            built[l] = new QuantizedLayer(inputs, outputs, _header[Dqm1.HeaderLength(layers) - layers + l], weights, biases);
        }
        var model = new QuantizedModel(built);
        try
        {
            Dqm1.ReadShape(Dqm1.Write(model));
            Dqm1.CheckOverflowRule(model);
        }
        catch (EvaluationException e)
        {
            throw new InvalidDataException($"published model {HexConvert.Encode(ModelRoot)}: {e.Message}", e);
        }
        return model;
    }
}
