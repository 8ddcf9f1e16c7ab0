using System.Buffers.Binary;
using System.Numerics;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.Rlp;

/// <summary>
/// Writes RLP into a caller-provided span, front to back, with no intermediate buffers. Callers size the
/// span with the <c>LengthOf...</c> helpers, which compute the exact encoded length without encoding.
/// Integers are written big-endian with no leading zeros; zero is the empty string.
/// </summary>
public ref struct RlpWriter
{
    private const int ShortLimit = 56;
    private const byte StringOffset = 0x80;
    private const byte ListOffset = 0xc0;

    private readonly Span<byte> _destination;
    private int _position;

    /// <summary>Creates a writer that starts at the beginning of <paramref name="destination"/>.</summary>
    public RlpWriter(Span<byte> destination)
    {
        _destination = destination;
        _position = 0;
    }

    /// <summary>The number of bytes written so far.</summary>
    public readonly int Position => _position;

    /// <summary>The encoded length of a byte string.</summary>
    public static int LengthOfString(ReadOnlySpan<byte> value) =>
        value.Length == 1 && value[0] < StringOffset ? 1 : LengthOfHeader(value.Length) + value.Length;

    /// <summary>The encoded length of a list whose items' encodings total <paramref name="contentLength"/> bytes.</summary>
    public static int LengthOfList(int contentLength) => LengthOfHeader(contentLength) + contentLength;

    /// <summary>The encoded length of an unsigned integer.</summary>
    public static int LengthOf(ulong value) =>
        value < StringOffset ? 1 : 1 + ByteCount(value);

    /// <summary>The encoded length of a non-negative integer.</summary>
    public static int LengthOf(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "RLP encodes only non-negative integers.");
        }
        if (value < StringOffset)
        {
            return 1;
        }
        int length = value.GetByteCount(isUnsigned: true);
        return LengthOfHeader(length) + length;
    }

    /// <summary>The encoded length of an address (always 21 bytes).</summary>
    public static int LengthOf(Address address) => 1 + Address.Length;

    /// <summary>The length of the header for a string or list of <paramref name="contentLength"/> bytes.</summary>
    public static int LengthOfHeader(int contentLength) =>
        contentLength < ShortLimit ? 1 : 1 + ByteCount((ulong)contentLength);

    /// <summary>Writes a byte string.</summary>
    public void WriteString(ReadOnlySpan<byte> value)
    {
        if (value.Length == 1 && value[0] < StringOffset)
        {
            _destination[_position++] = value[0];
            return;
        }
        WriteHeader(StringOffset, value.Length);
        value.CopyTo(_destination[_position..]);
        _position += value.Length;
    }

    /// <summary>Writes the header of a list whose items' encodings total <paramref name="contentLength"/> bytes; the items follow.</summary>
    public void WriteListHeader(int contentLength) => WriteHeader(ListOffset, contentLength);

    /// <summary>Writes an unsigned integer as a minimal big-endian string.</summary>
    public void WriteUInt64(ulong value)
    {
        if (value == 0)
        {
            _destination[_position++] = StringOffset;
            return;
        }
        if (value < StringOffset)
        {
            _destination[_position++] = (byte)value;
            return;
        }
        int length = ByteCount(value);
        _destination[_position++] = (byte)(StringOffset + length);
        WriteBigEndian(value, length);
    }

    /// <summary>Writes a non-negative integer as a minimal big-endian string.</summary>
    public void WriteBigInteger(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "RLP encodes only non-negative integers.");
        }
        if (value < ulong.MaxValue)
        {
            WriteUInt64((ulong)value);
            return;
        }
        int length = value.GetByteCount(isUnsigned: true);
        WriteHeader(StringOffset, length);
        value.TryWriteBytes(_destination.Slice(_position, length), out _, isUnsigned: true, isBigEndian: true);
        _position += length;
    }

    /// <summary>Writes a 20-byte address.</summary>
    public void WriteAddress(Address address) => WriteString(address.Bytes);

    /// <summary>Copies bytes that are already RLP-encoded.</summary>
    public void WriteEncoded(ReadOnlySpan<byte> encoded)
    {
        encoded.CopyTo(_destination[_position..]);
        _position += encoded.Length;
    }

    private void WriteHeader(byte offset, int contentLength)
    {
        if (contentLength < ShortLimit)
        {
            _destination[_position++] = (byte)(offset + contentLength);
            return;
        }
        int lengthOfLength = ByteCount((ulong)contentLength);
        _destination[_position++] = (byte)(offset + ShortLimit - 1 + lengthOfLength);
        WriteBigEndian((ulong)contentLength, lengthOfLength);
    }

    private void WriteBigEndian(ulong value, int length)
    {
        Span<byte> buffer = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64BigEndian(buffer, value);
        buffer[(sizeof(ulong) - length)..].CopyTo(_destination[_position..]);
        _position += length;
    }

    private static int ByteCount(ulong value) => (71 - BitOperations.LeadingZeroCount(value)) / 8;
}
