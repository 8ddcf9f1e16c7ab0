using System.Buffers;
using System.Text;

namespace DaoPlatform.Protocol.Content;

/// <summary>One link of a dag-pb node: the child's CID, its name, and the cumulative size of the child's DAG in bytes.</summary>
/// <param name="Cid">The child block's CID.</param>
/// <param name="Name">The link name; UnixFS file chunks use the empty string.</param>
/// <param name="TotalSize">Tsize: the child's block plus every block below it, in bytes.</param>
public sealed record DagPbLink(Cid Cid, string? Name, ulong? TotalSize);

/// <summary>
/// A dag-pb block (the IPLD dag-pb specification, ipld.io/specs/codecs/dag-pb/spec): a PBNode with
/// its links (field 2) encoded before its data (field 1), each PBLink as Hash (1), Name (2), Tsize (3).
/// Decoding is strict: fields in that order, no unknown fields, so one node has one encoding.
/// </summary>
/// <param name="Links">The links, in order.</param>
/// <param name="Data">The node's data (a UnixFS Data message for files); null when absent.</param>
public sealed record DagPbNode(IReadOnlyList<DagPbLink> Links, byte[]? Data)
{
    /// <summary>The block bytes.</summary>
    public byte[] Encode()
    {
        var output = new ArrayBufferWriter<byte>();
        var link = new ArrayBufferWriter<byte>();
        foreach (DagPbLink l in Links)
        {
            link.ResetWrittenCount();
            Protobuf.WriteBytesField(link, 1, l.Cid.ToBytes());
            if (l.Name is not null)
            {
                Protobuf.WriteBytesField(link, 2, Encoding.UTF8.GetBytes(l.Name));
            }
            if (l.TotalSize is ulong size)
            {
                Protobuf.WriteVarintField(link, 3, size);
            }
            Protobuf.WriteBytesField(output, 2, link.WrittenSpan);
        }
        if (Data is not null)
        {
            Protobuf.WriteBytesField(output, 1, Data);
        }
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Decodes a dag-pb block.</summary>
    /// <exception cref="FormatException">The block is not canonical dag-pb; the message names the field and offset.</exception>
    public static DagPbNode Decode(ReadOnlySpan<byte> block)
    {
        var reader = new ProtobufReader(block, "dag-pb PBNode");
        var links = new List<DagPbLink>();
        byte[]? data = null;
        while (!reader.AtEnd)
        {
            int at = reader.Position;
            (int field, int wireType) = reader.ReadKey();
            if (field == 2 && wireType == Protobuf.LengthDelimited && data is null)
            {
                links.Add(DecodeLink(reader.ReadLengthDelimited(), links.Count));
            }
            else if (field == 1 && wireType == Protobuf.LengthDelimited && data is null)
            {
                data = reader.ReadLengthDelimited().ToArray();
            }
            else
            {
                throw reader.Malformed($"field {field} (wire type {wireType}) at offset {at} is unexpected: a PBNode holds links (2) and then at most one data field (1)");
            }
        }
        return new DagPbNode(links, data);
    }

    private static DagPbLink DecodeLink(ReadOnlySpan<byte> bytes, int index)
    {
        var reader = new ProtobufReader(bytes, $"dag-pb PBLink {index}");
        Cid? cid = null;
        string? name = null;
        ulong? size = null;
        int last = 0;
        while (!reader.AtEnd)
        {
            int at = reader.Position;
            (int field, int wireType) = reader.ReadKey();
            bool expected = field > last && (field, wireType) is (1, Protobuf.LengthDelimited) or (2, Protobuf.LengthDelimited) or (3, Protobuf.Varint);
            if (!expected)
            {
                throw reader.Malformed($"field {field} (wire type {wireType}) at offset {at} is unexpected: a PBLink holds Hash (1), Name (2), Tsize (3) in that order");
            }
            last = field;
            switch (field)
            {
                case 1:
                    cid = Cid.FromBytes(reader.ReadLengthDelimited());
                    break;
                case 2:
                    name = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                    break;
                default:
                    size = reader.ReadVarint();
                    break;
            }
        }
        return cid is null ? throw reader.Malformed("the link has no Hash") : new DagPbLink(cid, name, size);
    }
}
