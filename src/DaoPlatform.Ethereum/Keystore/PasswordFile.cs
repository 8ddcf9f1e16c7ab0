namespace DaoPlatform.Ethereum.Keystore;

/// <summary>
/// The one rule for a keystore password kept in a file, shared by the CLI and the node: the password is the
/// file's whole content, less one trailing line break (<c>\n</c> or <c>\r\n</c>) that editors and <c>echo</c> add.
/// Anything else (spaces, further lines) is part of the password.
/// </summary>
public static class PasswordFile
{
    /// <summary>The password <paramref name="content"/> holds.</summary>
    public static string FromContent(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return content.EndsWith("\r\n", StringComparison.Ordinal) ? content[..^2]
            : content.EndsWith('\n') ? content[..^1]
            : content;
    }

    /// <summary>Reads the password in the file at <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The file cannot be read (<see cref="FileNotFoundException"/> when it does not exist).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static async Task<string> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        FromContent(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));

    /// <summary>Reads the password in the file at <paramref name="path"/>, synchronously.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static string Read(string path) => FromContent(File.ReadAllText(path));
}
