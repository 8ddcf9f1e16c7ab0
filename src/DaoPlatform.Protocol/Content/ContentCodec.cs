namespace DaoPlatform.Protocol.Content;

/// <summary>The multicodec of a CID's block (the multicodec table's <c>raw</c> and <c>dag-pb</c> entries).</summary>
public enum ContentCodec
{
    /// <summary><c>raw</c> (0x55): the block is the content's bytes.</summary>
    Raw = 0x55,

    /// <summary><c>dag-pb</c> (0x70): the block is a protobuf PBNode linking to other blocks (UnixFS).</summary>
    DagPb = 0x70,
}
