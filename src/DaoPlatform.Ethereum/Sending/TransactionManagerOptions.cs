using System.Numerics;
using DaoPlatform.Ethereum.Transactions;

namespace DaoPlatform.Ethereum.Sending;

/// <summary>How a <see cref="TransactionManager"/> prices, waits for and replaces transactions.</summary>
public sealed record TransactionManagerOptions
{
    /// <summary>The replacement rule of geth's pool (<c>txpool.pricebump</c>), and of anvil, reth and Nethermind: a transaction with a used nonce replaces the pooled one only when both fees are at least 10 % higher.</summary>
    public const int MinimumFeeBumpPercent = 10;

    /// <summary>How many blocks, the transaction's own included, must hold it before it counts as final (default 1: mined).</summary>
    public int Confirmations { get; init; } = 1;

    /// <summary>How long a submitted transaction may stay unmined before it is resubmitted with higher fees under the same nonce (default 48 s, op-service txmgr's ResubmissionTimeout).</summary>
    public TimeSpan ResubmissionTimeout { get; init; } = TimeSpan.FromSeconds(48);

    /// <summary>By how much a resubmission raises both <c>maxFeePerGas</c> and <c>maxPriorityFeePerGas</c>, in percent (default 15; at least <see cref="MinimumFeeBumpPercent"/>).</summary>
    public int FeeBumpPercent { get; init; } = 15;

    /// <summary>The most <c>maxFeePerGas</c> ever offered, in wei per gas (default 500 gwei). A bump past it stops the send with a <see cref="FeeCapExceededException"/>.</summary>
    public BigInteger MaxFeePerGasCap { get; init; } = 500_000_000_000;

    /// <summary>How often the node is asked for receipts and the head (default 250 ms).</summary>
    public TimeSpan ReceiptPollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Percent added to the node's gas estimate (default 20).</summary>
    public int GasMarginPercent { get; init; } = 20;

    /// <summary>How many recent blocks the tip suggestion looks at (default 10).</summary>
    public int FeeHistoryBlocks { get; init; } = 10;

    /// <summary>The percentile of priority fees paid in those blocks to offer (default 50).</summary>
    public double TipPercentile { get; init; } = 50;

    /// <summary>
    /// Called with a request's first signed submission before it leaves (a user's confirmation, a dry run); an exception
    /// thrown stops it unsent and the nonce is read from the node again. Replacements (fee bumps of the same call, capped
    /// by <see cref="MaxFeePerGasCap"/>) are not shown again. Null: submit at once.
    /// </summary>
    public Func<SignedTransaction, CancellationToken, Task>? BeforeSubmit { get; init; }

    /// <summary>Checks the settings; throws naming the first one out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Confirmations, nameof(Confirmations));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ResubmissionTimeout, TimeSpan.Zero, nameof(ResubmissionTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(FeeBumpPercent, MinimumFeeBumpPercent, nameof(FeeBumpPercent));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxFeePerGasCap, nameof(MaxFeePerGasCap));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReceiptPollInterval, TimeSpan.Zero, nameof(ReceiptPollInterval));
        ArgumentOutOfRangeException.ThrowIfNegative(GasMarginPercent, nameof(GasMarginPercent));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(FeeHistoryBlocks, nameof(FeeHistoryBlocks));
    }
}
