using DaoPlatform.Ethereum.Abi;

namespace DaoPlatform.Ethereum.Tests.Abi;

public class AbiTypeParseTests
{
    [TestCase("uint256", "uint256", false)]
    [TestCase("uint", "uint256", false)]
    [TestCase("int", "int256", false)]
    [TestCase("int8", "int8", false)]
    [TestCase("byte", "bytes1", false)]
    [TestCase("bytes32", "bytes32", false)]
    [TestCase("bytes", "bytes", true)]
    [TestCase("string", "string", true)]
    [TestCase("address[2][]", "address[2][]", true)]
    [TestCase("uint8[3][2]", "uint8[3][2]", false)]
    [TestCase("(uint256,address)[]", "(uint256,address)[]", true)]
    [TestCase("tuple(uint,bool)", "(uint256,bool)", false)]
    [TestCase("(uint256,(address,bytes)[])[2]", "(uint256,(address,bytes)[])[2]", true)]
    [TestCase("()", "()", false)]
    public void ParsesToCanonicalName(string text, string canonical, bool dynamic)
    {
        AbiType type = AbiType.Parse(text);
        Assert.That(type.Name, Is.EqualTo(canonical));
        Assert.That(type.IsDynamic, Is.EqualTo(dynamic));
    }

    [Test]
    public void StaticSizesFollowTheLayout()
    {
        Assert.That(AbiType.Parse("uint8[3][2]").HeadSize, Is.EqualTo(6 * 32));
        Assert.That(AbiType.Parse("(uint256,bool[2])").HeadSize, Is.EqualTo(3 * 32));
        Assert.That(AbiType.Parse("(uint256,bytes)").HeadSize, Is.EqualTo(32));
    }

    [TestCase("uint7", "ABI type: uint7 is not a valid type; N must be a multiple of 8 from 8 to 256. (in 'uint7' at position 0)")]
    [TestCase("uint264", "uint264 is not a valid type")]
    [TestCase("int0", "'int0' is not an ABI type")]
    [TestCase("bytes33", "bytes33 is not a valid type")]
    [TestCase("bytes0", "'bytes0' is not an ABI type")]
    [TestCase("uint256[0]", "'0' is not a valid array length")]
    [TestCase("uint256[", "expected ']' at position 8")]
    [TestCase("(uint256,", "expected a type at position 9")]
    [TestCase("(uint256 bool)", "expected ',' or ')' in a tuple at position 9")]
    [TestCase("foo", "'foo' is not an ABI type")]
    [TestCase("fixed128x18", "'fixed128x18' is not supported")]
    [TestCase("uint256 x", "unexpected text at position 8")]
    [TestCase("()[]", "the empty tuple has no encoding to repeat")]
    public void RejectsMalformedTypes(string text, string message)
    {
        var error = Assert.Throws<AbiException>(() => AbiType.Parse(text))!;
        Assert.That(error.Message, Does.Contain(message));
    }

    [Test]
    public void RejectsTooDeepNesting()
    {
        string deep = new string('(', 100) + "uint256" + new string(')', 100);
        var error = Assert.Throws<AbiException>(() => AbiType.Parse(deep))!;
        Assert.That(error.Message, Does.Contain("types nest deeper than 64 levels"));
    }
}
