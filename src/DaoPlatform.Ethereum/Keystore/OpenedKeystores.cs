using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Ethereum.Keystore;

/// <summary>
/// The keystores one start has opened, by full path, so that keys of one process naming the same file (node roles
/// sharing an account; the hub's content service, whose node key also records pass uses) cost one key derivation:
/// scrypt at its standard cost takes about a second. A file is opened again only if its content or the password
/// differs, so the result is always what <see cref="Web3SecretStorage.Decrypt"/> gives. It holds decrypted keys:
/// an instance lives as long as the start (or the host) that made it, never in static state. Thread-safe.
/// </summary>
public sealed class OpenedKeystores
{
    private readonly Dictionary<string, (string Json, string Password, EthereumKey Key)> _opened = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>How many keystores were decrypted (derivations run), not counting the ones served again.</summary>
    public int Decrypted { get; private set; }

    /// <summary>
    /// The key in <paramref name="json"/>, the content of the keystore file at <paramref name="path"/>, opened with
    /// <paramref name="password"/>; the key opened before when the same file had the same content and password.
    /// </summary>
    /// <exception cref="KeystoreException">As <see cref="Web3SecretStorage.Decrypt"/> (a failure is not remembered).</exception>
    public EthereumKey Open(string path, string json, string password)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(password);
        string fullPath = Path.GetFullPath(path);
        lock (_lock)
        {
            if (_opened.TryGetValue(fullPath, out var opened)
                && string.Equals(opened.Json, json, StringComparison.Ordinal) && string.Equals(opened.Password, password, StringComparison.Ordinal))
            {
                return opened.Key;
            }
            EthereumKey key = Web3SecretStorage.Decrypt(json, password);
            Decrypted++;
            _opened[fullPath] = (json, password, key);
            return key;
        }
    }
}
