using System.Text.Json;

namespace DaoPlatform.Ethereum.Keystore;

/// <summary>
/// A Web3 Secret Storage key derivation function with its parameters: turns the password into the
/// derived key whose first 16 bytes are the AES-128 key and whose next 16 bytes key the MAC.
/// </summary>
public abstract class KeyDerivation
{
    /// <summary>The length of the derived key this implementation writes.</summary>
    public const int DefaultKeyLength = 32;

    private readonly byte[] _salt;

    private protected KeyDerivation(ReadOnlySpan<byte> salt, int keyLength)
    {
        if (keyLength < DefaultKeyLength)
        {
            throw new KeystoreException($"Keystore: kdfparams.dklen is {keyLength}; at least {DefaultKeyLength} bytes are needed (16 for AES, 16 for the MAC).");
        }
        _salt = salt.ToArray();
        KeyLength = keyLength;
    }

    /// <summary>The <c>kdf</c> name: <c>scrypt</c> or <c>pbkdf2</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The salt.</summary>
    public ReadOnlySpan<byte> Salt => _salt;

    /// <summary>The derived key length in bytes (<c>dklen</c>).</summary>
    public int KeyLength { get; }

    /// <summary>Derives the key from the UTF-8 password.</summary>
    public abstract byte[] DeriveKey(ReadOnlySpan<byte> password);

    /// <summary>Writes the <c>kdfparams</c> object.</summary>
    internal abstract void WriteParameters(Utf8JsonWriter writer);

    internal static KeyDerivation Read(string kdf, JsonElement parameters) => kdf switch
    {
        "scrypt" => ScryptKeyDerivation.Read(parameters),
        "pbkdf2" => Pbkdf2KeyDerivation.Read(parameters),
        _ => throw new KeystoreException($"Keystore: crypto.kdf '{kdf}' is not supported; use scrypt or pbkdf2."),
    };

    internal static int ReadInt(JsonElement parameters, string name)
    {
        if (!parameters.TryGetProperty(name, out JsonElement value))
        {
            throw new KeystoreException($"Keystore: crypto.kdfparams.{name} is missing.");
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int number) || number <= 0)
        {
            throw new KeystoreException($"Keystore: crypto.kdfparams.{name} must be a positive integer; got {value.GetRawText()}.");
        }
        return number;
    }

    internal static byte[] ReadSalt(JsonElement parameters) => KeystoreJson.ReadHex(parameters, "salt", "crypto.kdfparams.salt");
}
