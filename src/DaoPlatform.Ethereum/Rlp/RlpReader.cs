using System.Buffers.Binary;
using System.Numerics;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.Rlp;

/// <summary>
/// Reads canonical RLP front to back without copying: strings come back as slices of the input and
/// lists as nested readers over their content. Anything non-canonical — a single byte below 0x80
/// wrapped as a string, a long form where the short one fits, leading zeros in a length or an
/// integer, a length past the end — is rejected with an <see cref="RlpException"/> naming the offset
/// in the original input.
/// </summary>
public ref struct RlpReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _baseOffset;
    private int _position;

    /// <summary>Creates a reader over a complete RLP input.</summary>
    public RlpReader(ReadOnlySpan<byte> data) : this(data, 0)
    {
    }

    /// <summary>
    /// Creates a reader over RLP that starts <paramref name="baseOffset"/> bytes into a larger input
    /// (after a transaction type byte, say), so that errors name offsets in that input.
    /// </summary>
    public RlpReader(ReadOnlySpan<byte> data, int baseOffset)
    {
        _data = data;
        _baseOffset = baseOffset;
        _position = 0;
    }

    /// <summary>The offset of the next item in the original input.</summary>
    public readonly int Offset => _baseOffset + _position;

    /// <summary>True while items remain in this reader (the whole input, or the current list).</summary>
    public readonly bool HasMore => _position < _data.Length;

    /// <summary>True when the next item is a list. Throws at the end of input.</summary>
    public readonly bool NextIsList
    {
        get
        {
            EnsureMore("an item");
            return _data[_position] >= 0xc0;
        }
    }

    /// <summary>Counts the items left in this reader without consuming them (validating their headers).</summary>
    public readonly int CountItems()
    {
        RlpReader copy = this;
        int count = 0;
        while (copy.HasMore)
        {
            copy.ReadHeader();
            count++;
        }
        return count;
    }

    /// <summary>Reads a byte string and returns its content.</summary>
    public ReadOnlySpan<byte> ReadString()
    {
        int start = Offset;
        (bool isList, int contentStart, int contentLength) = ReadHeader();
        if (isList)
        {
            throw new RlpException($"RLP: expected a string at offset {start} but found a list.");
        }
        return _data.Slice(contentStart, contentLength);
    }

    /// <summary>Reads a list and returns a reader over its items; this reader moves past the whole list.</summary>
    public RlpReader ReadList()
    {
        int start = Offset;
        (bool isList, int contentStart, int contentLength) = ReadHeader();
        if (!isList)
        {
            throw new RlpException($"RLP: expected a list at offset {start} but found a string.");
        }
        return new RlpReader(_data.Slice(contentStart, contentLength), _baseOffset + contentStart);
    }

    /// <summary>Reads the next item, string or list, and returns its complete encoding.</summary>
    public ReadOnlySpan<byte> ReadEncodedItem()
    {
        int start = _position;
        ReadHeader();
        return _data[start.._position];
    }

    /// <summary>Reads the big-endian bytes of a minimal unsigned integer of at most <paramref name="maxBytes"/> bytes, without converting it.</summary>
    public ReadOnlySpan<byte> ReadIntegerBytes(string field, int maxBytes = 32)
    {
        int start = Offset;
        ReadOnlySpan<byte> bytes = ReadString();
        CheckInteger(bytes, maxBytes, start, field);
        return bytes;
    }

    /// <summary>Reads a minimal big-endian unsigned integer of at most 8 bytes.</summary>
    public ulong ReadUInt64(string field = "integer")
    {
        int start = Offset;
        ReadOnlySpan<byte> bytes = ReadString();
        CheckInteger(bytes, sizeof(ulong), start, field);
        ulong value = 0;
        foreach (byte b in bytes)
        {
            value = (value << 8) | b;
        }
        return value;
    }

    /// <summary>Reads a minimal big-endian unsigned integer of at most <paramref name="maxBytes"/> bytes (32 for uint256).</summary>
    public BigInteger ReadBigInteger(string field = "integer", int maxBytes = 32)
    {
        int start = Offset;
        ReadOnlySpan<byte> bytes = ReadString();
        CheckInteger(bytes, maxBytes, start, field);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Reads a 20-byte address.</summary>
    public Address ReadAddress(string field = "address")
    {
        int start = Offset;
        ReadOnlySpan<byte> bytes = ReadString();
        if (bytes.Length != Address.Length)
        {
            throw new RlpException($"RLP: {field} at offset {start} has {bytes.Length} bytes; an address has {Address.Length}.");
        }
        return new Address(bytes);
    }

    /// <summary>Reads an address, or null for the empty string (a contract creation's <c>to</c>).</summary>
    public Address? ReadOptionalAddress(string field = "address")
    {
        EnsureMore(field);
        if (_data[_position] == 0x80)
        {
            _position++;
            return null;
        }
        return ReadAddress(field);
    }

    /// <summary>Reads a string of exactly <paramref name="length"/> bytes (a hash, a storage key).</summary>
    public ReadOnlySpan<byte> ReadFixedString(int length, string field)
    {
        int start = Offset;
        ReadOnlySpan<byte> bytes = ReadString();
        if (bytes.Length != length)
        {
            throw new RlpException($"RLP: {field} at offset {start} has {bytes.Length} bytes; expected {length}.");
        }
        return bytes;
    }

    /// <summary>Throws unless every item of this reader has been read; <paramref name="what"/> names the container.</summary>
    public readonly void EnsureEnd(string what = "input")
    {
        if (HasMore)
        {
            throw new RlpException($"RLP: {what} has {_data.Length - _position} unexpected trailing bytes at offset {Offset}.");
        }
    }

    private readonly void EnsureMore(string what)
    {
        if (!HasMore)
        {
            throw new RlpException($"RLP: expected {what} at offset {Offset} but the input ends there.");
        }
    }

    private (bool IsList, int ContentStart, int ContentLength) ReadHeader()
    {
        EnsureMore("an item");
        int start = _position;
        byte prefix = _data[start];
        bool isList = prefix >= 0xc0;
        int contentStart;
        int contentLength;
        if (prefix < 0x80)
        {
            (contentStart, contentLength) = (start, 1);
        }
        else if (prefix <= 0xb7 || (isList && prefix <= 0xf7))
        {
            contentStart = start + 1;
            contentLength = prefix - (isList ? 0xc0 : 0x80);
            if (!isList && contentLength == 1 && contentStart < _data.Length && _data[contentStart] < 0x80)
            {
                throw new RlpException($"RLP: single byte 0x{_data[contentStart]:x2} at offset {Offset} is wrapped as a string; it must encode as itself.");
            }
        }
        else
        {
            int lengthOfLength = prefix - (isList ? 0xf7 : 0xb7);
            contentStart = start + 1 + lengthOfLength;
            if (contentStart > _data.Length)
            {
                throw new RlpException($"RLP: {Kind(isList)} at offset {Offset} has a {lengthOfLength}-byte length but only {_data.Length - start - 1} bytes remain.");
            }
            ReadOnlySpan<byte> lengthBytes = _data.Slice(start + 1, lengthOfLength);
            if (lengthBytes[0] == 0)
            {
                throw new RlpException($"RLP: {Kind(isList)} at offset {Offset} has a length with a leading zero byte.");
            }
            Span<byte> padded = stackalloc byte[sizeof(ulong)];
            padded.Clear();
            lengthBytes.CopyTo(padded[(sizeof(ulong) - lengthOfLength)..]);
            ulong declared = BinaryPrimitives.ReadUInt64BigEndian(padded);
            if (declared < 56)
            {
                throw new RlpException($"RLP: {Kind(isList)} at offset {Offset} uses the long form for {declared} bytes; lengths under 56 must use the short form.");
            }
            if (declared > (ulong)(_data.Length - contentStart))
            {
                throw new RlpException($"RLP: {Kind(isList)} at offset {Offset} declares {declared} bytes but {_data.Length - contentStart} remain.");
            }
            contentLength = (int)declared;
        }
        if (contentLength > _data.Length - contentStart)
        {
            throw new RlpException($"RLP: {Kind(isList)} at offset {Offset} declares {contentLength} bytes but {Math.Max(0, _data.Length - contentStart)} remain.");
        }
        _position = contentStart + contentLength;
        return (isList, contentStart, contentLength);
    }

    private static string Kind(bool isList) => isList ? "list" : "string";

    private static void CheckInteger(ReadOnlySpan<byte> bytes, int maxBytes, int offset, string field)
    {
        if (bytes.Length > maxBytes)
        {
            throw new RlpException($"RLP: {field} at offset {offset} has {bytes.Length} bytes; at most {maxBytes} allowed.");
        }
        if (bytes.Length > 0 && bytes[0] == 0)
        {
            throw new RlpException($"RLP: {field} at offset {offset} has a leading zero byte; integers must be minimal.");
        }
    }
}
