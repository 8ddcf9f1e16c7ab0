using DaoPlatform.Ethereum.Keystore;
using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Assets.Hosting;

/// <summary>
/// A key kept like the node's role keys: a Web3 Secret Storage file, and its password from an environment variable
/// or a file. Configuration holds only their names, never the password.
/// </summary>
public sealed class KeystoreOptions
{
    /// <summary>The keystore file (Web3 Secret Storage v3 JSON).</summary>
    public string? KeystorePath { get; set; }

    /// <summary>The name of the environment variable holding the password.</summary>
    public string? PasswordEnvironmentVariable { get; set; }

    /// <summary>A file whose content is the password (one trailing line break is ignored).</summary>
    public string? PasswordFile { get; set; }

    /// <summary>What is missing or contradictory, naming the setting under <paramref name="section"/>; empty when complete.</summary>
    public IEnumerable<string> Problems(string section)
    {
        if (string.IsNullOrWhiteSpace(KeystorePath))
        {
            yield return $"{section}:KeystorePath is required (a Web3 Secret Storage file).";
        }
        if (string.IsNullOrWhiteSpace(PasswordEnvironmentVariable) == string.IsNullOrWhiteSpace(PasswordFile))
        {
            yield return $"{section}: set exactly one of PasswordEnvironmentVariable and PasswordFile.";
        }
    }

    /// <summary>Reads the password and decrypts the keystore.</summary>
    /// <exception cref="InvalidOperationException">The password or the file cannot be read, or the keystore does not open; the message names the file.</exception>
    public EthereumKey Load(string section)
    {
        string path = KeystorePath!;
        try
        {
            string password = string.IsNullOrWhiteSpace(PasswordFile)
                ? Environment.GetEnvironmentVariable(PasswordEnvironmentVariable!)
                    ?? throw new InvalidOperationException($"{section}: the environment variable {PasswordEnvironmentVariable} is not set.")
                : TrimLineBreak(File.ReadAllText(PasswordFile));
            return Web3SecretStorage.Decrypt(File.ReadAllText(path), password);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or KeystoreException)
        {
            throw new InvalidOperationException($"{section}: cannot open the keystore {path}: {e.Message}", e);
        }
    }

    private static string TrimLineBreak(string text) =>
        text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
}
