namespace DaoPlatform.Protocol.Content;

/// <summary>Where <see cref="UnixFsReader"/> fetches blocks from: a folder, a gateway, a Kubo node.</summary>
internal interface IBlockSource
{
    /// <summary>Where <paramref name="cid"/>'s block is fetched from (a path or a URL), for error messages.</summary>
    string Locate(Cid cid);

    /// <summary>The block's bytes as stored, unverified; null when the source does not have it.</summary>
    Task<byte[]?> GetBlockAsync(Cid cid, CancellationToken cancellationToken);
}
