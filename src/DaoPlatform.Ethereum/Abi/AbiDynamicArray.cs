using System.Buffers;
using System.Collections;

namespace DaoPlatform.Ethereum.Abi;

/// <summary><c>T[]</c>: a length word, then the elements laid out like a tuple. Values are lists of any length.</summary>
public sealed class AbiDynamicArray : AbiType
{
    /// <summary>Creates <c>element[]</c>.</summary>
    /// <exception cref="AbiException">The element is the empty tuple.</exception>
    public AbiDynamicArray(AbiType element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (element.HeadSize == 0)
        {
            throw new AbiException($"ABI type: {element.Name}[] is not supported; the empty tuple has no encoding to repeat.");
        }
        Element = element;
        Name = element.Name + "[]";
    }

    /// <summary>The element type.</summary>
    public AbiType Element { get; }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <inheritdoc/>
    public override bool IsDynamic => true;

    /// <inheritdoc/>
    public override int HeadSize => AbiEncoder.WordSize;

    /// <inheritdoc/>
    public override int GetEncodedSize(object? value)
    {
        IList values = AbiValueConverter.ToList(value, Name);
        int headSize = ContentHeadSize(values.Count);
        return AbiEncoder.WordSize + AbiHeadTail.GetEncodedSize(new RepeatedSequence(Element, values.Count), values, headSize);
    }

    /// <inheritdoc/>
    public override int Encode(object? value, Span<byte> destination)
    {
        IList values = AbiValueConverter.ToList(value, Name);
        AbiEncoder.WriteUInt64(destination, (ulong)values.Count);
        return AbiEncoder.WordSize + AbiHeadTail.Encode(
            new RepeatedSequence(Element, values.Count), values, destination[AbiEncoder.WordSize..], ContentHeadSize(values.Count));
    }

    /// <inheritdoc/>
    public override object? Decode(ReadOnlySpan<byte> data, ref int position)
    {
        int contentStart = position + AbiEncoder.WordSize;
        // Each element takes at least its head size, which bounds the count before anything is allocated.
        int count = AbiDecoder.ReadLength(data, position, (data.Length - contentStart) / Element.HeadSize, Name);
        int content = contentStart;
        object?[] values = AbiHeadTail.Decode(new RepeatedSequence(Element, count), data, ref content, count * Element.HeadSize, Name);
        position = content;
        return values;
    }

    internal override void WriteIndexedEncoding(object? value, ArrayBufferWriter<byte> writer, bool nested)
    {
        IList values = AbiValueConverter.ToList(value, Name);
        AbiHeadTail.WriteIndexed(new RepeatedSequence(Element, values.Count), values, writer);
    }

    internal override void AppendHumanReadable(System.Text.StringBuilder builder)
    {
        Element.AppendHumanReadable(builder);
        builder.Append("[]");
    }

    private int ContentHeadSize(int count)
    {
        long size = (long)Element.HeadSize * count;
        return size <= int.MaxValue ? (int)size : throw new AbiException($"ABI encode: {Name} with {count} elements is too large to encode.");
    }
}
