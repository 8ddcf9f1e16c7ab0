using System.Buffers;
using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Primitives;
using static DaoPlatform.Ethereum.Tests.Abi.AbiTestData;

namespace DaoPlatform.Ethereum.Tests.Abi;

/// <summary>The typed word writers and readers that generated bindings call directly.</summary>
public class AbiEncoderTests
{
    private static readonly Address Recipient = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");

    [Test]
    public void FastPathTransferMatchesEthers()
    {
        // Expected call data produced by ethers 6: Interface.encodeFunctionData("transfer", [Recipient, 10n**18n]).
        byte[] expected = HexBytes("0xa9059cbb0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed0000000000000000000000000000000000000000000000000de0b6b3a7640000");
        var transfer = AbiFunction.Parse("transfer(address,uint256)");
        Span<byte> callData = stackalloc byte[4 + 64];
        callData.Fill(0xEE); // the writers must overwrite padding, not assume zeroed memory
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(callData, transfer.SelectorValue);
        AbiEncoder.WriteAddress(callData[4..], Recipient);
        AbiEncoder.WriteUInt256(callData[36..], BigInteger.Pow(10, 18));

        Assert.That(callData.ToArray(), Is.EqualTo(expected));
        Assert.That(transfer.EncodeCall(Recipient, BigInteger.Pow(10, 18)), Is.EqualTo(expected));
    }

    [Test]
    public void SignedWordsAreSignExtended()
    {
        // abi.encode(int8(-1), int256(-2**255), uint8(255)) as produced by ethers 6.
        byte[] expected = HexBytes(
            "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
            "8000000000000000000000000000000000000000000000000000000000000000",
            Word(0xff));
        var buffer = new ArrayBufferWriter<byte>();
        Span<byte> word = stackalloc byte[32];
        AbiEncoder.WriteInt(word, -1, 8);
        buffer.Write(word);
        AbiEncoder.WriteInt256(word, -(BigInteger.One << 255));
        buffer.Write(word);
        AbiEncoder.WriteUInt(word, 255, 8);
        buffer.Write(word);

        Assert.That(buffer.WrittenSpan.ToArray(), Is.EqualTo(expected));
        Assert.That(new AbiTuple(new AbiInt(8), AbiInt.Int256, AbiUInt.UInt8).Encode(new object?[] { -1, -(BigInteger.One << 255), 255 }), Is.EqualTo(expected));
        Assert.That(AbiDecoder.ReadInt(expected, 0, 8), Is.EqualTo(BigInteger.MinusOne));
        Assert.That(AbiDecoder.ReadInt256(expected, 32), Is.EqualTo(-(BigInteger.One << 255)));
    }

    [Test]
    public void Int64AndUInt64WritersMatchTheBigIntegerOnes()
    {
        Span<byte> fast = stackalloc byte[32];
        Span<byte> slow = stackalloc byte[32];
        foreach (long value in new[] { 0L, 1L, -1L, long.MinValue, long.MaxValue })
        {
            AbiEncoder.WriteInt64(fast, value);
            AbiEncoder.WriteInt256(slow, value);
            Assert.That(fast.SequenceEqual(slow), Is.True, $"int {value}");
        }
        AbiEncoder.WriteUInt64(fast, ulong.MaxValue);
        AbiEncoder.WriteUInt256(slow, ulong.MaxValue);
        Assert.That(fast.SequenceEqual(slow), Is.True);
        Assert.That(AbiDecoder.ReadUInt64(fast.ToArray(), 0), Is.EqualTo(ulong.MaxValue));
    }

    [Test]
    public void BufferWriterOverloadsAppendWords()
    {
        var buffer = new ArrayBufferWriter<byte>();
        AbiEncoder.WriteAddress(buffer, Recipient);
        AbiEncoder.WriteUInt256(buffer, 5);
        AbiEncoder.WriteBool(buffer, true);
        AbiEncoder.WriteFixedBytes(buffer, new byte[] { 0xab });
        byte[] data = buffer.WrittenSpan.ToArray();

        Assert.That(data, Is.EqualTo(new AbiTuple(AbiAddress.Instance, AbiUInt.UInt256, AbiBool.Instance, new AbiFixedBytes(1))
            .Encode(new object?[] { Recipient, 5, true, new byte[] { 0xab } })));
        Assert.That(AbiDecoder.ReadAddress(data, 0), Is.EqualTo(Recipient));
        Assert.That(AbiDecoder.ReadUInt256(data, 32), Is.EqualTo(new BigInteger(5)));
        Assert.That(AbiDecoder.ReadBool(data, 64), Is.True);
        Assert.That(AbiDecoder.ReadFixedBytes(data, 96, 1), Is.EqualTo(new byte[] { 0xab }));
    }

    [Test]
    public void ReadersRejectOutOfBoundsOffsets()
    {
        var error = Assert.Throws<AbiException>(() => AbiDecoder.ReadUInt256(new byte[40], 16))!;
        Assert.That(error.Message, Does.Contain("uint256 at offset 16 needs 32 bytes but only 24 remain"));
    }

    [Test]
    public void FixedBytesWriterRejectsMoreThan32Bytes()
    {
        var error = Assert.Throws<AbiException>(() => AbiEncoder.WriteFixedBytes(new byte[32], new byte[33]))!;
        Assert.That(error.Message, Does.Contain("33 bytes do not fit a bytesN word"));
    }

    [Test]
    public void ReadUInt64RejectsWidthsAboveItsRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AbiDecoder.ReadUInt64(new byte[32], 0, 72));
    }

    [Test]
    public void ReadUInt64ChecksTheDeclaredWidth()
    {
        byte[] word = HexBytes(Word(0x1_0000));
        Assert.That(AbiDecoder.ReadUInt64(word, 0, 32), Is.EqualTo(0x1_0000UL));
        var error = Assert.Throws<AbiException>(() => AbiDecoder.ReadUInt64(word, 0, 16))!;
        Assert.That(error.Message, Does.Contain("uint16 at offset 0 has dirty high bits"));
        Assert.Throws<AbiException>(() => AbiDecoder.ReadUInt64(HexBytes("01" + Word(0)[2..]), 0));
    }
}
