using DaoPlatform.Ethereum.Keystore;
using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Services.Keys;

/// <summary>
/// Loads a signing key from a Web3 Secret Storage file (<see cref="Web3SecretStorage"/>) with the
/// password from the source <see cref="SigningKeyOptions"/> names. Every failure is one
/// <see cref="SigningKeyException"/> naming the file, so the node and the CLI report it alike.
/// </summary>
public static class KeystoreKeyLoader
{
    /// <summary>
    /// Reads the password, then the keystore, and decrypts the key. <paramref name="variables"/> looks up the password's
    /// environment variable (the process's environment when null); <paramref name="opened"/>, when given, serves a file
    /// this start has opened already with the same password without deriving its key again.
    /// </summary>
    /// <exception cref="ArgumentException">The options are incomplete (see <see cref="SigningKeyOptionsValidator"/>).</exception>
    /// <exception cref="SigningKeyException">
    /// The password variable is unset, the password file or the keystore is missing or unreadable, the
    /// keystore is malformed, or the password is wrong.
    /// </exception>
    public static async Task<EthereumKey> LoadAsync(
        SigningKeyOptions options, Func<string, string?>? variables = null, OpenedKeystores? opened = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        new SigningKeyOptionsValidator().ThrowIfInvalid(options, nameof(options));
        string path = options.KeystorePath!;
        string password = await ReadPasswordAsync(options, path, variables ?? Environment.GetEnvironmentVariable, cancellationToken).ConfigureAwait(false);
        string json = await ReadFileAsync(path, path, "the keystore file", cancellationToken).ConfigureAwait(false);
        try
        {
            return opened is null ? Web3SecretStorage.Decrypt(json, password) : opened.Open(path, json, password);
        }
        catch (KeystoreException error)
        {
            throw new SigningKeyException(path, $"{error.Message} (password from {DescribeSource(options)})", error);
        }
    }

    private static async Task<string> ReadPasswordAsync(SigningKeyOptions options, string keystorePath, Func<string, string?> variables, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.PasswordFile))
        {
            string text = await ReadFileAsync(keystorePath, options.PasswordFile, "the password file", cancellationToken).ConfigureAwait(false);
            return PasswordFile.FromContent(text);
        }
        string variable = options.PasswordEnvironmentVariable!;
        return variables(variable)
            ?? throw new SigningKeyException(keystorePath, $"the password environment variable {variable} is not set.");
    }

    private static async Task<string> ReadFileAsync(string keystorePath, string file, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SigningKeyException(keystorePath, $"{what} {Path.GetFullPath(file)} does not exist.", error);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new SigningKeyException(keystorePath, $"{what} {Path.GetFullPath(file)} cannot be read: {error.Message}", error);
        }
    }

    private static string DescribeSource(SigningKeyOptions options) =>
        string.IsNullOrWhiteSpace(options.PasswordFile)
            ? $"environment variable {options.PasswordEnvironmentVariable}"
            : $"file {options.PasswordFile}";
}
