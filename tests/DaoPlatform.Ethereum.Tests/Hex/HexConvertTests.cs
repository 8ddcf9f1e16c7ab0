using DaoPlatform.Ethereum.Hex;

namespace DaoPlatform.Ethereum.Tests.Hex;

public class HexConvertTests
{
    [TestCase("0x", new byte[0])]
    [TestCase("0x00ff10", new byte[] { 0x00, 0xff, 0x10 })]
    [TestCase("0XABcd", new byte[] { 0xab, 0xcd })]
    [TestCase("deadBEEF", new byte[] { 0xde, 0xad, 0xbe, 0xef })]
    public void DecodesEitherCaseWithOrWithoutPrefix(string hex, byte[] expected)
    {
        Assert.That(HexConvert.Decode(hex), Is.EqualTo(expected));
    }

    [Test]
    public void EncodesLowerCaseWithPrefix()
    {
        Assert.That(HexConvert.Encode([0xDE, 0xAD, 0x01]), Is.EqualTo("0xdead01"));
        Assert.That(HexConvert.Encode([0xDE], prefix: false), Is.EqualTo("de"));
    }

    [Test]
    public void RejectsOddLength()
    {
        var error = Assert.Throws<FormatException>(() => HexConvert.Decode("0xabc"));
        Assert.That(error!.Message, Does.Contain("odd number of digits (3)"));
    }

    [Test]
    public void RejectsNonHexCharacterNamingItsPosition()
    {
        var error = Assert.Throws<FormatException>(() => HexConvert.Decode("0x12g4"));
        Assert.That(error!.Message, Does.Contain("'g' at position 4"));
    }

    [Test]
    public void DecodeIntoRejectsWrongLength()
    {
        Assert.Throws<FormatException>(() => HexConvert.DecodeInto("0x1234", new byte[3]));
    }

    [FsCheckProperty]
    public bool RoundTrips(byte[] bytes) =>
        HexConvert.Decode(HexConvert.Encode(bytes)).AsSpan().SequenceEqual(bytes)
        && HexConvert.Decode(HexConvert.Encode(bytes).ToUpperInvariant()).AsSpan().SequenceEqual(bytes);

    [Test]
    public void EncodesLongInputsBeyondTheStackBuffer()
    {
        byte[] bytes = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        Assert.That(HexConvert.Decode(HexConvert.Encode(bytes)), Is.EqualTo(bytes));
    }
}
