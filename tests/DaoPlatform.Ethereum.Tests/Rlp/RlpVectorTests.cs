using System.Numerics;
using System.Text;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Rlp;

namespace DaoPlatform.Ethereum.Tests.Rlp;

/// <summary>Vectors from ethereum/tests RLPTests/rlptest.json (the examples of the Ethereum wiki's RLP page).</summary>
public class RlpVectorTests
{
    private static RlpString S(string ascii) => new(Encoding.ASCII.GetBytes(ascii));

    private static RlpList L(params RlpItem[] items) => new(items);

    private static IEnumerable<TestCaseData> Items()
    {
        yield return new TestCaseData(S(""), "0x80").SetName("emptystring");
        yield return new TestCaseData(new RlpString([0x00]), "0x00").SetName("bytestring00");
        yield return new TestCaseData(new RlpString([0x7f]), "0x7f").SetName("bytestring7F");
        yield return new TestCaseData(S("dog"), "0x83646f67").SetName("shortstring");
        yield return new TestCaseData(
            S("Lorem ipsum dolor sit amet, consectetur adipisicing eli"),
            "0xb74c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e7365637465747572206164697069736963696e6720656c69")
            .SetName("shortstring2 (55 bytes)");
        yield return new TestCaseData(
            S("Lorem ipsum dolor sit amet, consectetur adipisicing elit"),
            "0xb8384c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e7365637465747572206164697069736963696e6720656c6974")
            .SetName("longstring (56 bytes)");
        yield return new TestCaseData(L(), "0xc0").SetName("emptylist");
        yield return new TestCaseData(L(S("cat"), S("dog")), "0xc88363617483646f67").SetName("cat dog");
        yield return new TestCaseData(L(S("dog"), S("god"), S("cat")), "0xcc83646f6783676f6483636174").SetName("stringlist");
        yield return new TestCaseData(L(S("zw"), L(new RlpString([4])), new RlpString([1])), "0xc6827a77c10401").SetName("multilist");
        yield return new TestCaseData(
            L(S("asdf"), S("qwer"), S("zxcv"), S("asdf"), S("qwer"), S("zxcv"), S("asdf"), S("qwer"), S("zxcv"), S("asdf"), S("qwer")),
            "0xf784617364668471776572847a78637684617364668471776572847a78637684617364668471776572847a78637684617364668471776572")
            .SetName("shortListMax1");
        RlpList triple = L(S("asdf"), S("qwer"), S("zxcv"));
        yield return new TestCaseData(
            L(triple, triple, triple, triple),
            "0xf840cf84617364668471776572847a786376cf84617364668471776572847a786376cf84617364668471776572847a786376cf84617364668471776572847a786376")
            .SetName("longList1");
        yield return new TestCaseData(L(L(L(), L()), L()), "0xc4c2c0c0c0").SetName("listsoflists");
        yield return new TestCaseData(L(L(), L(L()), L(L(), L(L()))), "0xc7c0c1c0c3c0c1c0").SetName("listsoflists2 (set-theoretic 3)");
        yield return new TestCaseData(
            L(L(S("key1"), S("val1")), L(S("key2"), S("val2")), L(S("key3"), S("val3")), L(S("key4"), S("val4"))),
            "0xecca846b6579318476616c31ca846b6579328476616c32ca846b6579338476616c33ca846b6579348476616c34")
            .SetName("dictTest1");
    }

    [TestCaseSource(nameof(Items))]
    public void EncodesAndDecodesPublishedItem(RlpItem item, string expected)
    {
        Assert.That(HexConvert.Encode(item.Encode()), Is.EqualTo(expected));
        Assert.That(item.EncodedLength, Is.EqualTo((expected.Length - 2) / 2));
        Assert.That(RlpItem.Decode(HexConvert.Decode(expected)), Is.EqualTo(item));
    }

    [Test]
    public void EncodesTheThousandTwentyFourByteString()
    {
        byte[] value = new byte[1024];
        byte[] encoded = new RlpString(value).Encode();
        Assert.That(HexConvert.Encode(encoded.AsSpan(0, 3)), Is.EqualTo("0xb90400"));
        Assert.That(encoded, Has.Length.EqualTo(1027));
    }

    [TestCase(0UL, "0x80")]
    [TestCase(1UL, "0x01")]
    [TestCase(15UL, "0x0f")]
    [TestCase(16UL, "0x10")]
    [TestCase(79UL, "0x4f")]
    [TestCase(127UL, "0x7f")]
    [TestCase(128UL, "0x8180")]
    [TestCase(1000UL, "0x8203e8")]
    [TestCase(1024UL, "0x820400")]
    [TestCase(100000UL, "0x830186a0")]
    [TestCase(ulong.MaxValue, "0x88ffffffffffffffff")]
    public void EncodesAndDecodesUInt64(ulong value, string expected)
    {
        byte[] buffer = new byte[RlpWriter.LengthOf(value)];
        var writer = new RlpWriter(buffer);
        writer.WriteUInt64(value);
        Assert.That(writer.Position, Is.EqualTo(buffer.Length));
        Assert.That(HexConvert.Encode(buffer), Is.EqualTo(expected));
        var reader = new RlpReader(buffer);
        Assert.That(reader.ReadUInt64(), Is.EqualTo(value));
        reader.EnsureEnd();
    }

    [TestCase("83729609699884896815286331701780722", "0x8f102030405060708090a0b0c0d0e0f2")]
    [TestCase("105315505618206987246253880190783558935785933862974822347068935681", "0x9c0100020003000400050006000700080009000a000b000c000d000e01")]
    [TestCase("115792089237316195423570985008687907853269984665640564039457584007913129639936", "0xa1010000000000000000000000000000000000000000000000000000000000000000")]
    public void EncodesAndDecodesBigIntegers(string decimalValue, string expected)
    {
        BigInteger value = BigInteger.Parse(decimalValue);
        byte[] buffer = new byte[RlpWriter.LengthOf(value)];
        var writer = new RlpWriter(buffer);
        writer.WriteBigInteger(value);
        Assert.That(HexConvert.Encode(buffer), Is.EqualTo(expected));
        var reader = new RlpReader(buffer);
        Assert.That(reader.ReadBigInteger(maxBytes: 33), Is.EqualTo(value));
    }
}
