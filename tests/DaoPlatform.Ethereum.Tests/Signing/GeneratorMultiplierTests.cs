using System.Numerics;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Signing;
using FsCheck;
using FsCheck.Fluent;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math.EC;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace DaoPlatform.Ethereum.Tests.Signing;

/// <summary>The fast field and k·G paths against BouncyCastle's reference arithmetic.</summary>
public class GeneratorMultiplierTests
{
    private static readonly X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");
    private static readonly BigInteger P = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", System.Globalization.NumberStyles.HexNumber);

    private static Arbitrary<BigInteger> FieldValues() => Arb.From(Gen.Frequency(
        (6, Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 32).Select(b => new BigInteger(b, isUnsigned: true, isBigEndian: true) % P)),
        // Values next to 0 and p, where carries and the final reduction happen.
        (2, Gen.Choose(1, 1 << 20).Select(d => P - d)),
        (1, Gen.Choose(0, 1 << 20).Select(d => (BigInteger)d)),
        (1, Gen.Choose(0, 1 << 20).Select(d => P - (BigInteger.One << 32) + d))));

    private static FieldElement ToField(BigInteger value)
    {
        byte[] bytes = new byte[32];
        value.TryWriteBytes(bytes.AsSpan(32 - value.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return FieldElement.FromBytes(bytes);
    }

    private static BigInteger FromField(FieldElement value)
    {
        byte[] bytes = new byte[32];
        value.WriteBytes(bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    [FsCheckProperty(MaxTest = 500)]
    public Property FieldArithmeticMatchesBigInteger() => Prop.ForAll(FieldValues(), FieldValues(), (a, b) =>
    {
        FieldElement x = ToField(a), y = ToField(b);
        return FromField(FieldElement.Multiply(x, y)) == a * b % P
            && FromField(FieldElement.Square(x)) == a * a % P
            && FromField(FieldElement.Negate(x)) == (P - a) % P
            && FromField(FieldElement.Add(x, y)) == (a + b) % P
            && FromField(FieldElement.Subtract(x, y)) == ((a - b) % P + P) % P;
    });

    [FsCheckProperty(MaxTest = 200)]
    public Property MultiplyMatchesBouncyCastle() => Prop.ForAll(
        Arb.From(Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 32)), bytes =>
        {
            var k = new BcBigInteger(1, bytes).Mod(Curve.N.Subtract(BcBigInteger.One)).Add(BcBigInteger.One);
            return MatchesBouncyCastle(k);
        });

    [Test]
    public void SquareOfTheLargestElementsMatchesMultiply()
    {
        foreach (BigInteger a in new[] { P - 1, P - 2, (BigInteger.One << 255) - 1, BigInteger.One << 255, (BigInteger.One << 128) - 1 })
        {
            FieldElement x = ToField(a);
            Assert.That(FromField(FieldElement.Square(x)), Is.EqualTo(FromField(FieldElement.Multiply(x, x))).And.EqualTo(a * a % P));
        }
    }

    [Test]
    public void LookupReadsTheIndexedEntriesOrZero()
    {
        FieldElement[] xs = Enumerable.Range(1, 64).Select(i => ToField(P - i)).ToArray();
        FieldElement[] ys = Enumerable.Range(1, 64).Select(i => ToField(i)).ToArray();
        Assert.Multiple(() =>
        {
            FieldElement.Lookup(xs, ys, 0, out FieldElement x, out FieldElement y);
            Assert.That((FromField(x), FromField(y)), Is.EqualTo((BigInteger.Zero, BigInteger.Zero)));
            for (int index = 1; index <= xs.Length; index++)
            {
                FieldElement.Lookup(xs, ys, index, out x, out y);
                Assert.That((FromField(x), FromField(y)), Is.EqualTo((P - index, (BigInteger)index)));
            }
        });
    }

    // Scalars with zero windows, all-ones windows, and the ends of the range; then signed-recoding
    // cases for 5-, 6- and 7-bit windows: window values 15 to 17, 31 to 33, 63 to 65 (a value above half
    // the window becomes negative and carries), every window at half or just above, carries
    // rippling through all windows into the top one, with and without bit 255.
    [TestCase("0x0000000000000000000000000000000000000000000000000000000000000001")]
    [TestCase("0x0000000000000000000000000000000000000000000000000000000000000010")]
    [TestCase("0x1000000000000000000000000000000000000000000000000000000000000000")]
    [TestCase("0x8000000000000000000000000000000000000000000000000000000000000001")]
    [TestCase("0x00000000000000000000000000000000ffffffffffffffffffffffffffffffff")]
    [TestCase("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140")]
    [TestCase("0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0")]
    [TestCase("0x000000000000000000000000000000000000000000000000000000000000000f")]
    [TestCase("0x0000000000000000000000000000000000000000000000000000000000000011")]
    [TestCase("0x0000000000000000000000000000000000000000000000000000000000000020")]
    [TestCase("0x000000000000000000000000000000000000000000000000000000000000001f")]
    [TestCase("0x4210842108421084210842108421084210842108421084210842108421084210")]
    [TestCase("0x46318c6318c6318c6318c6318c6318c6318c6318c6318c6318c6318c6318c631")]
    [TestCase("0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    [TestCase("0xfffffffffffffffffffffffffffffffdffffffffffffffffffffffffffffffff")]
    [TestCase("0x8000000000000000000000000000000000000000000000000000000000000000")]
    [TestCase("0x0000000000000000000000000000000000000000000000000000000000000021")]
    [TestCase("0x0820820820820820820820820820820820820820820820820820820820820820")]
    [TestCase("0x0861861861861861861861861861861861861861861861861861861861861861")]
    [TestCase("0x000000000000000000000000000000000000000000000000000000000000003f")]
    [TestCase("0x0000000000000000000000000000000000000000000000000000000000000040")]
    [TestCase("0x0000000000000000000000000000000000000000000000000000000000000041")]
    [TestCase("0x0810204081020408102040810204081020408102040810204081020408102040")]
    [TestCase("0x083060c183060c183060c183060c183060c183060c183060c183060c183060c1")]
    public void MultiplyMatchesBouncyCastleAtTheEdges(string k) =>
        Assert.That(MatchesBouncyCastle(new BcBigInteger(1, HexConvert.Decode(k))), Is.True);

    private static bool MatchesBouncyCastle(BcBigInteger k)
    {
        byte[] scalar = new byte[32];
        byte[] kb = k.ToByteArrayUnsigned();
        kb.CopyTo(scalar, 32 - kb.Length);
        byte[] x = new byte[32];
        bool yOdd = GeneratorMultiplier.Multiply(scalar, x);
        ECPoint expected = Curve.G.Multiply(k).Normalize();
        return x.AsSpan().SequenceEqual(expected.AffineXCoord.GetEncoded()) && yOdd == expected.AffineYCoord.TestBitZero();
    }
}
