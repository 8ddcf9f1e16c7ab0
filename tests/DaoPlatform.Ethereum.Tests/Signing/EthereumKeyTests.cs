using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Ethereum.Tests.Signing;

public class EthereumKeyTests
{
    [Test]
    public void Eip155ExampleKeyHasPublishedAddress()
    {
        // EIP-155 example: private key 0x4646...46.
        var key = EthereumKey.FromHex("0x4646464646464646464646464646464646464646464646464646464646464646");
        Assert.That(key.Address, Is.EqualTo(Address.Parse("0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F")));
    }

    [Test]
    public void Eip712CowKeySignsPublishedDigestDeterministically()
    {
        // EIP-712 example (assets/eip-712/Example.js): key keccak256("cow") signs the Ether Mail digest.
        var key = new EthereumKey(Keccak256.Hash("cow"u8));
        Assert.That(key.Address, Is.EqualTo(Address.Parse("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826")));
        byte[] digest = HexConvert.Decode("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");
        Signature signature = key.Sign(digest);
        Assert.That(signature.V, Is.EqualTo(28));
        Assert.That(HexConvert.Encode(signature.RBytes), Is.EqualTo("0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d"));
        Assert.That(HexConvert.Encode(signature.SBytes), Is.EqualTo("0x07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562"));
        Assert.That(PublicKey.RecoverAddress(digest, signature), Is.EqualTo(key.Address));
    }

    [Test]
    public void ExportsThePrivateKeyItWasMadeFrom()
    {
        byte[] bytes = HexConvert.Decode("0x000000000000000000000000000000000000000000000000000000000000beef");
        Assert.That(new EthereumKey(bytes).ExportPrivateKey(), Is.EqualTo(bytes));
    }

    [TestCase("0x0000000000000000000000000000000000000000000000000000000000000000", "above 0")]
    [TestCase("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", "below the secp256k1 order n")]
    [TestCase("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "below the secp256k1 order n")]
    [TestCase("0x4646", "32 bytes; got 2")]
    public void RejectsInvalidPrivateKeys(string hex, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => EthereumKey.FromHex(hex));
        Assert.That(error!.Message, Does.Contain(expected));
    }

    [Test]
    public void AcceptsTheLargestValidKey()
    {
        var key = EthereumKey.FromHex("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140");
        byte[] digest = Keccak256.Hash("n - 1"u8);
        Assert.That(PublicKey.RecoverAddress(digest, key.Sign(digest)), Is.EqualTo(key.Address));
    }

    [Test]
    public void GeneratedKeysDifferAndSign()
    {
        EthereumKey a = EthereumKey.Generate();
        EthereumKey b = EthereumKey.Generate();
        Assert.That(a.Address, Is.Not.EqualTo(b.Address));
        byte[] digest = Keccak256.Hash("generated"u8);
        Assert.That(PublicKey.RecoverAddress(digest, a.Sign(digest)), Is.EqualTo(a.Address));
    }

    [Test]
    public void RejectsDigestOfWrongLength()
    {
        var key = EthereumKey.Generate();
        Assert.Throws<ArgumentException>(() => key.Sign(new byte[31]));
        Assert.Throws<ArgumentException>(() => PublicKey.Recover(new byte[33], key.Sign(new byte[32])));
    }

    [Test]
    public void PublicKeyFromBytesChecksTheCurve()
    {
        var key = EthereumKey.Generate();
        Assert.That(new PublicKey(key.PublicKey.Bytes), Is.EqualTo(key.PublicKey));
        byte[] offCurve = key.PublicKey.Bytes.ToArray();
        offCurve[63] ^= 1;
        var error = Assert.Throws<ArgumentException>(() => new PublicKey(offCurve));
        Assert.That(error!.Message, Does.Contain("not a point on secp256k1"));
    }
}
