namespace DaoPlatform.Ethereum.Keystore;

/// <summary>Raised for a keystore file that is malformed (naming the field), uses an unsupported algorithm, or does not open with the password.</summary>
public sealed class KeystoreException : FormatException
{
    /// <summary>Creates the exception with a message naming the problem.</summary>
    public KeystoreException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public KeystoreException() : base("Keystore: malformed file.")
    {
    }

    /// <summary>Creates the exception wrapping the error that caused it.</summary>
    public KeystoreException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
