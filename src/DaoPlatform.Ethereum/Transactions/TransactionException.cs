namespace DaoPlatform.Ethereum.Transactions;

/// <summary>Raised for raw transaction bytes that cannot be decoded; the message names the type, the field and the offset.</summary>
public sealed class TransactionException : FormatException
{
    /// <summary>Creates the exception with a message naming the problem.</summary>
    public TransactionException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public TransactionException() : base("Transaction: malformed encoding.")
    {
    }

    /// <summary>Creates the exception wrapping the error that caused it.</summary>
    public TransactionException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
