using System.Numerics;
using DaoPlatform.Ethereum.Hex;

namespace DaoPlatform.Ethereum.Signing;

/// <summary>
/// A canonical secp256k1 ECDSA signature as Ethereum uses it: r and s as 32-byte big-endian
/// integers with 0 &lt; r &lt; n and 0 &lt; s ≤ n/2 (low s, required since Homestead), and the
/// recovery bit y-parity (0 or 1) that selects which of the two curve points with x = r was used.
/// Construction validates; an instance is always canonical.
/// </summary>
public readonly struct Signature : IEquatable<Signature>
{
    /// <summary>The length of the <c>r || s || v</c> form.</summary>
    public const int Length = 65;

    private readonly byte[] _rs;

    /// <summary>Creates a signature from 32-byte big-endian r and s and the y-parity.</summary>
    /// <exception cref="SignatureException">r or s is out of range, s is high, or the parity is not 0 or 1.</exception>
    public Signature(ReadOnlySpan<byte> r, ReadOnlySpan<byte> s, byte yParity)
    {
        if (r.Length != 32 || s.Length != 32)
        {
            throw new SignatureException($"Signature: r and s are 32 bytes each; got {r.Length} and {s.Length}.");
        }
        Validate(r, "r");
        Validate(s, "s");
        if (s.SequenceCompareTo(Secp256k1.HalfNBytes) > 0)
        {
            throw new SignatureException($"Signature: s = {HexConvert.Encode(s)} is high (above n/2); canonical signatures use n - s.");
        }
        if (yParity > 1)
        {
            throw new SignatureException($"Signature: y-parity is {yParity}; it must be 0 or 1.");
        }
        _rs = new byte[64];
        r.CopyTo(_rs);
        s.CopyTo(_rs.AsSpan(32));
        YParity = yParity;
    }

    /// <summary>Creates a signature from integer r and s and the y-parity.</summary>
    /// <exception cref="SignatureException">A value is out of range or s is high.</exception>
    public Signature(BigInteger r, BigInteger s, byte yParity)
        : this(ToUInt256(r, "r"), ToUInt256(s, "s"), yParity)
    {
    }

    /// <summary>r, big-endian, 32 bytes.</summary>
    public ReadOnlySpan<byte> RBytes => Rs[..32];

    /// <summary>s, big-endian, 32 bytes.</summary>
    public ReadOnlySpan<byte> SBytes => Rs[32..];

    /// <summary>r as an integer.</summary>
    public BigInteger R => new(RBytes, isUnsigned: true, isBigEndian: true);

    /// <summary>s as an integer.</summary>
    public BigInteger S => new(SBytes, isUnsigned: true, isBigEndian: true);

    /// <summary>The recovery bit: 0 when the point R has even y, 1 when odd.</summary>
    public byte YParity { get; }

    /// <summary>The pre-EIP-155 v: 27 + y-parity, as <c>ecrecover</c> and <c>personal_sign</c> use it.</summary>
    public byte V => (byte)(27 + YParity);

    private ReadOnlySpan<byte> Rs => _rs ?? throw new InvalidOperationException("Signature: default(Signature) holds no value.");

    /// <summary>
    /// Parses the 65-byte <c>r || s || v</c> form. v may be 0/1, 27/28 or an EIP-155 value
    /// (chainId·2 + 35 + y-parity, only for chain ids small enough to fit a byte).
    /// </summary>
    /// <exception cref="SignatureException">The length, r, s or v is invalid.</exception>
    public static Signature FromBytes(ReadOnlySpan<byte> rsv)
    {
        if (rsv.Length != Length)
        {
            throw new SignatureException($"Signature: the r || s || v form has {Length} bytes; got {rsv.Length}.");
        }
        return new Signature(rsv[..32], rsv[32..64], YParityFromV(rsv[64], out _));
    }

    /// <summary>Parses a <c>0x</c>-prefixed hex 65-byte signature.</summary>
    public static Signature FromHex(string hex) => FromBytes(HexConvert.Decode(hex));

    /// <summary>
    /// Converts any accepted v — 0/1, 27/28, or EIP-155 chainId·2 + 35 + y-parity — to the
    /// y-parity; <paramref name="chainId"/> is set for the EIP-155 form and null otherwise.
    /// </summary>
    /// <exception cref="SignatureException">v is none of these forms.</exception>
    public static byte YParityFromV(BigInteger v, out BigInteger? chainId)
    {
        chainId = null;
        if (v == 0 || v == 1)
        {
            return (byte)v;
        }
        if (v == 27 || v == 28)
        {
            return (byte)(v - 27);
        }
        if (v >= 35)
        {
            chainId = (v - 35) / 2;
            return (byte)((v - 35) % 2);
        }
        throw new SignatureException($"Signature: v = {v} is not 0, 1, 27, 28 or an EIP-155 value (chainId*2 + 35 or 36).");
    }

    /// <summary>Returns the 65-byte <c>r || s || v</c> form with v = 27 + y-parity.</summary>
    public byte[] ToBytes()
    {
        byte[] bytes = new byte[Length];
        Rs.CopyTo(bytes);
        bytes[64] = V;
        return bytes;
    }

    /// <summary>The 65-byte form as <c>0x</c>-prefixed hex.</summary>
    public override string ToString() => HexConvert.Encode(ToBytes());

    /// <inheritdoc/>
    public bool Equals(Signature other) => YParity == other.YParity && Rs.SequenceEqual(other.Rs);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Signature other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Rs);
        hash.Add(YParity);
        return hash.ToHashCode();
    }

    public static bool operator ==(Signature left, Signature right) => left.Equals(right);

    public static bool operator !=(Signature left, Signature right) => !left.Equals(right);

    private static void Validate(ReadOnlySpan<byte> value, string name)
    {
        if (!value.ContainsAnyExcept((byte)0))
        {
            throw new SignatureException($"Signature: {name} is zero.");
        }
        if (value.SequenceCompareTo(Secp256k1.NBytes) >= 0)
        {
            throw new SignatureException($"Signature: {name} = {HexConvert.Encode(value)} is not below the curve order n.");
        }
    }

    private static byte[] ToUInt256(BigInteger value, string name)
    {
        if (value.Sign < 0 || value.GetByteCount(isUnsigned: true) > 32)
        {
            throw new SignatureException($"Signature: {name} = {value} is not a 256-bit unsigned integer.");
        }
        byte[] bytes = new byte[32];
        value.TryWriteBytes(bytes.AsSpan(32 - value.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return bytes;
    }
}
