using System.Buffers;

namespace DaoPlatform.Protocol.Content;

/// <summary>
/// The two protobuf wire types dag-pb and UnixFS use (varint = 0, length-delimited = 2), written by
/// hand so that field order and presence are exactly what the specifications fix.
/// </summary>
internal static class Protobuf
{
    public const int Varint = 0;
    public const int LengthDelimited = 2;

    public static void WriteVarint(IBufferWriter<byte> output, ulong value)
    {
        Span<byte> span = output.GetSpan(10);
        int length = 0;
        while (value >= 0x80)
        {
            span[length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[length++] = (byte)value;
        output.Advance(length);
    }

    public static void WriteVarintField(IBufferWriter<byte> output, int field, ulong value)
    {
        WriteVarint(output, (ulong)(field << 3 | Varint));
        WriteVarint(output, value);
    }

    public static void WriteBytesField(IBufferWriter<byte> output, int field, ReadOnlySpan<byte> value)
    {
        WriteVarint(output, (ulong)(field << 3 | LengthDelimited));
        WriteVarint(output, (ulong)value.Length);
        output.Write(value);
    }
}

/// <summary>Reads protobuf fields in order; every error names the message and the byte offset.</summary>
internal ref struct ProtobufReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly string _message;
    private int _position;

    public ProtobufReader(ReadOnlySpan<byte> data, string message)
    {
        _data = data;
        _message = message;
    }

    public readonly bool AtEnd => _position == _data.Length;

    public readonly int Position => _position;

    /// <summary>Reads a field key; returns the field number and checks the wire type is one of the two used.</summary>
    public (int Field, int WireType) ReadKey()
    {
        int at = _position;
        ulong key = ReadVarint();
        int wireType = (int)(key & 7);
        ulong field = key >> 3;
        if (field is 0 or > int.MaxValue || wireType is not (Protobuf.Varint or Protobuf.LengthDelimited))
        {
            throw Malformed($"field key 0x{key:x} at offset {at} (field {field}, wire type {wireType}) is not valid here");
        }
        return ((int)field, wireType);
    }

    public ulong ReadVarint()
    {
        int at = _position;
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw Malformed($"varint at offset {at} runs past the end");
            }
            byte b = _data[_position++];
            if (shift == 63 && b > 1)
            {
                break;
            }
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw Malformed($"varint at offset {at} overflows 64 bits");
    }

    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        int at = _position;
        ulong length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw Malformed($"length {length} at offset {at} runs past the end ({_data.Length - _position} bytes left)");
        }
        ReadOnlySpan<byte> value = _data.Slice(_position, (int)length);
        _position += (int)length;
        return value;
    }

    /// <summary>Reads the value of a field this reader does not interpret.</summary>
    public void Skip(int wireType)
    {
        if (wireType == Protobuf.Varint)
        {
            ReadVarint();
        }
        else
        {
            ReadLengthDelimited();
        }
    }

    public readonly FormatException Malformed(string what) => new($"{_message}: {what}.");
}
