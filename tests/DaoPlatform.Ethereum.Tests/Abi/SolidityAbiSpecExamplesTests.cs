using System.Numerics;
using System.Text;
using DaoPlatform.Ethereum.Abi;
using static DaoPlatform.Ethereum.Tests.Abi.AbiTestData;

namespace DaoPlatform.Ethereum.Tests.Abi;

/// <summary>The "Examples" and "Use of Dynamic Types" sections of the Solidity ABI specification, byte for byte.</summary>
public class SolidityAbiSpecExamplesTests
{
    [Test]
    public void Baz()
    {
        var baz = AbiFunction.Parse("function baz(uint32 x, bool y) public pure returns (bool r)");
        byte[] expected = HexBytes("0xcdcd77c0", Word(0x45), Word(1));

        Assert.That(baz.SelectorHex, Is.EqualTo("0xcdcd77c0"));
        Assert.That(baz.EncodeCall(69, true), Is.EqualTo(expected));
        AbiValues decoded = baz.DecodeCall(expected);
        Assert.That(decoded["x"], Is.EqualTo(new BigInteger(69)));
        Assert.That(decoded["y"], Is.EqualTo(true));
        Assert.That(baz.DecodeOutput(HexBytes(Word(1)))["r"], Is.EqualTo(true));
    }

    [Test]
    public void Bar()
    {
        var bar = AbiFunction.Parse("bar(bytes3[2])");
        byte[] expected = HexBytes("0xfce353f6",
            "6162630000000000000000000000000000000000000000000000000000000000",
            "6465660000000000000000000000000000000000000000000000000000000000");
        object?[] value = [Encoding.ASCII.GetBytes("abc"), Encoding.ASCII.GetBytes("def")];

        Assert.That(bar.EncodeCall([value]), Is.EqualTo(expected));
        Assert.That(DeepEquals(bar.DecodeCall(expected)[0], value), Is.True);
    }

    [Test]
    public void Sam()
    {
        var sam = AbiFunction.Parse("sam(bytes,bool,uint256[])");
        byte[] expected = HexBytes("0xa5643bf2",
            Word(0x60), Word(1), Word(0xa0),
            Word(4), "6461766500000000000000000000000000000000000000000000000000000000",
            Word(3), Word(1), Word(2), Word(3));
        object?[] args = [Encoding.ASCII.GetBytes("dave"), true, new object?[] { 1, 2, 3 }];

        Assert.That(sam.EncodeCall(args), Is.EqualTo(expected));
        AbiValues decoded = sam.DecodeCall(expected);
        Assert.That(DeepEquals(decoded.ToArray(), new object?[] { Encoding.ASCII.GetBytes("dave"), true, new object?[] { new BigInteger(1), new BigInteger(2), new BigInteger(3) } }), Is.True);
    }

    [Test]
    public void F()
    {
        var f = AbiFunction.Parse("f(uint,uint32[],bytes10,bytes)");
        byte[] expected = HexBytes("0x8be65246",
            Word(0x123), Word(0x80), "3132333435363738393000000000000000000000000000000000000000000000", Word(0xe0),
            Word(2), Word(0x456), Word(0x789),
            Word(0xd), "48656c6c6f2c20776f726c642100000000000000000000000000000000000000");
        object?[] args = [0x123, new object?[] { 0x456, 0x789 }, Encoding.ASCII.GetBytes("1234567890"), Encoding.ASCII.GetBytes("Hello, world!")];

        Assert.That(f.Signature, Is.EqualTo("f(uint256,uint32[],bytes10,bytes)"));
        Assert.That(f.EncodeCall(args), Is.EqualTo(expected));
        Assert.That(DeepEquals(f.DecodeCall(expected).ToArray(), new object?[]
        {
            new BigInteger(0x123), new object?[] { new BigInteger(0x456), new BigInteger(0x789) },
            Encoding.ASCII.GetBytes("1234567890"), Encoding.ASCII.GetBytes("Hello, world!"),
        }), Is.True);
    }

    [Test]
    public void G()
    {
        var g = AbiFunction.Parse("g(uint[][],string[])");
        byte[] expected = HexBytes("0x2289b18c",
            Word(0x40), Word(0x140),
            Word(2), Word(0x40), Word(0xa0), Word(2), Word(1), Word(2), Word(1), Word(3),
            Word(3), Word(0x60), Word(0xa0), Word(0xe0),
            Word(3), "6f6e650000000000000000000000000000000000000000000000000000000000",
            Word(3), "74776f0000000000000000000000000000000000000000000000000000000000",
            Word(5), "7468726565000000000000000000000000000000000000000000000000000000");
        object?[] args = [new object?[] { new object?[] { 1, 2 }, new object?[] { 3 } }, new object?[] { "one", "two", "three" }];

        Assert.That(g.EncodeCall(args), Is.EqualTo(expected));
        AbiValues decoded = g.DecodeCall(expected);
        Assert.That(DeepEquals(decoded[1], new object?[] { "one", "two", "three" }), Is.True);
        Assert.That(DeepEquals(decoded[0], new object?[]
        {
            new object?[] { new BigInteger(1), new BigInteger(2) }, new object?[] { new BigInteger(3) },
        }), Is.True);
    }

    [Test]
    public void JsonTupleExampleHasTheCanonicalSignature()
    {
        // The "Handling tuple types" JSON of the spec: f(S memory, T memory, uint) with S = (uint a, uint[] b, T[] c), T = (uint x, uint y).
        const string json = """
            [{ "name": "f", "type": "function", "outputs": [], "inputs": [
              { "name": "s", "type": "tuple", "components": [
                { "name": "a", "type": "uint256" }, { "name": "b", "type": "uint256[]" },
                { "name": "c", "type": "tuple[]", "components": [ { "name": "x", "type": "uint256" }, { "name": "y", "type": "uint256" } ] } ] },
              { "name": "t", "type": "tuple", "components": [ { "name": "x", "type": "uint256" }, { "name": "y", "type": "uint256" } ] },
              { "name": "a", "type": "uint256" } ] }]
            """;
        AbiFunction f = ContractAbi.Parse(json).GetFunction("f");

        Assert.That(f.Signature, Is.EqualTo("f((uint256,uint256[],(uint256,uint256)[]),(uint256,uint256),uint256)"));
        var s = (AbiTuple)f.Inputs[0].Type;
        Assert.That(s.Components[2].Name, Is.EqualTo("c"));
        Assert.That(((AbiTuple)((AbiDynamicArray)s.Components[2].Type).Element).Components[1].Name, Is.EqualTo("y"));
    }
}
