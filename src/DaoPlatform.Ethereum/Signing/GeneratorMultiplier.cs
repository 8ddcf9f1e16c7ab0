using Org.BouncyCastle.Math.EC;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace DaoPlatform.Ethereum.Signing;

/// <summary>
/// k·G for signing nonces, about four times faster than BouncyCastle's fixed-point comb: a table of
/// d·16^w·G (64 windows × 16 digits, affine, built once with BouncyCastle) turns k·G into 64 mixed
/// Jacobian-affine additions with no doublings, on allocation-free <see cref="FieldElement"/>s.
/// Constant-time in k: every table entry of a window is read, every addition is performed, and
/// zero digits and the initial point at infinity are handled by masked selects, never branches.
/// </summary>
internal static class GeneratorMultiplier
{
    private const int Windows = 64;
    private const int Digits = 16;

    // Entry [w·16 + d] holds d·16^w·G; entry d = 0 holds G as a harmless dummy (its sum is discarded).
    private static readonly FieldElement[] TableX = new FieldElement[Windows * Digits];
    private static readonly FieldElement[] TableY = new FieldElement[Windows * Digits];

#pragma warning disable CA1810 // The table is built in one pass that fills both arrays; a static constructor keeps it together.
    static GeneratorMultiplier()
#pragma warning restore CA1810
    {
        var points = new ECPoint[Windows * Digits];
        ECPoint windowBase = Secp256k1.G;
        for (int w = 0; w < Windows; w++)
        {
            points[w * Digits] = Secp256k1.G;
            ECPoint multiple = windowBase;
            for (int d = 1; d < Digits; d++)
            {
                points[w * Digits + d] = multiple;
                multiple = multiple.Add(windowBase);
            }
            windowBase = multiple;
        }
        Secp256k1.Curve.NormalizeAll(points);
        for (int i = 0; i < points.Length; i++)
        {
            TableX[i] = FieldElement.FromBytes(points[i].AffineXCoord.GetEncoded());
            TableY[i] = FieldElement.FromBytes(points[i].AffineYCoord.GetEncoded());
        }
    }

    /// <summary>Computes k·G for 0 &lt; k &lt; n and writes the affine x (32 bytes big-endian); returns whether y is odd.</summary>
    public static bool Multiply(ReadOnlySpan<byte> k, Span<byte> x)
    {
        FieldElement accX = FieldElement.One, accY = FieldElement.One, accZ = FieldElement.One;
        ulong accIsInfinity = ulong.MaxValue;
        for (int w = 0; w < Windows; w++)
        {
            byte pair = k[31 - (w >> 1)];
            int digit = (w & 1) == 0 ? pair & 0xF : pair >> 4;

            FieldElement px = default, py = default;
            int row = w * Digits;
            for (int d = 0; d < Digits; d++)
            {
                ulong hit = EqualMask(d, digit);
                px = FieldElement.Select(hit, TableX[row + d], px);
                py = FieldElement.Select(hit, TableY[row + d], py);
            }

            AddAffine(accX, accY, accZ, px, py, out FieldElement sumX, out FieldElement sumY, out FieldElement sumZ);
            ulong nonZero = NonZeroMask(digit);
            ulong takeSum = nonZero & ~accIsInfinity;
            ulong takePoint = nonZero & accIsInfinity;
            accX = FieldElement.Select(takePoint, px, FieldElement.Select(takeSum, sumX, accX));
            accY = FieldElement.Select(takePoint, py, FieldElement.Select(takeSum, sumY, accY));
            accZ = FieldElement.Select(takePoint, FieldElement.One, FieldElement.Select(takeSum, sumZ, accZ));
            accIsInfinity &= ~nonZero;
        }

        // To affine with one inversion (BouncyCastle's, on the public result).
        Span<byte> zBytes = stackalloc byte[32];
        accZ.WriteBytes(zBytes);
        ECFieldElement zInverse = Secp256k1.Curve.FromBigInteger(new BcBigInteger(1, zBytes)).Invert();
        FieldElement zi = FieldElement.FromBytes(zInverse.GetEncoded());
        FieldElement zi2 = FieldElement.Square(zi);
        FieldElement affineX = FieldElement.Multiply(accX, zi2);
        FieldElement affineY = FieldElement.Multiply(accY, FieldElement.Multiply(zi2, zi));
        affineX.WriteBytes(x);
        return affineY.IsOdd;
    }

    // (X1, Y1, Z1) + (x2, y2) in Jacobian coordinates for a = 0 ("madd-2007-bl", 7M + 4S). The
    // degenerate cases (equal points, infinity) cannot arise for a non-zero sum of distinct windows
    // of k < n, and the dummy sums of zero digits are discarded by the caller.
    private static void AddAffine(
        in FieldElement x1, in FieldElement y1, in FieldElement z1, in FieldElement x2, in FieldElement y2,
        out FieldElement x3, out FieldElement y3, out FieldElement z3)
    {
        FieldElement z1z1 = FieldElement.Square(z1);
        FieldElement u2 = FieldElement.Multiply(x2, z1z1);
        FieldElement s2 = FieldElement.Multiply(y2, FieldElement.Multiply(z1, z1z1));
        FieldElement h = FieldElement.Subtract(u2, x1);
        FieldElement hh = FieldElement.Square(h);
        FieldElement i = Double(Double(hh));
        FieldElement j = FieldElement.Multiply(h, i);
        FieldElement r = Double(FieldElement.Subtract(s2, y1));
        FieldElement v = FieldElement.Multiply(x1, i);
        x3 = FieldElement.Subtract(FieldElement.Subtract(FieldElement.Square(r), j), Double(v));
        y3 = FieldElement.Subtract(FieldElement.Multiply(r, FieldElement.Subtract(v, x3)), Double(FieldElement.Multiply(y1, j)));
        FieldElement z1h = FieldElement.Add(z1, h);
        z3 = FieldElement.Subtract(FieldElement.Subtract(FieldElement.Square(z1h), z1z1), hh);
    }

    private static FieldElement Double(in FieldElement a) => FieldElement.Add(a, a);

    // All ones when a == b (both in 0..15), else zero, without a branch.
    private static ulong EqualMask(int a, int b) => 0 - (ulong)((uint)((a ^ b) - 1) >> 31);

    private static ulong NonZeroMask(int digit) => 0 - (ulong)((uint)(-digit) >> 31);
}
