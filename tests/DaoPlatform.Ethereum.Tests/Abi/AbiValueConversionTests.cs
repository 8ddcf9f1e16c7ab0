using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Primitives;
using static DaoPlatform.Ethereum.Tests.Abi.AbiTestData;

namespace DaoPlatform.Ethereum.Tests.Abi;

/// <summary>The CLR values the encoders accept besides the decoded representation, and how values print.</summary>
public class AbiValueConversionTests
{
    [Test]
    public void AcceptsBuiltInIntegerTypes()
    {
        byte[] expected = AbiUInt.UInt256.Encode(new BigInteger(200));
        object[] values = [(byte)200, (short)200, (ushort)200, 200, 200u, 200L, 200UL, (Int128)200, (UInt128)200];
        foreach (object value in values)
        {
            Assert.That(AbiUInt.UInt256.Encode(value), Is.EqualTo(expected), value.GetType().Name);
        }
        Assert.That(new AbiInt(8).Encode((sbyte)-1), Is.EqualTo(HexBytes("ff".PadLeft(64, 'f'))));
    }

    [Test]
    public void AcceptsMemoryForByteStrings()
    {
        byte[] payload = [1, 2, 3];
        Assert.That(AbiBytes.Instance.Encode(new ReadOnlyMemory<byte>(payload)), Is.EqualTo(AbiBytes.Instance.Encode(payload)));
        Assert.That(new AbiFixedBytes(3).Encode(new Memory<byte>(payload)), Is.EqualTo(new AbiFixedBytes(3).Encode(payload)));
    }

    [Test]
    public void AcceptsDecodedValuesAndTypedListsForTuples()
    {
        var function = AbiFunction.Parse("f(uint256 a, address b)");
        byte[] callData = function.EncodeCall(7, Address.Zero);
        AbiValues decoded = function.DecodeCall(callData);
        Assert.That(function.InputTuple.Encode(decoded), Is.EqualTo(callData[4..]));
        Assert.That(AbiType.Parse("uint256[]").Encode(new List<BigInteger> { 1, 2 }), Is.EqualTo(HexBytes(Word(2), Word(1), Word(2))));
    }

    [Test]
    public void RejectsValuesOfTheWrongShape()
    {
        Assert.That(Assert.Throws<AbiException>(() => AbiUInt.UInt256.Encode("7"))!.Message, Does.Contain("uint256 expects an integer"));
        Assert.That(Assert.Throws<AbiException>(() => AbiBool.Instance.Encode(1))!.Message, Does.Contain("bool expects a bool; got Int32"));
        Assert.That(Assert.Throws<AbiException>(() => AbiBytes.Instance.Encode(null))!.Message, Does.Contain("bytes expects bytes (byte[] or ReadOnlyMemory<byte>); got null"));
        Assert.That(Assert.Throws<AbiException>(() => AbiString.Instance.Encode(5))!.Message, Does.Contain("string expects a string; got Int32"));
        Assert.That(Assert.Throws<AbiException>(() => AbiType.Parse("(bool)").Encode(true))!.Message, Does.Contain("(bool) expects a list of values"));
    }

    [Test]
    public void FormatsValuesForMessages()
    {
        object?[] value = [new BigInteger(-5), Address.Parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"), true, new byte[] { 0xab }, "say \"hi\"", new object?[] { null }];
        Assert.That(AbiValueFormatter.Format(value),
            Is.EqualTo("[-5, 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed, true, 0xab, \"say \\\"hi\\\"\", [null]]"));
    }
}
