using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace DaoPlatform.Ethereum.Keystore;

/// <summary>
/// Web3 Secret Storage v3, the keystore format of geth, MetaMask and ethers: the private key
/// encrypted with AES-128-CTR under the first 16 bytes of a scrypt or PBKDF2 key derived from the
/// password, authenticated by MAC = keccak256(derivedKey[16..32] ‖ ciphertext).
/// </summary>
public static class Web3SecretStorage
{
    private const string Cipher = "aes-128-ctr";
    private const int IvLength = 16;
    private const int Version = 3;

    /// <summary>
    /// Opens a keystore file with its password. A secret shorter than 32 bytes (geth drops the key's leading zero
    /// bytes when it writes one) is left-padded with zeros, as geth reads it.
    /// </summary>
    /// <exception cref="KeystoreException">
    /// The JSON is malformed (the message names the field), an algorithm is unsupported, the MAC
    /// does not match (wrong password), the secret is empty, longer than 32 bytes or not a valid key,
    /// or the key does not match the file's address.
    /// </exception>
    public static EthereumKey Decrypt(string json, string password)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(password);
        using JsonDocument document = Parse(json);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new KeystoreException("Keystore: the file must be a JSON object.");
        }
        if (!root.TryGetProperty("version", out JsonElement version) || !version.TryGetInt32(out int number) || number != Version)
        {
            throw new KeystoreException($"Keystore: version must be {Version}; got {(root.TryGetProperty("version", out version) ? version.GetRawText() : "nothing")}.");
        }
        // geth once wrote "Crypto"; both spellings are in the wild.
        string cryptoName = root.TryGetProperty("crypto", out _) ? "crypto" : "Crypto";
        JsonElement crypto = KeystoreJson.ReadObject(root, cryptoName, "crypto");

        string cipher = KeystoreJson.ReadString(crypto, "cipher", "crypto.cipher");
        if (cipher != Cipher)
        {
            throw new KeystoreException($"Keystore: crypto.cipher '{cipher}' is not supported; only {Cipher} is.");
        }
        byte[] iv = KeystoreJson.ReadHex(KeystoreJson.ReadObject(crypto, "cipherparams", "crypto.cipherparams"), "iv", "crypto.cipherparams.iv");
        if (iv.Length != IvLength)
        {
            throw new KeystoreException($"Keystore: crypto.cipherparams.iv has {iv.Length} bytes; expected {IvLength}.");
        }
        byte[] ciphertext = KeystoreJson.ReadHex(crypto, "ciphertext", "crypto.ciphertext");
        byte[] mac = KeystoreJson.ReadHex(crypto, "mac", "crypto.mac");
        KeyDerivation kdf = KeyDerivation.Read(
            KeystoreJson.ReadString(crypto, "kdf", "crypto.kdf"),
            KeystoreJson.ReadObject(crypto, "kdfparams", "crypto.kdfparams"));

        byte[] derivedKey = kdf.DeriveKey(Encoding.UTF8.GetBytes(password));
        try
        {
            if (!CryptographicOperations.FixedTimeEquals(ComputeMac(derivedKey, ciphertext), mac))
            {
                throw new KeystoreException("Keystore: MAC mismatch (wrong password?).");
            }
            byte[] privateKey = AesCtr(derivedKey.AsSpan(0, 16), iv, ciphertext);
            try
            {
                EthereumKey key = CreateKey(privateKey);
                CheckAddress(root, key);
                return key;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(privateKey);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(derivedKey);
        }
    }

    /// <summary>
    /// Encrypts <paramref name="key"/> under <paramref name="password"/> with a fresh random IV and id.
    /// Without <paramref name="kdf"/>, uses scrypt n = 2^18, r = 8, p = 1 with a random 32-byte salt.
    /// </summary>
    public static string Encrypt(EthereumKey key, string password, KeyDerivation? kdf = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(password);
        kdf ??= ScryptKeyDerivation.CreateStandard();
        byte[] iv = RandomNumberGenerator.GetBytes(IvLength);
        byte[] derivedKey = kdf.DeriveKey(Encoding.UTF8.GetBytes(password));
        byte[] privateKey = key.ExportPrivateKey();
        try
        {
            byte[] ciphertext = AesCtr(derivedKey.AsSpan(0, 16), iv, privateKey);
            byte[] mac = ComputeMac(derivedKey, ciphertext);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("address", key.Address.ToLowerHex()[2..]);
                writer.WriteStartObject("crypto");
                writer.WriteString("cipher", Cipher);
                writer.WriteStartObject("cipherparams");
                writer.WriteString("iv", Convert.ToHexStringLower(iv));
                writer.WriteEndObject();
                writer.WriteString("ciphertext", Convert.ToHexStringLower(ciphertext));
                writer.WriteString("kdf", kdf.Name);
                writer.WriteStartObject("kdfparams");
                kdf.WriteParameters(writer);
                writer.WriteEndObject();
                writer.WriteString("mac", Convert.ToHexStringLower(mac));
                writer.WriteEndObject();
                writer.WriteString("id", Guid.NewGuid().ToString());
                writer.WriteNumber("version", Version);
                writer.WriteEndObject();
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(derivedKey);
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    private static JsonDocument Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException error)
        {
            throw new KeystoreException($"Keystore: the file is not valid JSON: {error.Message}", error);
        }
    }

    private static byte[] ComputeMac(ReadOnlySpan<byte> derivedKey, ReadOnlySpan<byte> ciphertext)
    {
        byte[] body = new byte[16 + ciphertext.Length];
        derivedKey.Slice(16, 16).CopyTo(body);
        ciphertext.CopyTo(body.AsSpan(16));
        return Keccak256.Hash(body);
    }

    private static byte[] AesCtr(ReadOnlySpan<byte> key, byte[] iv, ReadOnlySpan<byte> input)
    {
        IBufferedCipher cipher = CipherUtilities.GetCipher("AES/CTR/NoPadding");
        cipher.Init(forEncryption: true, new ParametersWithIV(new KeyParameter(key), iv));
        return cipher.DoFinal(input.ToArray());
    }

    private static EthereumKey CreateKey(byte[] privateKey)
    {
        try
        {
            // geth writes the key as a big-endian integer without leading zero bytes (about 1 file in 256 has 31
            // bytes), and reads any shorter secret back as that integer: left-pad it to 32 bytes the same way.
            if (privateKey.Length is > 0 and < EthereumKey.Length)
            {
                Span<byte> padded = stackalloc byte[EthereumKey.Length];
                padded.Clear();
                privateKey.CopyTo(padded[(EthereumKey.Length - privateKey.Length)..]);
                try
                {
                    return new EthereumKey(padded);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(padded);
                }
            }
            return new EthereumKey(privateKey);
        }
        catch (ArgumentException error)
        {
            throw new KeystoreException($"Keystore: the decrypted secret is not a valid secp256k1 private key ({privateKey.Length} bytes).", error);
        }
    }

    private static void CheckAddress(JsonElement root, EthereumKey key)
    {
        if (root.TryGetProperty("address", out JsonElement address) && address.ValueKind == JsonValueKind.String)
        {
            string text = address.GetString()!;
            if (!Address.TryParse(text, out Address declared, out string? error))
            {
                throw new KeystoreException($"Keystore: the file's address is not valid: {error}");
            }
            if (declared != key.Address)
            {
                throw new KeystoreException($"Keystore: address {declared} does not match the decrypted key's address {key.Address}.");
            }
        }
    }
}
