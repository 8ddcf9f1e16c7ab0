using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Ethereum.Transactions;

/// <summary>A transaction with its signature, its sender, its raw encoding and its hash.</summary>
public sealed class SignedTransaction : ITransactionEnvelope
{
    private readonly byte[] _raw;
    private readonly byte[] _hash;

    internal SignedTransaction(Transaction transaction, Signature signature, Address from, byte[] raw)
    {
        Transaction = transaction;
        Signature = signature;
        From = from;
        _raw = raw;
        _hash = Keccak256.Hash(raw);
    }

    /// <summary>The signed fields.</summary>
    public Transaction Transaction { get; }

    /// <summary>The sender's signature over <see cref="Transactions.Transaction.GetSigningHash"/>.</summary>
    public Signature Signature { get; }

    /// <inheritdoc/>
    public TransactionType Type => Transaction.Type;

    /// <inheritdoc/>
    public Address From { get; }

    /// <inheritdoc/>
    public ReadOnlyMemory<byte> Raw => _raw;

    /// <inheritdoc/>
    public ReadOnlyMemory<byte> Hash => _hash;

    /// <summary>The raw bytes as <c>0x</c>-prefixed hex, the form <c>eth_sendRawTransaction</c> takes.</summary>
    public string RawHex => HexConvert.Encode(_raw);

    /// <summary>The hash as <c>0x</c>-prefixed hex.</summary>
    public string HashHex => HexConvert.Encode(_hash);
}
