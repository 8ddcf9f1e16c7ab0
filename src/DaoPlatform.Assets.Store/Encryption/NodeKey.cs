using System.Security.Cryptography;
using DaoPlatform.Ethereum.Keystore;
using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Assets.Store.Encryption;

/// <summary>
/// The node key that wraps every asset key. It is kept like the node's role keys: a Web3 Secret Storage
/// keystore file opened with a password. The wrapping key is derived from the keystore's secret with
/// HKDF-SHA256 (info "DaoPlatform asset key wrapping v1"), so the same file serves no other purpose; its
/// <see cref="Id"/> is the keystore's address, recorded beside every wrapped key so a rotation knows which
/// key each one needs.
/// </summary>
public sealed class NodeKey : IDisposable
{
    private static ReadOnlySpan<byte> Info => "DaoPlatform asset key wrapping v1"u8;

    private readonly byte[] _wrappingKey;

    private NodeKey(EthereumKey key)
    {
        byte[] secret = key.ExportPrivateKey();
        _wrappingKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, salt: [], info: Info.ToArray());
        CryptographicOperations.ZeroMemory(secret);
        Id = key.Address.ToChecksumString();
    }

    /// <summary>The key's identifier: the keystore's address (not secret).</summary>
    public string Id { get; }

    /// <summary>Opens a node keystore (Web3 Secret Storage JSON).</summary>
    /// <exception cref="KeystoreException">The file is malformed or the password is wrong.</exception>
    public static NodeKey FromKeystore(string keystoreJson, string password) => new(Web3SecretStorage.Decrypt(keystoreJson, password));

    /// <summary>Uses <paramref name="key"/>'s secret (a freshly generated key for a new node key).</summary>
    public static NodeKey FromKey(EthereumKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new NodeKey(key);
    }

    /// <summary>Wraps a 32-byte asset key, authenticating <paramref name="binding"/> (<see cref="AssetManifest.KeyBinding"/>): nonce (12) ‖ ciphertext (32) ‖ tag (16).</summary>
    internal byte[] Wrap(ReadOnlySpan<byte> assetKey, ReadOnlySpan<byte> binding)
    {
        byte[] wrapped = new byte[12 + 32 + 16];
        RandomNumberGenerator.Fill(wrapped.AsSpan(0, 12));
        using var aes = new AesGcm(_wrappingKey, 16);
        aes.Encrypt(wrapped.AsSpan(0, 12), assetKey, wrapped.AsSpan(12, 32), wrapped.AsSpan(44, 16), binding);
        return wrapped;
    }

    /// <summary>Unwraps an asset key into <paramref name="assetKey"/> (32 bytes), if it was wrapped with <paramref name="binding"/>.</summary>
    /// <exception cref="AssetIntegrityException">The wrapped key was made by another node key, or it or its binding was altered.</exception>
    internal void Unwrap(ReadOnlySpan<byte> wrapped, ReadOnlySpan<byte> binding, Span<byte> assetKey)
    {
        if (wrapped.Length != 60)
        {
            throw new AssetIntegrityException($"A wrapped asset key has 60 bytes; this one has {wrapped.Length}.");
        }
        using var aes = new AesGcm(_wrappingKey, 16);
        try
        {
            aes.Decrypt(wrapped[..12], wrapped.Slice(12, 32), wrapped.Slice(44, 16), assetKey, binding);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new AssetIntegrityException($"The asset key does not unwrap under node key {Id}: another node key wrapped it, or it or the manifest's identity (storage id, content hash, sha2-256, length, block size, visibility) was altered.");
        }
    }

    /// <inheritdoc />
    public void Dispose() => CryptographicOperations.ZeroMemory(_wrappingKey);
}
