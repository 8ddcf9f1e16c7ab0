using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace DaoPlatform.Ethereum.Signing;

/// <summary>
/// The secp256k1 curve objects and constants, built once. BouncyCastle's custom curve gives
/// GLV-accelerated arithmetic for recovery; its fixed-point comb (table cached on G) derives public
/// keys; signing nonces use the faster <see cref="GeneratorMultiplier"/>.
/// </summary>
internal static class Secp256k1
{
    private static readonly X9ECParameters Parameters = CustomNamedCurves.GetByName("secp256k1");

    public static readonly ECCurve Curve = Parameters.Curve;

    public static readonly ECPoint G = Parameters.G;

    public static readonly BcBigInteger N = Parameters.N;

    public static readonly ECMultiplier BaseMultiplier = new FixedPointCombMultiplier();

    /// <summary>n as 32 big-endian bytes, for range checks without big-integer arithmetic.</summary>
    public static readonly byte[] NBytes = N.ToByteArrayUnsigned();

    /// <summary>⌊n/2⌋ as 32 big-endian bytes: the largest s a canonical (low-s) signature may have.</summary>
    public static readonly byte[] HalfNBytes = Pad32(N.ShiftRight(1).ToByteArrayUnsigned());

    /// <summary>n for scalar arithmetic: System.Numerics multiplies and reduces 256-bit values several times faster than BouncyCastle's BigInteger.</summary>
    public static readonly System.Numerics.BigInteger Order = new(NBytes, isUnsigned: true, isBigEndian: true);

    /// <summary>⌊n/2⌋ for scalar arithmetic.</summary>
    public static readonly System.Numerics.BigInteger HalfOrder = Order >> 1;

    /// <summary>Converts a BouncyCastle integer to a scalar.</summary>
    public static System.Numerics.BigInteger ToScalar(BcBigInteger value) =>
        new(value.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true);

    /// <summary>Converts a non-negative scalar to a BouncyCastle integer.</summary>
    public static BcBigInteger ToBouncyCastle(System.Numerics.BigInteger value) =>
        new(1, value.ToByteArray(isUnsigned: true, isBigEndian: true));

    /// <summary>Writes a scalar (0 ≤ value &lt; 2^256) as 32 big-endian bytes.</summary>
    public static void WriteUInt256(System.Numerics.BigInteger value, Span<byte> destination)
    {
        int length = value.GetByteCount(isUnsigned: true);
        destination[..(32 - length)].Clear();
        value.TryWriteBytes(destination[(32 - length)..], out _, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Writes <paramref name="value"/> (0 ≤ value &lt; 2^256) as 32 big-endian bytes.</summary>
    public static void WriteUInt256(BcBigInteger value, Span<byte> destination)
    {
        byte[] bytes = value.ToByteArrayUnsigned();
        destination[..(32 - bytes.Length)].Clear();
        bytes.CopyTo(destination[(32 - bytes.Length)..]);
    }

    private static byte[] Pad32(byte[] bytes)
    {
        byte[] padded = new byte[32];
        bytes.CopyTo(padded, 32 - bytes.Length);
        return padded;
    }
}
