using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Rlp;

namespace DaoPlatform.Ethereum.Tests.Rlp;

public class RlpDecodingErrorTests
{
    [TestCase("0x8100", "single byte 0x00 at offset 0")]
    [TestCase("0x817f", "single byte 0x7f at offset 0")]
    [TestCase("0xc28105", "single byte 0x05 at offset 1")]
    [TestCase("0xb80100", "long form for 1 bytes")]
    [TestCase("0xf80100", "list at offset 0 uses the long form for 1 bytes")]
    [TestCase("0xb90038" + "00", "leading zero byte")]
    [TestCase("0x83646f", "declares 3 bytes but 2 remain")]
    [TestCase("0xc3826f", "list at offset 0 declares 3 bytes but 2 remain")]
    [TestCase("0xc28363", "string at offset 1 declares 3 bytes but 1 remain")]
    [TestCase("0xb9", "2-byte length but only 0 bytes remain")]
    [TestCase("0xb840" + "00", "declares 64 bytes but 1 remain")]
    [TestCase("0x83646f6700", "1 unexpected trailing bytes at offset 4")]
    [TestCase("0x", "input ends there")]
    public void RejectsNonCanonicalOrTruncatedInput(string hex, string expectedMessagePart)
    {
        var error = Assert.Throws<RlpException>(() => RlpItem.Decode(HexConvert.Decode(hex)));
        Assert.That(error!.Message, Does.Contain(expectedMessagePart));
    }

    [Test]
    public void RejectsIntegerWithLeadingZero()
    {
        byte[] encoded = HexConvert.Decode("0x820001");
        var error = Assert.Throws<RlpException>(() => new RlpReader(encoded).ReadUInt64("nonce"));
        Assert.That(error!.Message, Is.EqualTo("RLP: nonce at offset 0 has a leading zero byte; integers must be minimal."));
    }

    [Test]
    public void RejectsIntegerTooWide()
    {
        byte[] encoded = HexConvert.Decode("0x89010000000000000000");
        var error = Assert.Throws<RlpException>(() => new RlpReader(encoded).ReadUInt64("gas"));
        Assert.That(error!.Message, Does.Contain("gas at offset 0 has 9 bytes; at most 8 allowed"));
    }

    [Test]
    public void RejectsListWhereStringExpected()
    {
        var error = Assert.Throws<RlpException>(() => new RlpReader(HexConvert.Decode("0xc0")).ReadString());
        Assert.That(error!.Message, Does.Contain("expected a string at offset 0 but found a list"));
    }

    [Test]
    public void RejectsStringWhereListExpected()
    {
        var error = Assert.Throws<RlpException>(() => new RlpReader(HexConvert.Decode("0x80")).ReadList());
        Assert.That(error!.Message, Does.Contain("expected a list at offset 0 but found a string"));
    }

    [Test]
    public void RejectsAddressOfWrongLength()
    {
        var error = Assert.Throws<RlpException>(() => new RlpReader(HexConvert.Decode("0x83010203")).ReadAddress("to"));
        Assert.That(error!.Message, Does.Contain("to at offset 0 has 3 bytes; an address has 20"));
    }

    [Test]
    public void NestedReaderReportsOffsetsInTheOriginalInput()
    {
        byte[] encoded = HexConvert.Decode("0xc4c3820001");
        var error = Assert.Throws<RlpException>(() =>
        {
            var reader = new RlpReader(encoded);
            RlpReader outer = reader.ReadList();
            RlpReader inner = outer.ReadList();
            inner.ReadUInt64("value");
        });
        Assert.That(error!.Message, Does.Contain("value at offset 2"));
    }
}
