namespace DaoPlatform.Protocol.Content;

/// <summary>
/// Content addressed by CID (what is not on chain: a submitter's hidden test set before its reveal,
/// models and datasets registered as assets). Every implementation verifies every block it fetches
/// against the CID it asked for, so a corrupt disk or a lying gateway yields an error, never wrong bytes.
/// </summary>
public interface IContentStore
{
    /// <summary>
    /// Stores <paramref name="content"/> and returns its CID, computed as <c>ipfs add --cid-version 1</c>
    /// does (<see cref="UnixFsImporter"/>): for content up to 256 KiB, the raw CID of docs/evaluation.md §7.
    /// </summary>
    /// <exception cref="ContentStoreException">The back end failed or stored the content under another CID.</exception>
    /// <exception cref="NotSupportedException">The back end is read-only (an HTTP gateway).</exception>
    Task<Cid> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>Fetches the content named by <paramref name="cid"/>, verifying every block against its CID.</summary>
    /// <exception cref="ContentNotFoundException">The back end does not have the content (or one of its blocks).</exception>
    /// <exception cref="ContentVerificationException">A block does not hash to its CID.</exception>
    /// <exception cref="ContentStoreException">The back end failed, or the DAG is malformed or larger than allowed.</exception>
    Task<byte[]> GetAsync(Cid cid, CancellationToken cancellationToken = default);

    /// <summary>Whether the back end holds the root block of <paramref name="cid"/>.</summary>
    /// <exception cref="ContentStoreException">The back end failed.</exception>
    Task<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default);
}
