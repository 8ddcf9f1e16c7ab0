using DaoPlatform.Ethereum.Signing;
using FsCheck;
using FsCheck.Fluent;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace DaoPlatform.Ethereum.Tests.Signing;

public class SigningProperties
{
    private static readonly X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");

    private static Arbitrary<byte[]> Bytes32() =>
        Arb.From(Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 32));

    [FsCheckProperty]
    public Property SignatureRecoversTheSigner() => Prop.ForAll(Bytes32(), Bytes32(), (keyBytes, digest) =>
    {
        var key = new EthereumKey(keyBytes);
        Signature signature = key.Sign(digest);
        return PublicKey.Recover(digest, signature).Equals(key.PublicKey);
    });

    [FsCheckProperty]
    public Property MatchesBouncyCastleEcdsaSignerNormalisedToLowS() =>
        Prop.ForAll(Bytes32(), Bytes32(), (keyBytes, digest) => MatchesBouncyCastle(keyBytes, digest));

    // Edge cases of the nonce derivation: a digest at or above n is reduced mod n first (bits2octets);
    // keys at both ends of the valid range.
    [TestCase("0x0000000000000000000000000000000000000000000000000000000000000001", "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    [TestCase("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140", "0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")]
    [TestCase("0x4646464646464646464646464646464646464646464646464646464646464646", "0x0000000000000000000000000000000000000000000000000000000000000000")]
    public void MatchesBouncyCastleAtTheEdges(string key, string digest) =>
        Assert.That(MatchesBouncyCastle(DaoPlatform.Ethereum.Hex.HexConvert.Decode(key), DaoPlatform.Ethereum.Hex.HexConvert.Decode(digest)), Is.True);

    private static bool MatchesBouncyCastle(byte[] keyBytes, byte[] digest)
    {
        // An independent RFC 6979 signer: BouncyCastle's ECDsaSigner with HMAC-SHA256 nonces.
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        var domain = new ECDomainParameters(Curve.Curve, Curve.G, Curve.N, Curve.H);
        signer.Init(true, new ECPrivateKeyParameters(new BcBigInteger(1, keyBytes), domain));
        BcBigInteger[] rs = signer.GenerateSignature(digest);
        BcBigInteger s = rs[1].CompareTo(Curve.N.ShiftRight(1)) > 0 ? Curve.N.Subtract(rs[1]) : rs[1];
        Signature ours = new EthereumKey(keyBytes).Sign(digest);
        return new BcBigInteger(1, ours.RBytes).Equals(rs[0]) && new BcBigInteger(1, ours.SBytes).Equals(s)
            && PublicKey.RecoverAddress(digest, ours) == new EthereumKey(keyBytes).Address;
    }

    [FsCheckProperty]
    public Property SerialisedSignatureRoundTrips() => Prop.ForAll(Bytes32(), Bytes32(), (keyBytes, digest) =>
    {
        Signature signature = new EthereumKey(keyBytes).Sign(digest);
        return Signature.FromBytes(signature.ToBytes()) == signature;
    });
}
