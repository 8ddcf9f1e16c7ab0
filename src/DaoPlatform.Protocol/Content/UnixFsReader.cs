namespace DaoPlatform.Protocol.Content;

/// <summary>
/// Reads a file back from its blocks: a raw root is the content; a dag-pb root is walked depth-first,
/// each node's inline data then its links in order. Every block is checked against its CID, every
/// node's sizes against its parent's <c>blocksizes</c>, and the declared size against a limit before
/// anything is allocated, so a hostile DAG can neither substitute bytes nor exhaust memory.
/// </summary>
internal static class UnixFsReader
{
    /// <summary>Deeper than any balanced DAG of 174-link nodes over 2^63 bytes, far shallower than a stack overflow.</summary>
    private const int MaxDepth = 16;

    public static async Task<byte[]> ReadAsync(IBlockSource source, Cid root, long maxBytes, CancellationToken cancellationToken)
    {
        byte[] block = await FetchAsync(source, root, cancellationToken).ConfigureAwait(false);
        if (root.Codec == ContentCodec.Raw)
        {
            return block.Length <= maxBytes
                ? block
                : throw new ContentStoreException($"Content {root} has {block.Length} bytes; the limit is {maxBytes}.");
        }
        (DagPbNode node, UnixFsData data) = DecodeFileNode(root, block);
        if (data.FileSize is not ulong size)
        {
            throw new ContentStoreException($"Content {root}: the root UnixFS node declares no filesize.");
        }
        if (size > (ulong)maxBytes)
        {
            throw new ContentStoreException($"Content {root} declares {size} bytes; the limit is {maxBytes}.");
        }
        var content = new byte[size];
        await WriteNodeAsync(source, root, node, data, content, 0, 0, cancellationToken).ConfigureAwait(false);
        return content;
    }

    private static async Task<byte[]> FetchAsync(IBlockSource source, Cid cid, CancellationToken cancellationToken)
    {
        byte[] block = await source.GetBlockAsync(cid, cancellationToken).ConfigureAwait(false)
            ?? throw new ContentNotFoundException(cid, source.Locate(cid));
        cid.Verify(block, source.Locate(cid));
        return block;
    }

    private static (DagPbNode Node, UnixFsData Data) DecodeFileNode(Cid cid, byte[] block)
    {
        try
        {
            DagPbNode node = DagPbNode.Decode(block);
            UnixFsData data = node.Data is null
                ? throw new FormatException("the node has no UnixFS Data")
                : UnixFsData.Decode(node.Data);
            if (data.Type is not (UnixFsType.File or UnixFsType.Raw))
            {
                throw new FormatException($"the node is a UnixFS {data.Type}; only files can be read");
            }
            if (data.BlockSizes.Count != node.Links.Count)
            {
                throw new FormatException($"{node.Links.Count} links but {data.BlockSizes.Count} blocksizes");
            }
            return (node, data);
        }
        catch (FormatException error)
        {
            throw new ContentStoreException($"Block {cid} is not a UnixFS file node: {error.Message}", error);
        }
    }

    /// <summary>Writes the file bytes under <paramref name="node"/> at <paramref name="offset"/>; returns the offset after them.</summary>
    private static async Task<int> WriteNodeAsync(
        IBlockSource source, Cid cid, DagPbNode node, UnixFsData data, byte[] content, int offset, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth)
        {
            throw new ContentStoreException($"Block {cid} lies {depth} levels deep; a UnixFS file DAG has at most {MaxDepth}.");
        }
        int start = offset;
        byte[] inline = data.Data ?? [];
        offset = Copy(cid, inline, content, offset);
        for (int i = 0; i < node.Links.Count; i++)
        {
            Cid childCid = node.Links[i].Cid;
            ulong expected = data.BlockSizes[i];
            if (expected > (ulong)(content.Length - offset))
            {
                throw new ContentStoreException($"Block {cid}: link {i} ({childCid}) claims {expected} bytes, past the file's declared size {content.Length}.");
            }
            byte[] child = await FetchAsync(source, childCid, cancellationToken).ConfigureAwait(false);
            int end;
            if (childCid.Codec == ContentCodec.Raw)
            {
                end = Copy(childCid, child, content, offset);
            }
            else
            {
                (DagPbNode childNode, UnixFsData childData) = DecodeFileNode(childCid, child);
                if (childData.FileSize is ulong childSize && childSize != expected)
                {
                    throw new ContentStoreException($"Block {cid}: link {i} ({childCid}) declares filesize {childSize}; the parent's blocksizes say {expected}.");
                }
                end = await WriteNodeAsync(source, childCid, childNode, childData, content, offset, depth + 1, cancellationToken).ConfigureAwait(false);
            }
            if ((ulong)(end - offset) != expected)
            {
                throw new ContentStoreException($"Block {cid}: link {i} ({childCid}) holds {end - offset} file bytes; the parent's blocksizes say {expected}.");
            }
            offset = end;
        }
        if (data.FileSize is ulong declared && declared != (ulong)(offset - start))
        {
            throw new ContentStoreException($"Block {cid} declares filesize {declared} but holds {offset - start} bytes.");
        }
        return offset;
    }

    private static int Copy(Cid cid, byte[] bytes, byte[] content, int offset)
    {
        if (bytes.Length > content.Length - offset)
        {
            throw new ContentStoreException($"Block {cid} holds {bytes.Length} bytes, past the file's declared size {content.Length}.");
        }
        bytes.CopyTo(content, offset);
        return offset + bytes.Length;
    }
}
