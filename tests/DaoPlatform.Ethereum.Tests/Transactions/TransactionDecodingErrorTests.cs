using System.Numerics;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Rlp;
using DaoPlatform.Ethereum.Transactions;

namespace DaoPlatform.Ethereum.Tests.Transactions;

public class TransactionDecodingErrorTests
{
    private static readonly BigInteger N = BigInteger.Parse("0fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", System.Globalization.NumberStyles.HexNumber);

    private static byte[] SignedDynamicFee() => new DynamicFeeTransaction
    {
        ChainId = 10, Nonce = 1, MaxPriorityFeePerGas = 1, MaxFeePerGas = 2, GasLimit = 21000,
        To = Address.Parse("0x3535353535353535353535353535353535353535"), Value = 1,
    }.Sign(TestKeys.Eip155).Raw.ToArray();

    /// <summary>Rebuilds a type-2 transaction with its field list edited.</summary>
    private static byte[] EditFields(Func<List<RlpItem>, IEnumerable<RlpItem>> edit)
    {
        byte[] raw = SignedDynamicFee();
        var fields = ((RlpList)RlpItem.Decode(raw.AsSpan(1))).Items.ToList();
        return [0x02, .. new RlpList(edit(fields)).Encode()];
    }

    private static RlpString Integer(BigInteger value) =>
        new(value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true));

    private static string DecodeError(ReadOnlySpan<byte> raw)
    {
        byte[] copy = raw.ToArray();
        return Assert.Throws<TransactionException>(() => TransactionDecoder.Decode(copy))!.Message;
    }

    [TestCase("0x03f8", "unknown type byte 0x03")]
    [TestCase("0x7f00", "unknown type byte 0x7f")]
    [TestCase("0x80", "unknown type byte 0x80")]
    [TestCase("0x", "the input is empty")]
    public void RejectsUnknownTypesAndEmptyInput(string hex, string expected)
    {
        Assert.That(DecodeError(HexConvert.Decode(hex)), Does.Contain(expected));
    }

    [Test]
    public void RejectsTruncatedTransaction()
    {
        byte[] raw = SignedDynamicFee();
        Assert.That(DecodeError(raw.AsSpan(0, raw.Length - 1)), Does.Match("type 0x02 transaction: RLP: list at offset 1 declares \\d+ bytes but \\d+ remain"));
    }

    [Test]
    public void RejectsTrailingBytes()
    {
        byte[] raw = [.. SignedDynamicFee(), 0x00];
        Assert.That(DecodeError(raw), Does.Contain("unexpected trailing bytes"));
    }

    [Test]
    public void RejectsMissingField()
    {
        Assert.That(DecodeError(EditFields(fields => fields.Skip(1))), Does.Contain("type 0x02 transaction has 11 fields; expected 12"));
    }

    [Test]
    public void RejectsExtraField()
    {
        Assert.That(DecodeError(EditFields(fields => [.. fields, new RlpString([])])), Does.Contain("has 13 fields; expected 12"));
    }

    [Test]
    public void RejectsHighS()
    {
        byte[] raw = EditFields(fields =>
        {
            BigInteger s = new(((RlpString)fields[11]).Value, isUnsigned: true, isBigEndian: true);
            fields[11] = Integer(N - s);
            return fields;
        });
        Assert.That(DecodeError(raw), Does.Contain("invalid signature: Signature: s = ").And.Contain("is high"));
    }

    [Test]
    public void RejectsYParityAboveOne()
    {
        byte[] raw = EditFields(fields =>
        {
            fields[9] = Integer(2);
            return fields;
        });
        Assert.That(DecodeError(raw), Does.Contain("yParity at offset").And.Contain("is 2; it must be 0 or 1"));
    }

    [Test]
    public void RejectsZeroR()
    {
        byte[] raw = EditFields(fields =>
        {
            fields[10] = Integer(0);
            return fields;
        });
        Assert.That(DecodeError(raw), Does.Contain("r is zero"));
    }

    [Test]
    public void RejectsNonMinimalNonce()
    {
        byte[] raw = EditFields(fields =>
        {
            fields[1] = new RlpString([0x00, 0x01]);
            return fields;
        });
        Assert.That(DecodeError(raw), Does.Contain("nonce at offset 4 has a leading zero byte"));
    }

    [Test]
    public void RejectsLegacyVBelow27()
    {
        byte[] raw = new LegacyTransaction { Nonce = 0, GasPrice = 1, GasLimit = 21000 }.Sign(TestKeys.Eip155).Raw.ToArray();
        var fields = ((RlpList)RlpItem.Decode(raw)).Items.ToList();
        fields[6] = Integer(1);
        Assert.That(DecodeError(new RlpList(fields).Encode()), Does.Contain("legacy v = 1; it must be 27, 28 or an EIP-155 value"));
    }

    [Test]
    public void RejectsShortToAddress()
    {
        byte[] raw = EditFields(fields =>
        {
            fields[5] = new RlpString([1, 2, 3]);
            return fields;
        });
        Assert.That(DecodeError(raw), Does.Contain("to at offset").And.Contain("has 3 bytes; an address has 20"));
    }
}
