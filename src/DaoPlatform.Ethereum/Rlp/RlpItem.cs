using System.Buffers;

namespace DaoPlatform.Ethereum.Rlp;

/// <summary>
/// A decoded RLP value held as a tree: either an <see cref="RlpString"/> or an <see cref="RlpList"/>.
/// For hot paths use <see cref="RlpWriter"/> and <see cref="RlpReader"/> directly; this model is for
/// data whose shape is known only at run time.
/// </summary>
public abstract class RlpItem : IEquatable<RlpItem>
{
    private protected RlpItem()
    {
    }

    /// <summary>The exact length of this item's encoding.</summary>
    public abstract int EncodedLength { get; }

    /// <summary>Decodes exactly one item that spans the whole input.</summary>
    public static RlpItem Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new RlpReader(encoded);
        RlpItem item = Read(ref reader);
        reader.EnsureEnd();
        return item;
    }

    /// <summary>Reads the next item from <paramref name="reader"/>, descending into lists.</summary>
    public static RlpItem Read(ref RlpReader reader)
    {
        if (!reader.NextIsList)
        {
            return new RlpString(reader.ReadString());
        }
        RlpReader content = reader.ReadList();
        var items = new List<RlpItem>();
        while (content.HasMore)
        {
            items.Add(Read(ref content));
        }
        return new RlpList(items);
    }

    /// <summary>Returns the encoding as a new array.</summary>
    public byte[] Encode()
    {
        byte[] output = new byte[EncodedLength];
        var writer = new RlpWriter(output);
        WriteTo(ref writer);
        return output;
    }

    /// <summary>Appends the encoding to <paramref name="output"/>, asking it for exactly the bytes needed.</summary>
    public void Encode(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        int length = EncodedLength;
        var writer = new RlpWriter(output.GetSpan(length));
        WriteTo(ref writer);
        output.Advance(length);
    }

    /// <summary>Writes the encoding at the writer's position.</summary>
    public abstract void WriteTo(ref RlpWriter writer);

    /// <inheritdoc/>
    public abstract bool Equals(RlpItem? other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RlpItem other && Equals(other);

    /// <inheritdoc/>
    public abstract override int GetHashCode();
}
