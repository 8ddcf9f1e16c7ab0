using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Utilities;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace DaoPlatform.Ethereum.Signing;

/// <summary>
/// A secp256k1 public key in Ethereum's form: the 64-byte uncompressed point <c>x || y</c> without
/// the 0x04 prefix, with the address it controls.
/// </summary>
public sealed class PublicKey : IEquatable<PublicKey>
{
    /// <summary>The length of the uncompressed <c>x || y</c> form.</summary>
    public const int Length = 64;

    private readonly byte[] _xy;

    /// <summary>Creates a public key from the 64-byte <c>x || y</c> form, checking the point is on the curve.</summary>
    /// <exception cref="ArgumentException">The bytes are not 64 long or not a curve point.</exception>
    public PublicKey(ReadOnlySpan<byte> xy)
    {
        if (xy.Length != Length)
        {
            throw new ArgumentException($"A public key has {Length} bytes (x || y); got {xy.Length}.", nameof(xy));
        }
        byte[] encoded = new byte[Length + 1];
        encoded[0] = 0x04;
        xy.CopyTo(encoded.AsSpan(1));
        try
        {
            Secp256k1.Curve.DecodePoint(encoded);
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException($"Public key {HexConvert.Encode(xy)} is not a point on secp256k1.", nameof(xy), error);
        }
        _xy = xy.ToArray();
        Address = Address.FromPublicKey(_xy);
    }

    private PublicKey(ECPoint normalized)
    {
        _xy = new byte[Length];
        Secp256k1.WriteUInt256(normalized.AffineXCoord.ToBigInteger(), _xy.AsSpan(0, 32));
        Secp256k1.WriteUInt256(normalized.AffineYCoord.ToBigInteger(), _xy.AsSpan(32, 32));
        Address = Address.FromPublicKey(_xy);
    }

    /// <summary>The 64-byte <c>x || y</c> form.</summary>
    public ReadOnlySpan<byte> Bytes => _xy;

    /// <summary>The address: the last 20 bytes of keccak256(x || y).</summary>
    public Address Address { get; }

    /// <summary>
    /// Recovers the key that produced <paramref name="signature"/> over the 32-byte <paramref name="hash"/>:
    /// Q = r⁻¹(s·R − e·G), where R is the curve point with x = r and the signature's y-parity.
    /// </summary>
    /// <exception cref="SignatureException">No curve point has x = r, or the recovered point is at infinity.</exception>
    public static PublicKey Recover(ReadOnlySpan<byte> hash, Signature signature)
    {
        if (hash.Length != 32)
        {
            throw new ArgumentException($"Recovery takes a 32-byte hash; got {hash.Length} bytes.", nameof(hash));
        }
        Span<byte> compressed = stackalloc byte[33];
        compressed[0] = (byte)(0x02 + signature.YParity);
        signature.RBytes.CopyTo(compressed[1..]);
        ECPoint rPoint;
        try
        {
            rPoint = Secp256k1.Curve.DecodePoint(compressed.ToArray());
        }
        catch (ArgumentException error)
        {
            throw new SignatureException($"Signature: no secp256k1 point has x = r = {HexConvert.Encode(signature.RBytes)}.", error);
        }
        System.Numerics.BigInteger n = Secp256k1.Order;
        var s = new System.Numerics.BigInteger(signature.SBytes, isUnsigned: true, isBigEndian: true);
        var e = new System.Numerics.BigInteger(hash, isUnsigned: true, isBigEndian: true);
        System.Numerics.BigInteger rInverse = Secp256k1.ToScalar(BigIntegers.ModOddInverse(Secp256k1.N, new BcBigInteger(1, signature.RBytes)));
        BcBigInteger u1 = Secp256k1.ToBouncyCastle((n - e * rInverse % n) % n);
        BcBigInteger u2 = Secp256k1.ToBouncyCastle(s * rInverse % n);
        ECPoint q = ECAlgorithms.SumOfTwoMultiplies(Secp256k1.G, u1, rPoint, u2).Normalize();
        if (q.IsInfinity)
        {
            throw new SignatureException("Signature: recovery gives the point at infinity; the signature matches no key.");
        }
        return new PublicKey(q);
    }

    /// <summary>Recovers the address that signed the 32-byte <paramref name="hash"/>.</summary>
    public static Address RecoverAddress(ReadOnlySpan<byte> hash, Signature signature) => Recover(hash, signature).Address;

    internal static PublicKey FromPoint(ECPoint point) => new(point.Normalize());

    /// <inheritdoc/>
    public bool Equals(PublicKey? other) => other is not null && _xy.AsSpan().SequenceEqual(other._xy);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PublicKey);

    /// <inheritdoc/>
    public override int GetHashCode() => Address.GetHashCode();

    /// <summary>The 64-byte form as <c>0x</c>-prefixed hex.</summary>
    public override string ToString() => HexConvert.Encode(_xy);
}
