using System.Numerics;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.Abi;

/// <summary>
/// Typed readers for the 32-byte ABI words of the static elementary types. Each reader checks
/// that the word is inside the data and canonical (no dirty high bits, bool 0 or 1, zero
/// padding) and names the type and offset when it is not. <c>offset</c> arguments
/// are absolute positions in <c>data</c>.
/// </summary>
public static class AbiDecoder
{
    private const int WordSize = AbiEncoder.WordSize;

    /// <summary>Reads a <c>uint256</c> word.</summary>
    public static BigInteger ReadUInt256(ReadOnlySpan<byte> data, int offset) => ReadUInt(data, offset, 256);

    /// <summary>Reads a <c>uint&lt;bits&gt;</c> word, rejecting set bits above <paramref name="bits"/>.</summary>
    public static BigInteger ReadUInt(ReadOnlySpan<byte> data, int offset, int bits)
    {
        ReadOnlySpan<byte> word = Word(data, offset, "uint", bits);
        int padding = WordSize - bits / 8;
        if (word[..padding].ContainsAnyExcept((byte)0))
        {
            throw new AbiException($"ABI decode: uint{bits} at offset {offset} has dirty high bits: {HexConvert.Encode(word)}.");
        }
        return new BigInteger(word[padding..], isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Reads an <c>int256</c> word.</summary>
    public static BigInteger ReadInt256(ReadOnlySpan<byte> data, int offset) => ReadInt(data, offset, 256);

    /// <summary>Reads an <c>int&lt;bits&gt;</c> word, rejecting bits above <paramref name="bits"/> that are not the sign extension.</summary>
    public static BigInteger ReadInt(ReadOnlySpan<byte> data, int offset, int bits)
    {
        ReadOnlySpan<byte> word = Word(data, offset, "int", bits);
        int padding = WordSize - bits / 8;
        byte extension = (word[padding] & 0x80) != 0 ? (byte)0xFF : (byte)0;
        if (word[..padding].ContainsAnyExcept(extension))
        {
            throw new AbiException($"ABI decode: int{bits} at offset {offset} is not sign-extended: {HexConvert.Encode(word)}.");
        }
        return new BigInteger(word[padding..], isUnsigned: false, isBigEndian: true);
    }

    /// <summary>Reads a <c>uint&lt;bits&gt;</c> word (bits at most 64) as a <see cref="ulong"/>.</summary>
    public static ulong ReadUInt64(ReadOnlySpan<byte> data, int offset, int bits = 64)
    {
        if (bits is < 8 or > 64 || bits % 8 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "A ulong holds uint8 to uint64.");
        }
        ReadOnlySpan<byte> word = Word(data, offset, "uint", bits);
        if (word[..(WordSize - bits / 8)].ContainsAnyExcept((byte)0))
        {
            throw new AbiException($"ABI decode: uint{bits} at offset {offset} has dirty high bits: {HexConvert.Encode(word)}.");
        }
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(word[(WordSize - sizeof(ulong))..]);
    }

    /// <summary>Reads an <c>address</c> word, rejecting non-zero bytes in its 12-byte padding.</summary>
    public static Address ReadAddress(ReadOnlySpan<byte> data, int offset)
    {
        ReadOnlySpan<byte> word = Word(data, offset, "address", 0);
        if (word[..(WordSize - Address.Length)].ContainsAnyExcept((byte)0))
        {
            throw new AbiException($"ABI decode: address at offset {offset} has dirty high bits: {HexConvert.Encode(word)}.");
        }
        return new Address(word[(WordSize - Address.Length)..]);
    }

    /// <summary>Reads a <c>bool</c> word, rejecting anything but 0 and 1.</summary>
    public static bool ReadBool(ReadOnlySpan<byte> data, int offset)
    {
        ReadOnlySpan<byte> word = Word(data, offset, "bool", 0);
        if (word[..(WordSize - 1)].ContainsAnyExcept((byte)0) || word[WordSize - 1] > 1)
        {
            throw new AbiException($"ABI decode: bool at offset {offset} has value {new BigInteger(word, isUnsigned: true, isBigEndian: true)}.");
        }
        return word[WordSize - 1] == 1;
    }

    /// <summary>Reads a <c>bytes&lt;size&gt;</c> word, rejecting non-zero padding after the first <paramref name="size"/> bytes.</summary>
    public static byte[] ReadFixedBytes(ReadOnlySpan<byte> data, int offset, int size)
    {
        ReadOnlySpan<byte> word = Word(data, offset, "bytes", size);
        if (word[size..].ContainsAnyExcept((byte)0))
        {
            throw new AbiException($"ABI decode: bytes{size} at offset {offset} has dirty padding: {HexConvert.Encode(word)}.");
        }
        return word[..size].ToArray();
    }

    /// <summary>
    /// Reads the length word of a byte string or dynamic array of type <paramref name="typeName"/> and
    /// checks it is at most <paramref name="limit"/>, the most the bytes that follow can hold.
    /// </summary>
    internal static int ReadLength(ReadOnlySpan<byte> data, int offset, int limit, string typeName)
    {
        ReadOnlySpan<byte> word = Word(data, offset, typeName, -1);
        bool small = !word[..(WordSize - sizeof(uint))].ContainsAnyExcept((byte)0);
        uint value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(word[(WordSize - sizeof(uint))..]);
        if (!small || value > (uint)limit)
        {
            throw new AbiException($"ABI decode: {typeName} length at offset {offset} is {new BigInteger(word, isUnsigned: true, isBigEndian: true)}, "
                + $"more than the {data.Length - offset - WordSize} bytes that follow can hold.");
        }
        return (int)value;
    }

    /// <summary>Checks that <paramref name="count"/> bytes starting at <paramref name="offset"/> are inside the data.</summary>
    internal static void EnsureAvailable(ReadOnlySpan<byte> data, int offset, int count, string typeName)
    {
        if (offset < 0 || count < 0 || offset > data.Length || data.Length - offset < count)
        {
            int remaining = Math.Max(0, data.Length - Math.Max(0, offset));
            throw new AbiException($"ABI decode: {typeName} at offset {offset} needs {count} bytes but only {remaining} remain.");
        }
    }

    private static ReadOnlySpan<byte> Word(ReadOnlySpan<byte> data, int offset, string type, int size)
    {
        if (offset < 0 || offset > data.Length - WordSize)
        {
            string name = size > 0 ? type + size : type;
            int remaining = Math.Max(0, data.Length - Math.Max(0, offset));
            throw new AbiException($"ABI decode: {name} at offset {offset} needs 32 bytes but only {remaining} remain.");
        }
        return data.Slice(offset, WordSize);
    }
}
