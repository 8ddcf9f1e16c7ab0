namespace DaoPlatform.Protocol.Signed;

/// <summary>A signed ballot or delegation file that is not one: not JSON, neither kind, or a field missing or malformed.</summary>
public sealed class SignedFileException : FormatException
{
    /// <summary>Creates the error; <paramref name="field"/> names the bad field (null when the file as a whole is bad).</summary>
    public SignedFileException(string message, string? field = null, Exception? innerException = null)
        : base(message, innerException) => Field = field;

    /// <summary>The field that is missing or malformed; null when the file as a whole is bad.</summary>
    public string? Field { get; }
}
