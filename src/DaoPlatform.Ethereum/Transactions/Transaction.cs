using System.Numerics;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Rlp;
using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Ethereum.Transactions;

/// <summary>
/// An unsigned transaction of one of the signable types. Subclasses list their fields in RLP order;
/// this class turns them into the signing payload and hash, and, with a signature, into the raw
/// signed bytes (<c>type || RLP</c> for typed transactions, bare RLP for legacy ones), computing
/// exact lengths first so each encoding is written once into a buffer of the right size.
/// </summary>
public abstract class Transaction
{
    private protected Transaction()
    {
    }

    /// <summary>The EIP-2718 type.</summary>
    public abstract TransactionType Type { get; }

    /// <summary>The sender's nonce.</summary>
    public ulong Nonce { get; init; }

    /// <summary>The gas limit.</summary>
    public ulong GasLimit { get; init; }

    /// <summary>The recipient, or null for a contract creation.</summary>
    public Address? To { get; init; }

    /// <summary>The wei sent.</summary>
    public BigInteger Value { get; init; }

    /// <summary>The call data, or the init code of a contract creation.</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>The total length of the unsigned fields' encodings.</summary>
    private protected abstract int FieldsLength { get; }

    /// <summary>The length of what follows the fields in the signing payload only (EIP-155's chainId, 0, 0).</summary>
    private protected virtual int SigningSuffixLength => 0;

    /// <summary>Writes the unsigned fields.</summary>
    private protected abstract void WriteFields(ref RlpWriter writer);

    /// <summary>Writes what follows the fields in the signing payload only.</summary>
    private protected virtual void WriteSigningSuffix(ref RlpWriter writer)
    {
    }

    /// <summary>The signature's v field as this type encodes it (y-parity for typed transactions).</summary>
    private protected virtual BigInteger EncodeV(byte yParity) => yParity;

    private int TypePrefixLength => Type == TransactionType.Legacy ? 0 : 1;

    /// <summary>The bytes whose Keccak-256 hash is signed.</summary>
    public byte[] GetSigningPayload()
    {
        int content = FieldsLength + SigningSuffixLength;
        byte[] payload = new byte[TypePrefixLength + RlpWriter.LengthOfList(content)];
        var writer = StartEncoding(payload, content);
        WriteFields(ref writer);
        WriteSigningSuffix(ref writer);
        return payload;
    }

    /// <summary>The hash the sender signs: keccak256 of the signing payload.</summary>
    public byte[] GetSigningHash() => Keccak256.Hash(GetSigningPayload());

    /// <summary>Signs the transaction with <paramref name="key"/>.</summary>
    public SignedTransaction Sign(EthereumKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Signature signature = key.Sign(GetSigningHash());
        return new SignedTransaction(this, signature, key.Address, EncodeSigned(signature));
    }

    /// <summary>Attaches an existing signature, recovering the sender from it.</summary>
    /// <exception cref="SignatureException">The signature recovers to no key.</exception>
    public SignedTransaction WithSignature(Signature signature) =>
        new(this, signature, PublicKey.RecoverAddress(GetSigningHash(), signature), EncodeSigned(signature));

    internal byte[] EncodeSigned(Signature signature)
    {
        BigInteger v = EncodeV(signature.YParity);
        ReadOnlySpan<byte> r = TrimLeadingZeros(signature.RBytes);
        ReadOnlySpan<byte> s = TrimLeadingZeros(signature.SBytes);
        int content = FieldsLength + RlpWriter.LengthOf(v) + RlpWriter.LengthOfString(r) + RlpWriter.LengthOfString(s);
        byte[] raw = new byte[TypePrefixLength + RlpWriter.LengthOfList(content)];
        var writer = StartEncoding(raw, content);
        WriteFields(ref writer);
        writer.WriteBigInteger(v);
        writer.WriteString(r);
        writer.WriteString(s);
        return raw;
    }

    private protected static int LengthOfTo(Address? to) => to is { } address ? RlpWriter.LengthOf(address) : 1;

    private protected static void WriteTo(ref RlpWriter writer, Address? to)
    {
        if (to is { } address)
        {
            writer.WriteAddress(address);
        }
        else
        {
            writer.WriteString([]);
        }
    }

    private RlpWriter StartEncoding(Span<byte> destination, int contentLength)
    {
        if (Type != TransactionType.Legacy)
        {
            destination[0] = (byte)Type;
            destination = destination[1..];
        }
        var writer = new RlpWriter(destination);
        writer.WriteListHeader(contentLength);
        return writer;
    }

    private static ReadOnlySpan<byte> TrimLeadingZeros(ReadOnlySpan<byte> value)
    {
        int first = value.IndexOfAnyExcept((byte)0);
        return first < 0 ? [] : value[first..];
    }
}
