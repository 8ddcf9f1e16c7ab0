using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Primitives;
using static DaoPlatform.Ethereum.Tests.Abi.AbiTestData;

namespace DaoPlatform.Ethereum.Tests.Abi;

public class AbiFunctionTests
{
    [TestCase("transfer(address,uint256)")]
    [TestCase("transfer(address to, uint256 amount)")]
    [TestCase("function transfer(address to, uint amount) external returns (bool)")]
    [TestCase("  function   transfer ( address  to , uint256 amount ) public returns ( bool success ) ")]
    public void ParsesHumanReadableForms(string text)
    {
        var transfer = AbiFunction.Parse(text);
        Assert.That(transfer.Signature, Is.EqualTo("transfer(address,uint256)"));
        Assert.That(transfer.SelectorHex, Is.EqualTo("0xa9059cbb"));
        Assert.That(transfer.SelectorValue, Is.EqualTo(0xa9059cbbu));
    }

    [Test]
    public void ReadsMutabilityNamesAndOutputs()
    {
        var balanceOf = AbiFunction.Parse("function balanceOf(address owner) external view returns (uint256 balance)");
        Assert.That(balanceOf.StateMutability, Is.EqualTo(AbiStateMutability.View));
        Assert.That(balanceOf.Inputs[0].Name, Is.EqualTo("owner"));
        Assert.That(balanceOf.Outputs[0].Name, Is.EqualTo("balance"));
        Assert.That(balanceOf.ToString(), Is.EqualTo("function balanceOf(address owner) view returns (uint256 balance)"));
        Assert.That(AbiFunction.Parse("deposit() payable").StateMutability, Is.EqualTo(AbiStateMutability.Payable));
        Assert.That(AbiFunction.Parse("f() pure").StateMutability, Is.EqualTo(AbiStateMutability.Pure));
    }

    [Test]
    public void ParsesDataLocationsAndNamedTupleComponents()
    {
        var fill = AbiFunction.Parse("function fill(tuple(address maker, uint256[] amounts)[] calldata orders, bytes memory signature, address payable to)");
        Assert.That(fill.Signature, Is.EqualTo("fill((address,uint256[])[],bytes,address)"));
        var order = (AbiTuple)((AbiDynamicArray)fill.Inputs[0].Type).Element;
        Assert.That(order.Components[1].Name, Is.EqualTo("amounts"));
        Assert.That(AbiFunction.Parse(fill.ToString()).Signature, Is.EqualTo(fill.Signature));
    }

    [Test]
    public void NestedTupleArrayCallMatchesEthers()
    {
        // ethers 6: AbiCoder.defaultAbiCoder().encode(["(uint256,(address,bytes)[])[2]"], [[[1, [[0x…aa, "0x0102"], [0x…bb, "0x"]]], [2, []]]]).
        byte[] expected = HexBytes(
            Word(0x20), Word(0x40), Word(0x1c0),
            Word(1), Word(0x40), Word(2), Word(0x40), Word(0xc0),
            Word(0xaa), Word(0x40), Word(2), "0102000000000000000000000000000000000000000000000000000000000000",
            Word(0xbb), Word(0x40), Word(0),
            Word(2), Word(0x40), Word(0));
        var type = AbiType.Parse("(uint256,(address,bytes)[])[2]");
        object?[] value =
        [
            new object?[] { 1, new object?[] { new object?[] { Addr("0x00000000000000000000000000000000000000aa"), new byte[] { 1, 2 } }, new object?[] { Addr("0x00000000000000000000000000000000000000bb"), Array.Empty<byte>() } } },
            new object?[] { 2, Array.Empty<object?>() },
        ];

        Assert.That(new AbiTuple(type).Encode(new object?[] { value }), Is.EqualTo(expected));
        object? decoded = ((object?[])new AbiTuple(type).Decode(expected)!)[0];
        Assert.That(new AbiTuple(type).Encode(new object?[] { decoded }), Is.EqualTo(expected));
    }

    [Test]
    public void EncodesAndDecodesOutputs()
    {
        var getReserves = AbiFunction.Parse("function getReserves() view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast)");
        byte[] data = getReserves.EncodeOutput(10, 20, 30u);
        Assert.That(data, Is.EqualTo(HexBytes(Word(10), Word(20), Word(30))));
        AbiValues values = getReserves.DecodeOutput(data);
        Assert.That(values.Get<BigInteger>("reserve1"), Is.EqualTo(new BigInteger(20)));
        Assert.That(values.ToString(), Is.EqualTo("reserve0=10, reserve1=20, blockTimestampLast=30"));
        Assert.That(getReserves.EncodeCall(), Is.EqualTo(HexBytes(getReserves.SelectorHex)));
    }

    [Test]
    public void WrongOutputCountIsRejected()
    {
        var error = Assert.Throws<AbiException>(() => AbiFunction.Parse("f() returns (bool)").EncodeOutput())!;
        Assert.That(error.Message, Does.Contain("f() returns 1 values; got 0"));
    }

    [Test]
    public void UnknownParameterNameListsTheNames()
    {
        AbiValues values = AbiFunction.Parse("transfer(address to, uint256 amount)").DecodeCall(
            AbiFunction.Parse("transfer(address,uint256)").EncodeCall(Address.Zero, 1));
        var error = Assert.Throws<KeyNotFoundException>(() => _ = values["value"])!;
        Assert.That(error.Message, Does.Contain("the parameters are: to, amount"));
        Assert.Throws<InvalidCastException>(() => values.Get<string>("amount"));
    }

    [TestCase("transfer(address,uint256", "expected ',' or ')'")]
    [TestCase("transfer address", "expected '('")]
    [TestCase("f(uint256) returns (bool) returns (bool)", "'returns' appears twice")]
    [TestCase("f(uint256 a b)", "parameter already named 'a'")]
    [TestCase("f() sometimes", "'sometimes' is not a function modifier")]
    [TestCase("event Transfer()", "declares an event, not a function")]
    [TestCase("f((uint256 indexed a))", "a tuple component cannot be 'indexed'")]
    public void RejectsMalformedSignatures(string text, string message)
    {
        var error = Assert.Throws<AbiException>(() => AbiFunction.Parse(text))!;
        Assert.That(error.Message, Does.Contain(message));
    }
}
