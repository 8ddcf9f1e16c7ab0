using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.Tests.Abi;

/// <summary>Values that do not fit their types: rejected with the type, the value and where it is.</summary>
public class AbiEncodingErrorTests
{
    private static readonly AbiFunction Transfer = AbiFunction.Parse("transfer(address to, uint256 amount)");

    [TestCase("uint8", 256)]
    [TestCase("uint8", -1)]
    [TestCase("int8", 128)]
    [TestCase("int8", -129)]
    [TestCase("uint32", 4294967296L)]
    public void OutOfRangeIntegersAreRejected(string type, long value)
    {
        var error = Assert.Throws<AbiException>(() => AbiType.Parse(type).Encode(value))!;
        Assert.That(error.Message, Does.Contain($"value {value} is out of range for {type}"));
    }

    [Test]
    public void RangeBoundariesAreAccepted()
    {
        Assert.DoesNotThrow(() => new AbiInt(8).Encode(-128));
        Assert.DoesNotThrow(() => new AbiInt(8).Encode(127));
        Assert.DoesNotThrow(() => AbiUInt.UInt256.Encode((BigInteger.One << 256) - 1));
        Assert.Throws<AbiException>(() => AbiUInt.UInt256.Encode(BigInteger.One << 256));
        Assert.DoesNotThrow(() => AbiInt.Int256.Encode(-(BigInteger.One << 255)));
        Assert.Throws<AbiException>(() => AbiInt.Int256.Encode(BigInteger.One << 255));
    }

    [Test]
    public void OutOfRangeArgumentNamesTheParameter()
    {
        var error = Assert.Throws<AbiException>(() => Transfer.EncodeCall(Address.Zero, BigInteger.MinusOne))!;
        Assert.That(error.Message, Is.EqualTo("ABI encode: value -1 is out of range for uint256. (at amount)"));
    }

    [Test]
    public void NestedValueErrorNamesThePath()
    {
        var function = AbiFunction.Parse("function fill((address maker, uint8[] amounts)[] orders)");
        object?[] orders = [new object?[] { Address.Zero, new object?[] { 1 } }, new object?[] { Address.Zero, new object?[] { 2, 300 } }];
        var error = Assert.Throws<AbiException>(() => function.EncodeCall([orders]))!;
        Assert.That(error.Message, Does.Contain("value 300 is out of range for uint8"));
        Assert.That(error.Path, Is.EqualTo("orders[1].amounts[1]"));
    }

    [Test]
    public void WrongArgumentCountIsRejected()
    {
        var error = Assert.Throws<AbiException>(() => Transfer.EncodeCall(Address.Zero))!;
        Assert.That(error.Message, Does.Contain("transfer(address,uint256) takes 2 arguments; got 1"));
    }

    [Test]
    public void WrongFixedArrayLengthIsRejected()
    {
        var error = Assert.Throws<AbiException>(() => AbiType.Parse("uint256[3]").Encode(new object?[] { 1, 2 }))!;
        Assert.That(error.Message, Does.Contain("uint256[3] takes 3 values; got 2"));
    }

    [Test]
    public void WrongClrTypeIsRejected()
    {
        var error = Assert.Throws<AbiException>(() => Transfer.EncodeCall("0x00", 1))!;
        Assert.That(error.Message, Does.Contain("address expects an Address; got String"));
    }

    [Test]
    public void WrongFixedBytesLengthIsRejected()
    {
        var error = Assert.Throws<AbiException>(() => AbiFixedBytes.Bytes32.Encode(new byte[31]))!;
        Assert.That(error.Message, Does.Contain("bytes32 expects exactly 32 bytes; got 31"));
    }

    [Test]
    public void UnpairedSurrogateIsRejected()
    {
        var error = Assert.Throws<AbiException>(() => AbiString.Instance.Encode("ok\ud800"))!;
        Assert.That(error.Message, Does.Contain("unpaired surrogate at index 2"));
    }
}
