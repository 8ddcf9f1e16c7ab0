namespace DaoPlatform.Ethereum.Keystore;

/// <summary>
/// A signing key could not be loaded: the keystore file is missing, unreadable or malformed, the
/// password source is missing, or the password is wrong. The message names the file and the password source.
/// </summary>
public sealed class SigningKeyException : Exception
{
    /// <summary>Creates the exception for the keystore at <paramref name="keystorePath"/>.</summary>
    public SigningKeyException(string keystorePath, string message, Exception? innerException = null)
        : base($"Keystore {keystorePath}: {message}", innerException)
    {
        KeystorePath = keystorePath;
    }

    /// <summary>The keystore file that failed to load.</summary>
    public string KeystorePath { get; }
}
