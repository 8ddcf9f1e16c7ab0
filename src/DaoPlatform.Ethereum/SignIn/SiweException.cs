namespace DaoPlatform.Ethereum.SignIn;

/// <summary>Why a Sign-In with Ethereum message was refused.</summary>
public enum SiweError
{
    /// <summary>The message does not have the EIP-4361 layout (a line missing, out of order or extra).</summary>
    Malformed,
    /// <summary>The domain (or scheme) is not an RFC 3986 authority.</summary>
    InvalidDomain,
    /// <summary>The address is not 0x + 40 hex digits in its EIP-55 checksum form.</summary>
    InvalidAddress,
    /// <summary>The statement holds a character outside RFC 3986 reserved / unreserved / space.</summary>
    InvalidStatement,
    /// <summary>The URI is not an RFC 3986 URI.</summary>
    InvalidUri,
    /// <summary>The version is not 1.</summary>
    InvalidVersion,
    /// <summary>The chain id is not a decimal number.</summary>
    InvalidChainId,
    /// <summary>The nonce is not at least 8 ASCII letters and digits.</summary>
    InvalidNonce,
    /// <summary>A time is not an RFC 3339 date-time.</summary>
    InvalidTimeFormat,
    /// <summary>The request id is not <c>*pchar</c>.</summary>
    InvalidRequestId,
    /// <summary>A resource is not an RFC 3986 URI.</summary>
    InvalidResource,
    /// <summary>The message's expiration time has passed.</summary>
    Expired,
    /// <summary>The message's not-before time has not come.</summary>
    NotYetValid,
    /// <summary>The message was issued in the future, or longer ago than the server accepts.</summary>
    IssuedAtOutOfRange,
    /// <summary>The message names another domain (or scheme) than the server's.</summary>
    DomainMismatch,
    /// <summary>The message names another URI than the server's.</summary>
    UriMismatch,
    /// <summary>The message names another chain than the server's.</summary>
    ChainIdMismatch,
    /// <summary>The nonce is not the one the server issued, was used already, or expired.</summary>
    NonceMismatch,
    /// <summary>The signature is malformed, or neither the address's key nor its contract (EIP-1271) accepts it.</summary>
    InvalidSignature,
    /// <summary>A ReCap (EIP-5573) is missing, not the last resource, malformed or not stated in the statement.</summary>
    InvalidRecap,
}

/// <summary>A Sign-In with Ethereum message was refused; <see cref="Error"/> says why and the message says where.</summary>
public sealed class SiweException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SiweException(SiweError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Creates the exception with no error code (use the other constructors).</summary>
    public SiweException()
        : this(SiweError.Malformed, "Sign-In with Ethereum: malformed message.")
    {
    }

    /// <summary>Creates the exception with a message and no error code.</summary>
    public SiweException(string message)
        : this(SiweError.Malformed, message)
    {
    }

    /// <summary>Creates the exception wrapping <paramref name="innerException"/>.</summary>
    public SiweException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = SiweError.Malformed;
    }

    /// <summary>What was wrong.</summary>
    public SiweError Error { get; }
}
