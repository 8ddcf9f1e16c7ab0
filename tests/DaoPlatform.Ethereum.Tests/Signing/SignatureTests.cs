using System.Numerics;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Ethereum.Tests.Signing;

public class SignatureTests
{
    private const string N = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";
    private const string HalfN = "7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0";
    private const string One = "0000000000000000000000000000000000000000000000000000000000000001";
    private const string Zero = "0000000000000000000000000000000000000000000000000000000000000000";

    [TestCase(Zero, One, "1b", "r is zero")]
    [TestCase(One, Zero, "1b", "s is zero")]
    [TestCase(N, One, "1b", "r = 0x" + N + " is not below the curve order n")]
    [TestCase(One, N, "1b", "s = 0x" + N + " is not below the curve order n")]
    [TestCase(One, "7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a1", "1b", "is high (above n/2)")]
    [TestCase(One, One, "1d", "v = 29 is not 0, 1, 27, 28")]
    [TestCase(One, One, "02", "v = 2 is not 0, 1, 27, 28")]
    [TestCase(One, One, "22", "v = 34 is not")]
    public void RejectsInvalidRsv(string r, string s, string v, string expected)
    {
        var error = Assert.Throws<SignatureException>(() => Signature.FromHex("0x" + r + s + v));
        Assert.That(error!.Message, Does.Contain(expected));
    }

    [Test]
    public void RejectsWrongLength()
    {
        var error = Assert.Throws<SignatureException>(() => Signature.FromBytes(new byte[64]));
        Assert.That(error!.Message, Does.Contain("65 bytes; got 64"));
    }

    [TestCase("00", 0)]
    [TestCase("01", 1)]
    [TestCase("1b", 0)]
    [TestCase("1c", 1)]
    [TestCase("25", 0)] // 37 = 1*2 + 35: EIP-155 chain 1
    [TestCase("26", 1)]
    public void AcceptsEveryVForm(string v, int yParity)
    {
        Signature signature = Signature.FromHex("0x" + One + HalfN + v);
        Assert.That(signature.YParity, Is.EqualTo(yParity));
        Assert.That(signature.S, Is.EqualTo(BigInteger.Parse("0" + HalfN, System.Globalization.NumberStyles.HexNumber)));
        Assert.That(signature.ToBytes()[64], Is.EqualTo(27 + yParity));
    }

    [Test]
    public void Eip155VYieldsChainId()
    {
        Assert.That(Signature.YParityFromV(10 * 2 + 36, out BigInteger? chainId), Is.EqualTo(1));
        Assert.That(chainId, Is.EqualTo(new BigInteger(10)));
        Assert.That(Signature.YParityFromV(28, out chainId), Is.EqualTo(1));
        Assert.That(chainId, Is.Null);
    }

    [Test]
    public void IntegerConstructorMatchesByteForm()
    {
        var key = EthereumKey.Generate();
        Signature signature = key.Sign(Keccak256.Hash("x"u8));
        Assert.That(new Signature(signature.R, signature.S, signature.YParity), Is.EqualTo(signature));
        Assert.That(Signature.FromBytes(signature.ToBytes()), Is.EqualTo(signature));
        Assert.Throws<SignatureException>(() => new Signature(BigInteger.MinusOne, signature.S, 0));
        Assert.Throws<SignatureException>(() => new Signature(signature.R, signature.S, 2));
    }

    [Test]
    public void RecoveryRejectsRWithNoCurvePoint()
    {
        // x = 5 is not the x-coordinate of any secp256k1 point (5^3 + 7 = 132 is a non-residue mod p).
        Signature signature = Signature.FromHex("0x" + Zero[..62] + "05" + One + "1b");
        var error = Assert.Throws<SignatureException>(() => PublicKey.Recover(new byte[32], signature));
        Assert.That(error!.Message, Does.Contain("no secp256k1 point has x = r"));
    }

    [Test]
    public void TamperedSignatureRecoversAnotherAddress()
    {
        var key = EthereumKey.Generate();
        byte[] digest = Keccak256.Hash("pay 1 ether"u8);
        byte[] bytes = key.Sign(digest).ToBytes();
        bytes[64] = (byte)(bytes[64] == 27 ? 28 : 27);
        Assert.That(PublicKey.RecoverAddress(digest, Signature.FromBytes(bytes)), Is.Not.EqualTo(key.Address));
    }
}
