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
    /// <summary>Reads the password, then the keystore, and decrypts the key.</summary>
    /// <exception cref="ArgumentException">The options are incomplete (see <see cref="SigningKeyOptionsValidator"/>).</exception>
    /// <exception cref="SigningKeyException">
    /// The password variable is unset, the password file or the keystore is missing or unreadable, the
    /// keystore is malformed, or the password is wrong.
    /// </exception>
    public static async Task<EthereumKey> LoadAsync(SigningKeyOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        new SigningKeyOptionsValidator().ThrowIfInvalid(options, nameof(options));
        string path = options.KeystorePath!;
        string password = await ReadPasswordAsync(options, path, cancellationToken).ConfigureAwait(false);
        string json = await ReadFileAsync(path, path, "the keystore file", cancellationToken).ConfigureAwait(false);
        try
        {
            return Web3SecretStorage.Decrypt(json, password);
        }
        catch (KeystoreException error)
        {
            throw new SigningKeyException(path, $"{error.Message} (password from {DescribeSource(options)})", error);
        }
    }

    private static async Task<string> ReadPasswordAsync(SigningKeyOptions options, string keystorePath, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.PasswordFile))
        {
            string text = await ReadFileAsync(keystorePath, options.PasswordFile, "the password file", cancellationToken).ConfigureAwait(false);
            return PasswordFile.FromContent(text);
        }
        string variable = options.PasswordEnvironmentVariable!;
        return Environment.GetEnvironmentVariable(variable)
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
