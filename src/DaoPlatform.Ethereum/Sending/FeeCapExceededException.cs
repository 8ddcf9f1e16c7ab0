using System.Numerics;

namespace DaoPlatform.Ethereum.Sending;

/// <summary>
/// A transaction stayed unmined and the next fee bump would pass <see cref="TransactionManagerOptions.MaxFeePerGasCap"/>.
/// The last submission may still be in the pool and be mined (a receipt may come for any of
/// <see cref="TransactionHashes"/>); the account's next nonce is read from the node's pending count again.
/// </summary>
public sealed class FeeCapExceededException : Exception
{
    /// <summary>Creates the exception for the transactions sent under <paramref name="nonce"/>.</summary>
    public FeeCapExceededException(ulong nonce, IReadOnlyList<string> transactionHashes, BigInteger offeredMaxFeePerGas, BigInteger neededMaxFeePerGas, BigInteger cap)
        : base($"Transaction {(transactionHashes is { Count: > 0 } ? transactionHashes[^1] : null)} (nonce {nonce}) is not mined at a fee cap of {offeredMaxFeePerGas} wei/gas; " +
               $"the next bump to {neededMaxFeePerGas} wei/gas would pass the configured cap of {cap} wei/gas. It may still be in the pool and be mined.")
    {
        ArgumentNullException.ThrowIfNull(transactionHashes);
        Nonce = nonce;
        TransactionHashes = transactionHashes;
        OfferedMaxFeePerGas = offeredMaxFeePerGas;
        NeededMaxFeePerGas = neededMaxFeePerGas;
        Cap = cap;
    }

    /// <summary>The nonce of every submission.</summary>
    public ulong Nonce { get; }

    /// <summary>The hashes of every submission, first to last.</summary>
    public IReadOnlyList<string> TransactionHashes { get; }

    /// <summary>The fee cap of the last submission, in wei per gas.</summary>
    public BigInteger OfferedMaxFeePerGas { get; }

    /// <summary>The fee cap the next bump needed, in wei per gas.</summary>
    public BigInteger NeededMaxFeePerGas { get; }

    /// <summary>The configured cap, in wei per gas.</summary>
    public BigInteger Cap { get; }
}
