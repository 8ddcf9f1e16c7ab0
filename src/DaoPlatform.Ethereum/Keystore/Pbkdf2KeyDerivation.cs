using System.Security.Cryptography;
using System.Text.Json;

namespace DaoPlatform.Ethereum.Keystore;

/// <summary>PBKDF2 with HMAC-SHA256 (the only <c>prf</c> the format defines) and c iterations.</summary>
public sealed class Pbkdf2KeyDerivation : KeyDerivation
{
    private const string Prf = "hmac-sha256";

    /// <summary>Creates PBKDF2 parameters.</summary>
    public Pbkdf2KeyDerivation(ReadOnlySpan<byte> salt, int iterations = 262144, int keyLength = DefaultKeyLength)
        : base(salt, keyLength)
    {
        if (iterations <= 0)
        {
            throw new KeystoreException($"Keystore: pbkdf2 c = {iterations} must be positive.");
        }
        Iterations = iterations;
    }

    /// <inheritdoc/>
    public override string Name => "pbkdf2";

    /// <summary>The iteration count <c>c</c>.</summary>
    public int Iterations { get; }

    /// <inheritdoc/>
    public override byte[] DeriveKey(ReadOnlySpan<byte> password) =>
        Rfc2898DeriveBytes.Pbkdf2(password, Salt, Iterations, HashAlgorithmName.SHA256, KeyLength);

    internal override void WriteParameters(Utf8JsonWriter writer)
    {
        writer.WriteNumber("c", Iterations);
        writer.WriteNumber("dklen", KeyLength);
        writer.WriteString("prf", Prf);
        writer.WriteString("salt", Convert.ToHexStringLower(Salt));
    }

    internal static Pbkdf2KeyDerivation Read(JsonElement parameters)
    {
        string prf = KeystoreJson.ReadString(parameters, "prf", "crypto.kdfparams.prf");
        if (prf != Prf)
        {
            throw new KeystoreException($"Keystore: crypto.kdfparams.prf '{prf}' is not supported; only {Prf} is defined.");
        }
        return new Pbkdf2KeyDerivation(ReadSalt(parameters), ReadInt(parameters, "c"), ReadInt(parameters, "dklen"));
    }
}
