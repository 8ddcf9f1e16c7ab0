using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace DaoPlatform.Ethereum.Signing;

/// <summary>
/// The secp256k1 curve objects, built once. BouncyCastle's custom curve gives GLV-accelerated
/// arithmetic; the fixed-point comb multiplier's table for G is computed on first use and then
/// cached on the generator point, so every later k·G is a table walk.
/// </summary>
internal static class Secp256k1
{
    private static readonly X9ECParameters Parameters = CustomNamedCurves.GetByName("secp256k1");

    public static readonly ECCurve Curve = Parameters.Curve;

    public static readonly ECPoint G = Parameters.G;

    public static readonly BcBigInteger N = Parameters.N;

    public static readonly BcBigInteger HalfN = N.ShiftRight(1);

    public static readonly ECDomainParameters Domain = new(Curve, G, N, Parameters.H);

    public static readonly ECMultiplier BaseMultiplier = new FixedPointCombMultiplier();

    /// <summary>n as 32 big-endian bytes, for range checks without big-integer arithmetic.</summary>
    public static readonly byte[] NBytes = N.ToByteArrayUnsigned();

    /// <summary>⌊n/2⌋ as 32 big-endian bytes: the largest s a canonical (low-s) signature may have.</summary>
    public static readonly byte[] HalfNBytes = Pad32(HalfN.ToByteArrayUnsigned());

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
