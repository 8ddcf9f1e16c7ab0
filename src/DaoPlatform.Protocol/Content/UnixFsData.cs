using System.Buffers;

namespace DaoPlatform.Protocol.Content;

/// <summary>The UnixFS node types (the UnixFS specification's <c>Data.DataType</c>).</summary>
public enum UnixFsType
{
    /// <summary>Raw bytes (legacy leaves).</summary>
    Raw = 0,

    /// <summary>A directory.</summary>
    Directory = 1,

    /// <summary>A file or a part of one.</summary>
    File = 2,

    /// <summary>Metadata.</summary>
    Metadata = 3,

    /// <summary>A symbolic link.</summary>
    Symlink = 4,

    /// <summary>A sharded directory.</summary>
    HamtShard = 5,
}

/// <summary>
/// The UnixFS <c>Data</c> message a dag-pb node of a file carries (github.com/ipfs/specs, UNIXFS.md):
/// Type (1), Data (2, the bytes held inline), filesize (3), blocksizes (4, one per link: the file bytes
/// under that link). Fields 5-8 (hashType, fanout, mode, mtime) are read past and never written.
/// </summary>
/// <param name="Type">The node type.</param>
/// <param name="Data">Inline file bytes; null when absent.</param>
/// <param name="FileSize">The file bytes under this node (inline plus every link); null when absent.</param>
/// <param name="BlockSizes">For each link, the file bytes under it.</param>
public sealed record UnixFsData(UnixFsType Type, byte[]? Data, ulong? FileSize, IReadOnlyList<ulong> BlockSizes)
{
    /// <summary>The message bytes, fields in number order, as go-ipfs and js-ipfs write them.</summary>
    public byte[] Encode()
    {
        var output = new ArrayBufferWriter<byte>();
        Protobuf.WriteVarintField(output, 1, (ulong)Type);
        if (Data is { Length: > 0 })
        {
            Protobuf.WriteBytesField(output, 2, Data);
        }
        if (FileSize is ulong size)
        {
            Protobuf.WriteVarintField(output, 3, size);
        }
        foreach (ulong blockSize in BlockSizes)
        {
            Protobuf.WriteVarintField(output, 4, blockSize);
        }
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Decodes a UnixFS Data message.</summary>
    /// <exception cref="FormatException">The bytes are not a UnixFS Data message; the message names the field and offset.</exception>
    public static UnixFsData Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtobufReader(bytes, "UnixFS Data");
        UnixFsType? type = null;
        byte[]? data = null;
        ulong? fileSize = null;
        var blockSizes = new List<ulong>();
        while (!reader.AtEnd)
        {
            int at = reader.Position;
            (int field, int wireType) = reader.ReadKey();
            switch (field, wireType)
            {
                case (1, Protobuf.Varint):
                    ulong value = reader.ReadVarint();
                    type = value <= (ulong)UnixFsType.HamtShard
                        ? (UnixFsType)value
                        : throw reader.Malformed($"Type {value} at offset {at} is not a UnixFS type");
                    break;
                case (2, Protobuf.LengthDelimited):
                    data = reader.ReadLengthDelimited().ToArray();
                    break;
                case (3, Protobuf.Varint):
                    fileSize = reader.ReadVarint();
                    break;
                case (4, Protobuf.Varint):
                    blockSizes.Add(reader.ReadVarint());
                    break;
                case (4, Protobuf.LengthDelimited):
                    var packed = new ProtobufReader(reader.ReadLengthDelimited(), "UnixFS Data blocksizes");
                    while (!packed.AtEnd)
                    {
                        blockSizes.Add(packed.ReadVarint());
                    }
                    break;
                case ( >= 5 and <= 8, _):
                    reader.Skip(wireType);
                    break;
                default:
                    throw reader.Malformed($"field {field} (wire type {wireType}) at offset {at} is not a UnixFS Data field");
            }
        }
        return type is UnixFsType t
            ? new UnixFsData(t, data, fileSize, blockSizes)
            : throw reader.Malformed("the required Type field is missing");
    }
}
