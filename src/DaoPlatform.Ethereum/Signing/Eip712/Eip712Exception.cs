namespace DaoPlatform.Ethereum.Signing.Eip712;

/// <summary>Raised for typed data that is malformed: unknown or cyclic types, a missing field, a value that does not fit its type. The message names the type and field.</summary>
public sealed class Eip712Exception : FormatException
{
    /// <summary>Creates the exception with a message naming the problem.</summary>
    public Eip712Exception(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public Eip712Exception() : base("EIP-712: malformed typed data.")
    {
    }

    /// <summary>Creates the exception wrapping the error that caused it.</summary>
    public Eip712Exception(string message, Exception innerException) : base(message, innerException)
    {
    }
}
