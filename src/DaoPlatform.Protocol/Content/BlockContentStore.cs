namespace DaoPlatform.Protocol.Content;

/// <summary>
/// A content store over a source of blocks: gets read the DAG with <see cref="UnixFsReader"/>, verifying every
/// block, so each back end only says how to fetch one block and how to put and probe content.
/// </summary>
public abstract class BlockContentStore : IContentStore, IBlockSource
{
    private readonly long _maxBytes;

    /// <summary>Creates the store; gets refuse content larger than <paramref name="maxContentBytes"/>.</summary>
    protected BlockContentStore(long maxContentBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxContentBytes);
        _maxBytes = maxContentBytes;
    }

    /// <inheritdoc/>
    public abstract Task<Cid> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <inheritdoc/>
    public Task<byte[]> GetAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        return UnixFsReader.ReadAsync(this, cid, _maxBytes, cancellationToken);
    }

    /// <inheritdoc/>
    public abstract Task<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default);

    /// <summary>Where <paramref name="cid"/>'s block is fetched from (a path or a URL), for error messages.</summary>
    public abstract string Locate(Cid cid);

    /// <summary>The block's bytes as stored, unverified; null when the back end does not have it.</summary>
    protected abstract Task<byte[]?> GetBlockAsync(Cid cid, CancellationToken cancellationToken);

    Task<byte[]?> IBlockSource.GetBlockAsync(Cid cid, CancellationToken cancellationToken) => GetBlockAsync(cid, cancellationToken);
}
