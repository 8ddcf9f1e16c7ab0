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

    /// <summary>A file whose content is the password (one trailing line break is ignored: <see cref="Ethereum.Keystore.PasswordFile"/>).</summary>
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

    /// <summary>
    /// Reads the password and decrypts the keystore; through <paramref name="opened"/>, when given, a file opened
    /// before with the same password is not decrypted again.
    /// </summary>
    /// <exception cref="InvalidOperationException">The password or the file cannot be read, or the keystore does not open; the message names the file.</exception>
    public EthereumKey Load(string section, OpenedKeystores? opened = null)
    {
        string path = KeystorePath!;
        try
        {
            string password = string.IsNullOrWhiteSpace(PasswordFile)
                ? Environment.GetEnvironmentVariable(PasswordEnvironmentVariable!)
                    ?? throw new InvalidOperationException($"{section}: the environment variable {PasswordEnvironmentVariable} is not set.")
                : Ethereum.Keystore.PasswordFile.Read(PasswordFile);
            string json = File.ReadAllText(path);
            return opened is null ? Web3SecretStorage.Decrypt(json, password) : opened.Open(path, json, password);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or KeystoreException)
        {
            throw new InvalidOperationException($"{section}: cannot open the keystore {path}: {e.Message}", e);
        }
    }
}
