namespace DaoPlatform.Protocol.Content;

/// <summary>A fetched block does not hash to the CID it was fetched by: the source is corrupt or lying.</summary>
public sealed class ContentVerificationException : ContentStoreException
{
    /// <summary>Creates the exception for a block of <paramref name="length"/> bytes from <paramref name="source"/>.</summary>
    public ContentVerificationException(Cid expected, Cid actual, int length, string source)
        : base($"Content verification failed: the {length}-byte block from {source} hashes to {actual}; expected {expected}.")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The CID the block was requested by.</summary>
    public Cid Expected { get; }

    /// <summary>The CID of the bytes actually received.</summary>
    public Cid Actual { get; }
}
