namespace DaoPlatform.Ethereum.Rlp;

/// <summary>Raised when bytes are not the canonical RLP encoding of the expected shape; the message names the offset.</summary>
public sealed class RlpException : FormatException
{
    /// <summary>Creates the exception with a message that names what was wrong and where.</summary>
    public RlpException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public RlpException() : base("RLP: malformed input.")
    {
    }

    /// <summary>Creates the exception wrapping the error that caused it.</summary>
    public RlpException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
