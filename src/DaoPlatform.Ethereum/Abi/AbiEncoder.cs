using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.Abi;

/// <summary>
/// Typed, allocation-free writers for the 32-byte ABI words of the static elementary types.
/// Generated bindings call these directly; the <see cref="AbiType"/> classes use them too.
/// Each writer fills the whole word, padding included, so the destination need not be zeroed.
/// </summary>
public static class AbiEncoder
{
    /// <summary>The size of one ABI word in bytes.</summary>
    public const int WordSize = 32;

    /// <summary>Writes <paramref name="value"/> as a <c>uint256</c> word.</summary>
    /// <exception cref="AbiException">The value is negative or wider than 256 bits.</exception>
    public static void WriteUInt256(Span<byte> word, BigInteger value) => WriteUInt(word, value, 256);

    /// <summary>Writes <paramref name="value"/> as a <c>uint&lt;bits&gt;</c> word, checking its range.</summary>
    /// <exception cref="AbiException">The value does not fit <c>uint&lt;bits&gt;</c>.</exception>
    public static void WriteUInt(Span<byte> word, BigInteger value, int bits)
    {
        if (value.Sign < 0 || value.GetBitLength() > bits)
        {
            throw new AbiException($"ABI encode: value {value} is out of range for uint{bits}.");
        }
        Span<byte> target = word[..WordSize];
        int length = value.GetByteCount(isUnsigned: true);
        target[..(WordSize - length)].Clear();
        value.TryWriteBytes(target[(WordSize - length)..], out _, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Writes <paramref name="value"/> as a word for any of <c>uint64</c> to <c>uint256</c> (or a length or offset).</summary>
    public static void WriteUInt64(Span<byte> word, ulong value)
    {
        Span<byte> target = word[..WordSize];
        target[..(WordSize - sizeof(ulong))].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(target[(WordSize - sizeof(ulong))..], value);
    }

    /// <summary>Writes <paramref name="value"/> as an <c>int256</c> word (two's complement).</summary>
    /// <exception cref="AbiException">The value does not fit 256 bits.</exception>
    public static void WriteInt256(Span<byte> word, BigInteger value) => WriteInt(word, value, 256);

    /// <summary>Writes <paramref name="value"/> as an <c>int&lt;bits&gt;</c> word, sign-extended to 256 bits.</summary>
    /// <exception cref="AbiException">The value does not fit <c>int&lt;bits&gt;</c>.</exception>
    public static void WriteInt(Span<byte> word, BigInteger value, int bits)
    {
        // GetBitLength excludes the sign bit for both signs: -2^(n-1) and 2^(n-1)-1 both need n-1.
        if (value.GetBitLength() > bits - 1)
        {
            throw new AbiException($"ABI encode: value {value} is out of range for int{bits}.");
        }
        Span<byte> target = word[..WordSize];
        int length = value.GetByteCount(isUnsigned: false);
        target[..(WordSize - length)].Fill(value.Sign < 0 ? (byte)0xFF : (byte)0);
        value.TryWriteBytes(target[(WordSize - length)..], out _, isUnsigned: false, isBigEndian: true);
    }

    /// <summary>Writes <paramref name="value"/> as a sign-extended <c>int256</c> word.</summary>
    public static void WriteInt64(Span<byte> word, long value)
    {
        Span<byte> target = word[..WordSize];
        target[..(WordSize - sizeof(long))].Fill(value < 0 ? (byte)0xFF : (byte)0);
        BinaryPrimitives.WriteInt64BigEndian(target[(WordSize - sizeof(long))..], value);
    }

    /// <summary>Writes an <c>address</c> word: 12 zero bytes, then the 20 address bytes.</summary>
    public static void WriteAddress(Span<byte> word, Address value)
    {
        Span<byte> target = word[..WordSize];
        target[..(WordSize - Address.Length)].Clear();
        value.Bytes.CopyTo(target[(WordSize - Address.Length)..]);
    }

    /// <summary>Writes a <c>bool</c> word: 0 or 1.</summary>
    public static void WriteBool(Span<byte> word, bool value)
    {
        Span<byte> target = word[..WordSize];
        target.Clear();
        target[WordSize - 1] = value ? (byte)1 : (byte)0;
    }

    /// <summary>
    /// Writes a <c>bytesN</c> word: the <paramref name="value"/> bytes left-aligned, zero-padded on the right.
    /// </summary>
    /// <exception cref="AbiException"><paramref name="value"/> is longer than 32 bytes.</exception>
    public static void WriteFixedBytes(Span<byte> word, ReadOnlySpan<byte> value)
    {
        if (value.Length > WordSize)
        {
            throw new AbiException($"ABI encode: {value.Length} bytes do not fit a bytesN word (at most 32).");
        }
        Span<byte> target = word[..WordSize];
        value.CopyTo(target);
        target[value.Length..].Clear();
    }

    /// <summary>Appends a <c>uint256</c> word to <paramref name="writer"/>.</summary>
    public static void WriteUInt256(IBufferWriter<byte> writer, BigInteger value)
    {
        WriteUInt256(writer.GetSpan(WordSize), value);
        writer.Advance(WordSize);
    }

    /// <summary>Appends an <c>address</c> word to <paramref name="writer"/>.</summary>
    public static void WriteAddress(IBufferWriter<byte> writer, Address value)
    {
        WriteAddress(writer.GetSpan(WordSize), value);
        writer.Advance(WordSize);
    }

    /// <summary>Appends a <c>bool</c> word to <paramref name="writer"/>.</summary>
    public static void WriteBool(IBufferWriter<byte> writer, bool value)
    {
        WriteBool(writer.GetSpan(WordSize), value);
        writer.Advance(WordSize);
    }

    /// <summary>Appends a <c>bytesN</c> word to <paramref name="writer"/>.</summary>
    public static void WriteFixedBytes(IBufferWriter<byte> writer, ReadOnlySpan<byte> value)
    {
        WriteFixedBytes(writer.GetSpan(WordSize), value);
        writer.Advance(WordSize);
    }

    /// <summary>The length of <paramref name="byteCount"/> bytes rounded up to whole words.</summary>
    public static int PaddedLength(int byteCount) => (byteCount + WordSize - 1) / WordSize * WordSize;
}
