using System.Buffers;

namespace DaoPlatform.Ethereum.Abi;

/// <summary>
/// A Solidity ABI type. Each concrete type encodes and decodes its own values; containers
/// (<see cref="AbiTuple"/>, <see cref="AbiFixedArray"/>, <see cref="AbiDynamicArray"/>) lay out
/// heads and tails per the Solidity ABI specification.
/// </summary>
/// <remarks>
/// Values decode to: <see cref="System.Numerics.BigInteger"/> (uintN, intN),
/// <see cref="Primitives.Address"/>, <see cref="bool"/>, <see cref="byte"/>[] (bytesN, bytes),
/// <see cref="string"/>, and <see cref="object"/>?[] (arrays and tuples). Encoding accepts the same,
/// plus the built-in integer types for integers, <see cref="ReadOnlyMemory{T}"/> of bytes for
/// byte strings and any <see cref="System.Collections.IList"/> for arrays and tuples.
/// Decoding is strict: only the canonical encoding of a value decodes (offsets in order with no
/// gaps or overlaps, zero padding, no dirty high bits, bools 0 or 1, valid UTF-8), so a decoded
/// value always re-encodes to the bytes it came from.
/// </remarks>
public abstract class AbiType : IEquatable<AbiType>
{
    /// <summary>The canonical type string used in signatures, e.g. <c>uint256</c> or <c>(address,bytes)[]</c>.</summary>
    public abstract string Name { get; }

    /// <summary>True for types whose encoding lives in the tail (bytes, string, T[], and containers of those).</summary>
    public abstract bool IsDynamic { get; }

    /// <summary>The bytes this type takes in the head of an enclosing tuple: 32 for dynamic types, its whole size otherwise.</summary>
    public abstract int HeadSize { get; }

    /// <summary>
    /// True when an indexed event parameter of this type is stored as the keccak hash of its
    /// in-place encoding (bytes, string, arrays, tuples) rather than as the value itself.
    /// </summary>
    public virtual bool IsHashedWhenIndexed => true;

    /// <summary>The length of this type's own encoding of <paramref name="value"/> (its tail, for dynamic types).</summary>
    public virtual int GetEncodedSize(object? value) => HeadSize;

    /// <summary>
    /// Writes this type's own encoding of <paramref name="value"/> (for a tuple: <c>abi.encode</c> of its
    /// components) into <paramref name="destination"/> and returns the number of bytes written.
    /// </summary>
    /// <exception cref="AbiException">The value does not fit the type; the message names the value and where it is.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="destination"/> is shorter than <see cref="GetEncodedSize"/>.</exception>
    public abstract int Encode(object? value, Span<byte> destination);

    /// <summary>
    /// Decodes a value whose encoding starts at <paramref name="position"/> in <paramref name="data"/>
    /// and advances <paramref name="position"/> past it.
    /// </summary>
    /// <exception cref="AbiException">The data is truncated, an offset or length is out of range, or bits are non-canonical.</exception>
    public abstract object? Decode(ReadOnlySpan<byte> data, ref int position);

    /// <summary>Returns this type's encoding of <paramref name="value"/>; for a tuple this is <c>abi.encode</c> of its components.</summary>
    public byte[] Encode(object? value)
    {
        byte[] buffer = new byte[GetEncodedSize(value)];
        Encode(value, buffer);
        return buffer;
    }

    /// <summary>Decodes a value encoded at the start of <paramref name="data"/>; trailing bytes are ignored, as Solidity does.</summary>
    public object? Decode(ReadOnlySpan<byte> data)
    {
        int position = 0;
        return Decode(data, ref position);
    }

    /// <summary>
    /// Parses a type string: canonical (<c>(uint256,address)[]</c>) or the usual aliases
    /// (<c>uint</c>, <c>int</c>, <c>tuple(...)</c>). Component names are not allowed here.
    /// </summary>
    /// <exception cref="AbiException">The string is not a valid ABI type; the message names the position.</exception>
    public static AbiType Parse(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return AbiSignatureParser.ParseType(type);
    }

    /// <summary>
    /// Appends the "in-place" encoding that the keccak hash of an indexed event parameter is taken
    /// over. Value types write their word; bytes and strings override (unpadded unless nested);
    /// containers concatenate their elements' encodings, each padded.
    /// </summary>
    internal virtual void WriteIndexedEncoding(object? value, ArrayBufferWriter<byte> writer, bool nested)
    {
        Span<byte> span = writer.GetSpan(HeadSize);
        int written = Encode(value, span);
        writer.Advance(written);
    }

    /// <summary>Appends the type as human-readable signatures write it; tuples include their component names.</summary>
    internal virtual void AppendHumanReadable(System.Text.StringBuilder builder) => builder.Append(Name);

    /// <summary>Types are equal when their canonical names are; tuple component names do not count.</summary>
    public bool Equals(AbiType? other) => other is not null && other.Name == Name;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AbiType other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
