namespace DaoPlatform.Protocol.Content;

/// <summary>
/// A content store could not put or get content: the back end is unreachable or answered an error,
/// the content is missing or malformed. The message names the CID and the back end.
/// </summary>
public class ContentStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ContentStoreException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
