using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.Transactions;

/// <summary>What every decoded transaction has, signed or deposited: its type, sender, raw bytes and hash.</summary>
public interface ITransactionEnvelope
{
    /// <summary>The EIP-2718 type.</summary>
    TransactionType Type { get; }

    /// <summary>The sender: recovered from the signature, or the deposit's <c>from</c>.</summary>
    Address From { get; }

    /// <summary>The raw bytes as sent over the wire (<c>eth_sendRawTransaction</c>) and included in blocks.</summary>
    ReadOnlyMemory<byte> Raw { get; }

    /// <summary>The transaction hash: keccak256 of <see cref="Raw"/>.</summary>
    ReadOnlyMemory<byte> Hash { get; }
}
