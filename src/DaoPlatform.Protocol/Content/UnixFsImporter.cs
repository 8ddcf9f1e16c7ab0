namespace DaoPlatform.Protocol.Content;

/// <summary>One block of a DAG: its CID and its bytes.</summary>
/// <param name="Cid">The block's CID.</param>
/// <param name="Bytes">The block's bytes (a raw chunk or an encoded dag-pb node).</param>
public readonly record struct ContentBlock(Cid Cid, ReadOnlyMemory<byte> Bytes);

/// <summary>A file as IPFS blocks: the root CID and every block, leaves first, the root last.</summary>
/// <param name="Root">The file's CID.</param>
/// <param name="Blocks">Every block of the DAG; leaves are slices of the content, not copies.</param>
public sealed record UnixFsDag(Cid Root, IReadOnlyList<ContentBlock> Blocks);

/// <summary>
/// Splits content into IPFS blocks exactly as <c>ipfs add --cid-version 1</c> (Kubo) and the
/// ipfs-unixfs-importer with <c>{ cidVersion: 1, rawLeaves: true }</c> do: fixed 256 KiB
/// (262,144-byte) chunks stored as raw blocks; content of one chunk (empty content included) is that
/// raw block alone; otherwise a balanced DAG of dag-pb UnixFS File nodes of at most 174 links, built
/// bottom-up, each level grouping the one below in order, until one node remains.
/// </summary>
public static class UnixFsImporter
{
    /// <summary>The chunk size: 256 KiB, Kubo's default (<c>size-262144</c>).</summary>
    public const int ChunkSize = 262_144;

    /// <summary>The most links one node holds (Kubo's and the JS importer's default).</summary>
    public const int MaxLinksPerNode = 174;

    /// <summary>Builds the DAG of <paramref name="content"/>.</summary>
    public static UnixFsDag Import(ReadOnlyMemory<byte> content)
    {
        var blocks = new List<ContentBlock>(content.Length / ChunkSize + 2);
        var level = new List<DagEntry>(content.Length / ChunkSize + 1);
        int offset = 0;
        do
        {
            ReadOnlyMemory<byte> chunk = content.Slice(offset, Math.Min(ChunkSize, content.Length - offset));
            var cid = Cid.ForRawBlock(chunk.Span);
            blocks.Add(new ContentBlock(cid, chunk));
            level.Add(new DagEntry(cid, (ulong)chunk.Length, (ulong)chunk.Length));
            offset += chunk.Length;
        }
        while (offset < content.Length);

        while (level.Count > 1)
        {
            var parents = new List<DagEntry>(level.Count / MaxLinksPerNode + 1);
            for (int first = 0; first < level.Count; first += MaxLinksPerNode)
            {
                List<DagEntry> children = level.GetRange(first, Math.Min(MaxLinksPerNode, level.Count - first));
                parents.Add(AddParent(children, blocks));
            }
            level = parents;
        }
        return new UnixFsDag(level[0].Cid, blocks);
    }

    private static DagEntry AddParent(List<DagEntry> children, List<ContentBlock> blocks)
    {
        ulong fileSize = 0;
        ulong totalSize = 0;
        var links = new DagPbLink[children.Count];
        var blockSizes = new ulong[children.Count];
        for (int i = 0; i < children.Count; i++)
        {
            DagEntry child = children[i];
            links[i] = new DagPbLink(child.Cid, string.Empty, child.TotalSize);
            blockSizes[i] = child.FileSize;
            fileSize += child.FileSize;
            totalSize += child.TotalSize;
        }
        var data = new UnixFsData(UnixFsType.File, null, fileSize, blockSizes);
        byte[] block = new DagPbNode(links, data.Encode()).Encode();
        var cid = Cid.Compute(ContentCodec.DagPb, block);
        blocks.Add(new ContentBlock(cid, block));
        return new DagEntry(cid, fileSize, totalSize + (ulong)block.Length);
    }

    /// <summary>A node of the DAG under construction: its file bytes and its Tsize (all block bytes under it).</summary>
    private readonly record struct DagEntry(Cid Cid, ulong FileSize, ulong TotalSize);
}
