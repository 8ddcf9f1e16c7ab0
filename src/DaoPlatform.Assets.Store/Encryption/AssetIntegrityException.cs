namespace DaoPlatform.Assets.Store.Encryption;

/// <summary>
/// Stored ciphertext failed a check: a block failed authentication, is missing or short, a key does not
/// unwrap, or the content hash or CID does not match. Nothing of the failing block was served.
/// </summary>
public sealed class AssetIntegrityException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AssetIntegrityException()
        : this("The stored asset failed an integrity check.")
    {
    }

    /// <summary>Creates the exception with a message naming what failed.</summary>
    public AssetIntegrityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception wrapping <paramref name="innerException"/>.</summary>
    public AssetIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
