using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;

namespace DaoPlatform.Ethereum.Keystore;

/// <summary>scrypt (RFC 7914) with cost n, block size r and parallelism p; memory is 128·r·n bytes.</summary>
public sealed class ScryptKeyDerivation : KeyDerivation
{
    /// <summary>geth's "standard" cost: n = 2^18, r = 8, p = 1 (256 MiB, about a second).</summary>
    public const int StandardN = 1 << 18;

    // 128·r·n above 2 GiB is not a keystore anyone can open; refuse rather than exhaust memory.
    private const long MaxMemoryBytes = 2L << 30;

    /// <summary>Creates scrypt parameters.</summary>
    /// <exception cref="KeystoreException">n is not a power of two above 1, or the memory needed is unreasonable.</exception>
    public ScryptKeyDerivation(ReadOnlySpan<byte> salt, int n = StandardN, int r = 8, int p = 1, int keyLength = DefaultKeyLength)
        : base(salt, keyLength)
    {
        if (n < 2 || !BitOperations.IsPow2(n))
        {
            throw new KeystoreException($"Keystore: scrypt n = {n} must be a power of two above 1.");
        }
        if (r <= 0 || p <= 0 || 128L * r * n > MaxMemoryBytes || (long)r * p >= 1 << 30)
        {
            throw new KeystoreException($"Keystore: scrypt r = {r}, p = {p} with n = {n} are out of range.");
        }
        N = n;
        R = r;
        P = p;
    }

    /// <inheritdoc/>
    public override string Name => "scrypt";

    /// <summary>The CPU/memory cost.</summary>
    public int N { get; }

    /// <summary>The block size.</summary>
    public int R { get; }

    /// <summary>The parallelism.</summary>
    public int P { get; }

    /// <summary>Standard parameters with a fresh random 32-byte salt.</summary>
    public static ScryptKeyDerivation CreateStandard() => new(RandomNumberGenerator.GetBytes(32));

    /// <inheritdoc/>
    public override byte[] DeriveKey(ReadOnlySpan<byte> password) =>
        Scrypt.DeriveKey(password, Salt, N, R, P, KeyLength);

    internal override void WriteParameters(Utf8JsonWriter writer)
    {
        writer.WriteNumber("dklen", KeyLength);
        writer.WriteNumber("n", N);
        writer.WriteNumber("p", P);
        writer.WriteNumber("r", R);
        writer.WriteString("salt", Convert.ToHexStringLower(Salt));
    }

    internal static ScryptKeyDerivation Read(JsonElement parameters) => new(
        ReadSalt(parameters),
        ReadInt(parameters, "n"),
        ReadInt(parameters, "r"),
        ReadInt(parameters, "p"),
        ReadInt(parameters, "dklen"));
}
