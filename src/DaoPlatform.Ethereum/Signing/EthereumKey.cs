using System.Security.Cryptography;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using Org.BouncyCastle.Utilities;
using ECPoint = Org.BouncyCastle.Math.EC.ECPoint;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace DaoPlatform.Ethereum.Signing;

/// <summary>
/// A secp256k1 private key (32 bytes, 0 &lt; k &lt; n) with its public key and address. Signs 32-byte
/// digests with RFC 6979 deterministic ECDSA (HMAC-SHA256 nonces, as BouncyCastle's ECDsaSigner with
/// HMacDsaKCalculator computes them), normalised to low s, with the recovery bit taken from the
/// nonce point itself rather than found by trial recovery. The nonce point k·G comes from
/// <see cref="GeneratorMultiplier"/>, a constant-time windowed table, rather than BouncyCastle's
/// comb, which alone cost more than a signature's whole budget here.
/// </summary>
public sealed class EthereumKey
{
    /// <summary>The length of a private key.</summary>
    public const int Length = 32;

    private readonly BcBigInteger _d;
    private readonly byte[] _privateKey;
    private readonly System.Numerics.BigInteger _scalar;

    /// <summary>Creates a key from its 32 big-endian bytes.</summary>
    /// <exception cref="ArgumentException">The bytes are not 32 long, or the value is 0 or ≥ n.</exception>
    public EthereumKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != Length)
        {
            throw new ArgumentException($"A private key has {Length} bytes; got {privateKey.Length}.", nameof(privateKey));
        }
        _d = new BcBigInteger(1, privateKey);
        if (_d.SignValue == 0 || _d.CompareTo(Secp256k1.N) >= 0)
        {
            throw new ArgumentException("A private key must be above 0 and below the secp256k1 order n.", nameof(privateKey));
        }
        _privateKey = privateKey.ToArray();
        _scalar = new System.Numerics.BigInteger(privateKey, isUnsigned: true, isBigEndian: true);
        PublicKey = PublicKey.FromPoint(Secp256k1.BaseMultiplier.Multiply(Secp256k1.G, _d));
    }

    /// <summary>The public key.</summary>
    public PublicKey PublicKey { get; }

    /// <summary>The address this key controls.</summary>
    public Address Address => PublicKey.Address;

    /// <summary>Creates a key from <c>0x</c>-prefixed (or bare) hex.</summary>
    public static EthereumKey FromHex(string hex) => new(HexConvert.Decode(hex));

    /// <summary>Creates a new key from the operating system's cryptographic random generator.</summary>
    public static EthereumKey Generate()
    {
        Span<byte> bytes = stackalloc byte[Length];
        while (true)
        {
            RandomNumberGenerator.Fill(bytes);
            var candidate = new BcBigInteger(1, bytes);
            if (candidate.SignValue != 0 && candidate.CompareTo(Secp256k1.N) < 0)
            {
                return new EthereumKey(bytes);
            }
        }
    }

    /// <summary>Returns the 32 private key bytes. Handle with care.</summary>
    public byte[] ExportPrivateKey() => (byte[])_privateKey.Clone();

    /// <summary>Signs a 32-byte digest (a Keccak-256 hash) deterministically per RFC 6979.</summary>
    public Signature Sign(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != 32)
        {
            throw new ArgumentException($"Signing takes a 32-byte hash; got {hash.Length} bytes.", nameof(hash));
        }
        System.Numerics.BigInteger n = Secp256k1.Order;
        var e = new System.Numerics.BigInteger(hash, isUnsigned: true, isBigEndian: true);
        Span<byte> nonceK = stackalloc byte[32];
        Span<byte> nonceV = stackalloc byte[32];
        var nonces = new Rfc6979Nonces(_privateKey, hash, nonceK, nonceV);
        Span<byte> r = stackalloc byte[32];
        Span<byte> s = stackalloc byte[32];
        while (true)
        {
            ReadOnlySpan<byte> k = nonces.Next();
            bool yOdd = GeneratorMultiplier.Multiply(k, r);
            // x ≥ n would need recovery ids 2/3, which Ethereum cannot express (probability ~2^-128):
            // take RFC 6979's next nonce instead, as for r = 0 or s = 0.
            if (r.SequenceCompareTo(Secp256k1.NBytes) >= 0 || !r.ContainsAnyExcept((byte)0))
            {
                continue;
            }
            var x = new System.Numerics.BigInteger(r, isUnsigned: true, isBigEndian: true);
            System.Numerics.BigInteger kInverse = Secp256k1.ToScalar(BigIntegers.ModOddInverse(Secp256k1.N, new BcBigInteger(1, k)));
            System.Numerics.BigInteger sValue = kInverse * ((e + _scalar * x) % n) % n;
            if (sValue.IsZero)
            {
                continue;
            }
            byte yParity = (byte)(yOdd ? 1 : 0);
            if (sValue > Secp256k1.HalfOrder)
            {
                // (r, n − s) is the same signature for −R, whose y has the other parity.
                sValue = n - sValue;
                yParity ^= 1;
            }
            Secp256k1.WriteUInt256(sValue, s);
            return new Signature(r, s, yParity);
        }
    }
}
