using DaoPlatform.Ethereum.Abi;
using static DaoPlatform.Ethereum.Tests.Abi.AbiTestData;

namespace DaoPlatform.Ethereum.Tests.Abi;

/// <summary>Malformed and non-canonical input: each is rejected with a message naming the type and offset.</summary>
public class AbiDecodingErrorTests
{
    private static readonly AbiFunction Sam = AbiFunction.Parse("sam(bytes,bool,uint256[])");

    // The spec's sam("dave", true, [1,2,3]) call data, split into words after the selector.
    private static string[] SamWords() =>
    [
        "0xa5643bf2",
        Word(0x60), Word(1), Word(0xa0),
        Word(4), "6461766500000000000000000000000000000000000000000000000000000000",
        Word(3), Word(1), Word(2), Word(3),
    ];

    private static AbiException DecodeSam(string[] words) =>
        Assert.Throws<AbiException>(() => Sam.DecodeCall(HexBytes(words)))!;

    [Test]
    public void BoolTwoIsRejected()
    {
        string[] words = SamWords();
        words[2] = Word(2);
        Assert.That(DecodeSam(words).Message, Does.Contain("bool at offset 36 has value 2"));
    }

    [Test]
    public void TruncatedArrayNamesTypeAndOffset()
    {
        byte[] data = HexBytes(SamWords());
        var error = Assert.Throws<AbiException>(() => Sam.DecodeCall(data.AsSpan(0, data.Length - 1)))!;
        Assert.That(error.Message, Does.Contain("uint256[] length at offset 164 is 3, more than the 95 bytes that follow can hold"));
        Assert.That(error.Path, Is.EqualTo("#2"));
    }

    [Test]
    public void TruncatedBytesNamesTypeAndOffset()
    {
        byte[] data = HexBytes(SamWords());
        var error = Assert.Throws<AbiException>(() => Sam.DecodeCall(data.AsSpan(0, 4 + 96 + 32 + 10)))!;
        Assert.That(error.Message, Does.Contain("bytes at offset 132 needs 32 bytes but only 10 remain"));
    }

    [Test]
    public void TruncatedHeadIsRejected()
    {
        var error = Assert.Throws<AbiException>(() => Sam.DecodeCall(HexBytes("0xa5643bf2", Word(0x60))))!;
        Assert.That(error.Message, Does.Contain("(bytes,bool,uint256[]) at offset 4 needs 96 bytes but only 32 remain"));
    }

    [Test]
    public void OffsetPastTheEndIsRejected()
    {
        string[] words = SamWords();
        words[1] = Word(0x1000);
        Assert.That(DecodeSam(words).Message, Does.Contain("offset 4096 at 4 for bytes points past the end of the 292-byte data"));
    }

    [Test]
    public void HugeOffsetIsRejected()
    {
        string[] words = SamWords();
        words[3] = "ff" + Word(0xa0)[2..];
        Assert.That(DecodeSam(words).Message, Does.Contain("at 68 for uint256[] points past the end"));
    }

    [Test]
    public void OffsetIntoTheHeadIsRejected()
    {
        string[] words = SamWords();
        words[3] = Word(0x20);
        Assert.That(DecodeSam(words).Message, Does.Contain("offset 32 at 68 for uint256[] points into the 96-byte head"));
    }

    [Test]
    public void OverlappingTailIsRejected()
    {
        // The array's offset points back into the bytes value's tail: a valid-looking but overlapping layout.
        string[] words = SamWords();
        words[3] = Word(0x80);
        Assert.That(DecodeSam(words).Message, Does.Contain("offset 128 at 68 for uint256[] is not canonical: its data must start at offset 160"));
    }

    [Test]
    public void HugeArrayLengthIsRejectedBeforeAllocating()
    {
        string[] words = SamWords();
        words[6] = Word(0xffffffff);
        Assert.That(DecodeSam(words).Message, Does.Contain("uint256[] length at offset 164 is 4294967295, more than the 96 bytes that follow can hold"));
    }

    [Test]
    public void HugeBytesLengthIsRejected()
    {
        string[] words = SamWords();
        words[4] = "01" + Word(4)[2..];
        Assert.That(DecodeSam(words).Message, Does.Contain("bytes length at offset 100 is"));
    }

    [Test]
    public void DirtyBytesPaddingIsRejected()
    {
        string[] words = SamWords();
        words[5] = "6461766500000000000000000000000000000000000000000000000000000001";
        Assert.That(DecodeSam(words).Message, Does.Contain("bytes at offset 100 has dirty padding after its 4 bytes"));
    }

    [Test]
    public void DirtyFixedBytesPaddingIsRejected()
    {
        var error = Assert.Throws<AbiException>(() => new AbiFixedBytes(3).Decode(HexBytes("6162630000000000000000000000000000000000000000000000000000000001")))!;
        Assert.That(error.Message, Does.Contain("bytes3 at offset 0 has dirty padding"));
    }

    [Test]
    public void DirtyIntegerHighBitsAreRejected()
    {
        var error = Assert.Throws<AbiException>(() => new AbiUInt(32).Decode(HexBytes(Word(0x1_0000_0000))))!;
        Assert.That(error.Message, Does.Contain("uint32 at offset 0 has dirty high bits"));
    }

    [Test]
    public void IntegerWithoutSignExtensionIsRejected()
    {
        // 0x80 as int8 must be sign-extended with 0xff bytes.
        var error = Assert.Throws<AbiException>(() => new AbiInt(8).Decode(HexBytes(Word(0x80))))!;
        Assert.That(error.Message, Does.Contain("int8 at offset 0 is not sign-extended"));
    }

    [Test]
    public void DirtyAddressIsRejected()
    {
        var error = Assert.Throws<AbiException>(() => AbiAddress.Instance.Decode(HexBytes("01" + Word(1)[2..])))!;
        Assert.That(error.Message, Does.Contain("address at offset 0 has dirty high bits"));
    }

    [Test]
    public void InvalidUtf8IsRejected()
    {
        byte[] data = HexBytes(Word(2), "c328000000000000000000000000000000000000000000000000000000000000");
        var error = Assert.Throws<AbiException>(() => AbiString.Instance.Decode(data))!;
        Assert.That(error.Message, Does.Contain("string at offset 0 is not valid UTF-8"));
    }

    [Test]
    public void NestedErrorsNameTheirPath()
    {
        var type = AbiType.Parse("(uint256,(address,bool)[])");
        byte[] data = HexBytes(Word(7), Word(0x40), Word(1), Word(0xaa), Word(3));
        var error = Assert.Throws<AbiException>(() => type.Decode(data))!;
        Assert.That(error.Message, Does.Contain("bool at offset 128 has value 3"));
        Assert.That(error.Path, Is.EqualTo("#1[0].#1"));
    }

    [Test]
    public void ShortCallDataIsRejected()
    {
        var error = Assert.Throws<AbiException>(() => Sam.DecodeCall(HexBytes("0xa5643b")))!;
        Assert.That(error.Message, Does.Contain("call data of 3 bytes is shorter than a 4-byte selector"));
    }

    [Test]
    public void WrongSelectorIsRejected()
    {
        var error = Assert.Throws<AbiException>(() => Sam.DecodeCall(HexBytes("0xcdcd77c0", Word(0x45), Word(1))))!;
        Assert.That(error.Message, Does.Contain("call data has selector 0xcdcd77c0, not 0xa5643bf2 of sam(bytes,bool,uint256[])"));
    }
}
