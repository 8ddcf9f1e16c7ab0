using System.Text;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Keystore;

namespace DaoPlatform.Ethereum.Tests.Keystore;

public class ScryptTests
{
    // RFC 7914 section 12 test vectors.
    [TestCase("", "", 16, 1, 1, "0x77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906")]
    [TestCase("password", "NaCl", 1024, 8, 16, "0xfdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")]
    [TestCase("pleaseletmein", "SodiumChloride", 16384, 8, 1, "0x7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887")]
    public void MatchesRfc7914Vectors(string password, string salt, int n, int r, int p, string expected)
    {
        byte[] key = Scrypt.DeriveKey(Encoding.ASCII.GetBytes(password), Encoding.ASCII.GetBytes(salt), n, r, p, 64);
        Assert.That(HexConvert.Encode(key), Is.EqualTo(expected));
    }
}
