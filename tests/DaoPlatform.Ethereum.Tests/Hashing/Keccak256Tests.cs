using System.Text;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;

namespace DaoPlatform.Ethereum.Tests.Hashing;

public class Keccak256Tests
{
    // Published Keccak-256 values (the original Keccak submission, as used by Ethereum).
    [TestCase("", "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [TestCase("abc", "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    [TestCase("The quick brown fox jumps over the lazy dog", "0x4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15")]
    [TestCase("transfer(address,uint256)", "0xa9059cbb2ab09eb219583f4a59a5d0623ade346d962bcd4e46b11da047c9049b")]
    public void HashesKnownText(string text, string expected)
    {
        Assert.That(HexConvert.Encode(Keccak256.Hash(Encoding.UTF8.GetBytes(text))), Is.EqualTo(expected));
    }

    // Inputs of bytes 0, 1, 2, ... straddling the 136-byte rate; values from ethers.js (noble-hashes).
    [TestCase(135, "0xcbdfd9dee5faad3818d6b06f95a219fd290b0e1706f6a82e5a595b9ce9faca62")]
    [TestCase(136, "0x7ce759f1ab7f9ce437719970c26b0a66ff11fe3e38e17df89cf5d29c7d7f807e")]
    [TestCase(137, "0xac73d4fae68b8453f764007c1a20ce95994187861f0c3227a3a8e99a73a3b1db")]
    [TestCase(271, "0x7c974895b2a88303ff2dc6b58f438ceb0b298cac91099ac0539cc0f477506191")]
    [TestCase(272, "0xfdf2ec49e749960d3c8521a0219af8d03e30e2b3bf19bd16150ee0eaf133d66e")]
    [TestCase(273, "0x4f707289a9c3ccd0c4a51f2f17339f5dd171d371c04ff7783b735b5b22682eaf")]
    [TestCase(1024, "0x5902e53903be0d0f9656bdbd5b9f0d8c2d815f865645d629eef77f5185f6cd7f")]
    public void HashesAcrossBlockBoundaries(int length, string expected)
    {
        byte[] data = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        Assert.That(HexConvert.Encode(Keccak256.Hash(data)), Is.EqualTo(expected));
    }

    [Test]
    public void RejectsShortOutput()
    {
        var error = Assert.Throws<ArgumentException>(() => Keccak256.Hash([1, 2, 3], new byte[31]));
        Assert.That(error!.Message, Does.Contain("31"));
    }
}
