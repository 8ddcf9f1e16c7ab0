namespace DaoPlatform.Ethereum.Signing;

/// <summary>Raised for a signature that is malformed, non-canonical (high s) or recovers to no key; the message names the problem.</summary>
public sealed class SignatureException : FormatException
{
    /// <summary>Creates the exception with a message naming the problem.</summary>
    public SignatureException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public SignatureException() : base("Invalid signature.")
    {
    }

    /// <summary>Creates the exception wrapping the error that caused it.</summary>
    public SignatureException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
