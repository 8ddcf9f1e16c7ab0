using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Ethereum.Keystore;

/// <summary>
/// Loads a signing key from a Web3 Secret Storage file (<see cref="Web3SecretStorage"/>) with the
/// password from the source <see cref="SigningKeyOptions"/> names. Every failure is one
/// <see cref="SigningKeyException"/> naming the file, so the node, the content service and the CLI report it alike.
/// </summary>
public static class KeystoreKeyLoader
{
    /// <summary>
    /// Reads the password, then the keystore, and decrypts the key. <paramref name="variables"/> looks up the password's
    /// environment variable (the process's environment when null); <paramref name="opened"/>, when given, serves a file
    /// this start has opened already with the same password without deriving its key again.
    /// </summary>
    /// <exception cref="ArgumentException">The options are incomplete (<see cref="SigningKeyOptions.Problems"/>).</exception>
    /// <exception cref="SigningKeyException">
    /// The password variable is unset, the password file or the keystore is missing or unreadable, the
    /// keystore is malformed, or the password is wrong.
    /// </exception>
    public static async Task<EthereumKey> LoadAsync(
        SigningKeyOptions options, Func<string, string?>? variables = null, OpenedKeystores? opened = null, CancellationToken cancellationToken = default)
    {
        string path = Check(options);
        string password = string.IsNullOrWhiteSpace(options.PasswordFile)
            ? FromVariable(options, path, variables)
            : PasswordFile.FromContent(await ReadFileAsync(path, options.PasswordFile, "the password file", cancellationToken).ConfigureAwait(false));
        string json = await ReadFileAsync(path, path, "the keystore file", cancellationToken).ConfigureAwait(false);
        return Decrypt(options, path, json, password, opened);
    }

    /// <summary>
    /// <see cref="LoadAsync"/> for a dependency-injection factory, which cannot await: the same checks, files and
    /// errors, read synchronously (two small files; the cost is the key derivation either way).
    /// </summary>
    /// <exception cref="ArgumentException">The options are incomplete.</exception>
    /// <exception cref="SigningKeyException">As <see cref="LoadAsync"/>.</exception>
    public static EthereumKey Load(SigningKeyOptions options, Func<string, string?>? variables = null, OpenedKeystores? opened = null)
    {
        string path = Check(options);
        string password = string.IsNullOrWhiteSpace(options.PasswordFile)
            ? FromVariable(options, path, variables)
            : PasswordFile.FromContent(ReadFile(path, options.PasswordFile, "the password file"));
        return Decrypt(options, path, ReadFile(path, path, "the keystore file"), password, opened);
    }

    private static string Check(SigningKeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string[] problems = [.. options.Problems(nameof(options))];
        return problems.Length == 0 ? options.KeystorePath! : throw new ArgumentException(string.Join(" ", problems), nameof(options));
    }

    private static string FromVariable(SigningKeyOptions options, string keystorePath, Func<string, string?>? variables)
    {
        string variable = options.PasswordEnvironmentVariable!;
        return (variables ?? Environment.GetEnvironmentVariable)(variable)
            ?? throw new SigningKeyException(keystorePath, $"the password environment variable {variable} is not set.");
    }

    private static EthereumKey Decrypt(SigningKeyOptions options, string path, string json, string password, OpenedKeystores? opened)
    {
        try
        {
            return opened is null ? Web3SecretStorage.Decrypt(json, password) : opened.Open(path, json, password);
        }
        catch (KeystoreException error)
        {
            throw new SigningKeyException(path, $"{error.Message} (password from {DescribeSource(options)})", error);
        }
    }

    private static async Task<string> ReadFileAsync(string keystorePath, string file, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(keystorePath, file, what, error);
        }
    }

    private static string ReadFile(string keystorePath, string file, string what)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(keystorePath, file, what, error);
        }
    }

    private static SigningKeyException Unreadable(string keystorePath, string file, string what, Exception error) =>
        error is FileNotFoundException or DirectoryNotFoundException
            ? new SigningKeyException(keystorePath, $"{what} {Path.GetFullPath(file)} does not exist.", error)
            : new SigningKeyException(keystorePath, $"{what} {Path.GetFullPath(file)} cannot be read: {error.Message}", error);

    private static string DescribeSource(SigningKeyOptions options) =>
        string.IsNullOrWhiteSpace(options.PasswordFile)
            ? $"environment variable {options.PasswordEnvironmentVariable}"
            : $"file {options.PasswordFile}";
}
