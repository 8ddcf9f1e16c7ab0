using System.Buffers;
using System.Collections;
using System.Globalization;

namespace DaoPlatform.Ethereum.Abi;

/// <summary><c>T[k]</c>: k elements laid out like a tuple of k T's. Values are lists of exactly k elements.</summary>
public sealed class AbiFixedArray : AbiType
{
    private readonly int _contentHeadSize;

    /// <summary>Creates <c>element[length]</c>.</summary>
    /// <exception cref="AbiException"><paramref name="length"/> is not positive, the element is the empty tuple, or the size overflows.</exception>
    public AbiFixedArray(AbiType element, int length)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (length < 1)
        {
            throw new AbiException($"ABI type: {element.Name}[{length}] is not a valid type; a fixed array has at least one element.");
        }
        if (element.HeadSize == 0)
        {
            throw new AbiException($"ABI type: {element.Name}[{length}] is not supported; the empty tuple has no encoding to repeat.");
        }
        if ((long)element.HeadSize * length > int.MaxValue)
        {
            throw new AbiException($"ABI type: {element.Name}[{length}] is too large to encode.");
        }
        Element = element;
        Length = length;
        Name = element.Name + "[" + length.ToString(CultureInfo.InvariantCulture) + "]";
        _contentHeadSize = element.HeadSize * length;
    }

    /// <summary>The element type.</summary>
    public AbiType Element { get; }

    /// <summary>The number of elements k.</summary>
    public int Length { get; }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <inheritdoc/>
    public override bool IsDynamic => Element.IsDynamic;

    /// <inheritdoc/>
    public override int HeadSize => IsDynamic ? AbiEncoder.WordSize : _contentHeadSize;

    /// <inheritdoc/>
    public override int GetEncodedSize(object? value) => IsDynamic
        ? AbiHeadTail.GetEncodedSize(new RepeatedSequence(Element, Length), Values(value), _contentHeadSize)
        : _contentHeadSize;

    /// <inheritdoc/>
    public override int Encode(object? value, Span<byte> destination) =>
        AbiHeadTail.Encode(new RepeatedSequence(Element, Length), Values(value), destination, _contentHeadSize);

    /// <inheritdoc/>
    public override object? Decode(ReadOnlySpan<byte> data, ref int position) =>
        AbiHeadTail.Decode(new RepeatedSequence(Element, Length), data, ref position, _contentHeadSize, Name);

    internal override void WriteIndexedEncoding(object? value, ArrayBufferWriter<byte> writer, bool nested) =>
        AbiHeadTail.WriteIndexed(new RepeatedSequence(Element, Length), Values(value), writer);

    internal override void AppendHumanReadable(System.Text.StringBuilder builder)
    {
        Element.AppendHumanReadable(builder);
        builder.Append('[').Append(Length).Append(']');
    }

    private IList Values(object? value)
    {
        IList values = AbiValueConverter.ToList(value, Name);
        AbiHeadTail.CheckCount(values, Length, Name);
        return values;
    }
}
