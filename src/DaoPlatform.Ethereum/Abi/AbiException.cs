namespace DaoPlatform.Ethereum.Abi;

/// <summary>
/// Thrown when a value cannot be ABI-encoded, ABI data cannot be decoded (truncated, bad offset,
/// non-canonical bits), or an ABI type, signature or JSON ABI is malformed. The message names the
/// type, the value or offset, and where in a nested value the problem is.
/// </summary>
public class AbiException : FormatException
{
    private string? _path;

    /// <summary>Creates an exception with a generic message.</summary>
    public AbiException() : base("ABI error.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public AbiException(string message) : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public AbiException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>
    /// Where in the encoded value the problem was found, e.g. <c>orders[2].maker</c>; null at top level.
    /// </summary>
    public string? Path => _path;

    /// <inheritdoc/>
    public override string Message => _path is null ? base.Message : $"{base.Message} (at {_path})";

    // Nested encoders report their position by prefixing one segment ("name", "#1" or "[2]")
    // as the exception unwinds.
    internal void PrependPath(string segment)
    {
        _path = _path is null ? segment : segment + (_path.StartsWith('[') ? "" : ".") + _path;
    }
}
