using System.Numerics;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Rlp;
using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Ethereum.Transactions;

/// <summary>
/// Decodes raw transactions as blocks and <c>eth_sendRawTransaction</c> carry them: legacy (a bare
/// RLP list), EIP-2930, EIP-1559 and the OP-stack deposit. Signed transactions come back with the
/// sender recovered from the signature. Every malformed input raises a
/// <see cref="TransactionException"/> naming the type, the field and the offset.
/// </summary>
public static class TransactionDecoder
{
    private const int SignatureFieldCount = 3;
    private const int LegacyFieldCount = 6;
    private const int AccessListFieldCount = 8;
    private const int DynamicFeeFieldCount = 9;

    /// <summary>Decodes any supported transaction.</summary>
    public static ITransactionEnvelope Decode(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty)
        {
            throw new TransactionException("Transaction: the input is empty.");
        }
        if (raw[0] == (byte)TransactionType.Deposit)
        {
            return Wrap("deposit transaction (type 0x7e)", raw, static (ReadOnlySpan<byte> input, ref RlpReader fields) =>
            {
                ExpectFieldCount(fields, DepositTransaction.FieldCount, "deposit transaction (type 0x7e)");
                return DepositTransaction.Read(input, ref fields);
            });
        }
        return DecodeSigned(raw);
    }

    /// <summary>Decodes a <c>0x</c>-prefixed hex transaction.</summary>
    public static ITransactionEnvelope Decode(string hex) => Decode(HexConvert.Decode(hex));

    /// <summary>Decodes a signed (legacy, EIP-2930 or EIP-1559) transaction and recovers its sender.</summary>
    public static SignedTransaction DecodeSigned(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty)
        {
            throw new TransactionException("Transaction: the input is empty.");
        }
        byte first = raw[0];
        return first switch
        {
            >= 0xc0 => Wrap("legacy transaction", raw, ReadLegacy),
            (byte)TransactionType.AccessList => Wrap("type 0x01 transaction", raw, static (ReadOnlySpan<byte> _, ref RlpReader fields) =>
            {
                ExpectFieldCount(fields, AccessListFieldCount + SignatureFieldCount, "type 0x01 transaction");
                AccessListTransaction transaction = AccessListTransaction.ReadFields(ref fields);
                return transaction.WithSignature(ReadTypedSignature(ref fields));
            }),
            (byte)TransactionType.DynamicFee => Wrap("type 0x02 transaction", raw, static (ReadOnlySpan<byte> _, ref RlpReader fields) =>
            {
                ExpectFieldCount(fields, DynamicFeeFieldCount + SignatureFieldCount, "type 0x02 transaction");
                DynamicFeeTransaction transaction = DynamicFeeTransaction.ReadFields(ref fields);
                return transaction.WithSignature(ReadTypedSignature(ref fields));
            }),
            (byte)TransactionType.Deposit => throw new TransactionException("Transaction: type 0x7e is an unsigned OP-stack deposit; decode it with Decode, not DecodeSigned."),
            _ => throw new TransactionException($"Transaction: unknown type byte 0x{first:x2}; supported are legacy (RLP list), 0x01, 0x02 and the OP deposit 0x7e."),
        };
    }

    /// <summary>Decodes a <c>0x</c>-prefixed hex signed transaction.</summary>
    public static SignedTransaction DecodeSigned(string hex) => DecodeSigned(HexConvert.Decode(hex));

    private delegate T FieldsReader<T>(ReadOnlySpan<byte> raw, ref RlpReader fields);

    private static T Wrap<T>(string kind, ReadOnlySpan<byte> raw, FieldsReader<T> read)
    {
        try
        {
            int offset = raw[0] >= 0xc0 ? 0 : 1;
            var reader = new RlpReader(raw[offset..], offset);
            RlpReader fields = reader.ReadList();
            reader.EnsureEnd(kind);
            T result = read(raw, ref fields);
            fields.EnsureEnd(kind + " field list");
            return result;
        }
        catch (RlpException error)
        {
            throw new TransactionException($"Transaction: {kind}: {error.Message}", error);
        }
        catch (SignatureException error)
        {
            throw new TransactionException($"Transaction: {kind} has an invalid signature: {error.Message}", error);
        }
    }

    private static SignedTransaction ReadLegacy(ReadOnlySpan<byte> raw, ref RlpReader fields)
    {
        ExpectFieldCount(fields, LegacyFieldCount + SignatureFieldCount, "legacy transaction");
        // v comes after the fields but decides whether EIP-155 applies, so read ahead on a copy.
        RlpReader ahead = fields;
        for (int i = 0; i < LegacyFieldCount; i++)
        {
            ahead.ReadEncodedItem();
        }
        BigInteger v = ahead.ReadBigInteger("v");
        if (v < 27)
        {
            throw new SignatureException($"Signature: legacy v = {v}; it must be 27, 28 or an EIP-155 value (chainId*2 + 35 or 36).");
        }
        byte yParity = Signature.YParityFromV(v, out BigInteger? chainId);
        if (chainId is { } id && id > ulong.MaxValue)
        {
            throw new TransactionException($"Transaction: legacy v = {v} implies chain id {id}, above 2^64 - 1.");
        }
        LegacyTransaction transaction = LegacyTransaction.ReadFields(ref fields, chainId is { } c ? (ulong)c : null);
        fields.ReadEncodedItem();
        return transaction.WithSignature(ReadRs(ref fields, yParity));
    }

    private static Signature ReadTypedSignature(ref RlpReader fields)
    {
        int offset = fields.Offset;
        ulong yParity = fields.ReadUInt64("yParity");
        if (yParity > 1)
        {
            throw new SignatureException($"Signature: yParity at offset {offset} is {yParity}; it must be 0 or 1.");
        }
        return ReadRs(ref fields, (byte)yParity);
    }

    private static Signature ReadRs(ref RlpReader fields, byte yParity)
    {
        Span<byte> r = stackalloc byte[32];
        Span<byte> s = stackalloc byte[32];
        ReadUInt256(ref fields, "r", r);
        ReadUInt256(ref fields, "s", s);
        return new Signature(r, s, yParity);
    }

    private static void ReadUInt256(ref RlpReader fields, string field, scoped Span<byte> destination)
    {
        ReadOnlySpan<byte> bytes = fields.ReadIntegerBytes(field);
        destination.Clear();
        bytes.CopyTo(destination[(32 - bytes.Length)..]);
    }

    private static void ExpectFieldCount(RlpReader fields, int expected, string kind)
    {
        int count = fields.CountItems();
        if (count != expected)
        {
            throw new TransactionException($"Transaction: {kind} has {count} fields; expected {expected}.");
        }
    }
}
