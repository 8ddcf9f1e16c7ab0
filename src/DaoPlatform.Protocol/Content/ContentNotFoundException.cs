namespace DaoPlatform.Protocol.Content;

/// <summary>The store does not hold <see cref="Cid"/> (the content or one block of its DAG).</summary>
public sealed class ContentNotFoundException : ContentStoreException
{
    /// <summary>Creates the exception for <paramref name="cid"/>, missing from <paramref name="source"/>.</summary>
    public ContentNotFoundException(Cid cid, string source)
        : base($"Block {cid} was not found at {source}.")
    {
        Cid = cid;
    }

    /// <summary>The missing block's CID.</summary>
    public Cid Cid { get; }
}
