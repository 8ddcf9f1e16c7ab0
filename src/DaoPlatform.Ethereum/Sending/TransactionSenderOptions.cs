using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Transactions;

namespace DaoPlatform.Ethereum.Sending;

/// <summary>How <see cref="TransactionSender"/> estimates, prices and waits.</summary>
public sealed record TransactionSenderOptions
{
    /// <summary>Percent added to the node's gas estimate (default 20).</summary>
    public int GasMarginPercent { get; init; } = 20;

    /// <summary>How many recent blocks the tip suggestion looks at (default 10).</summary>
    public int FeeHistoryBlocks { get; init; } = 10;

    /// <summary>The percentile of priority fees paid in those blocks to offer (default 50).</summary>
    public double TipPercentile { get; init; } = 50;

    /// <summary>How long to wait for a receipt before giving up (default 2 minutes).</summary>
    public TimeSpan ReceiptTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often to ask for the receipt (default 250 ms).</summary>
    public TimeSpan ReceiptPollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Decodes the revert reasons of failed transactions; built-in Error/Panic only when null.</summary>
    public RevertDecoder? RevertDecoder { get; init; }

    /// <summary>
    /// Called with each transaction once it is signed and before it is submitted (a user's confirmation, a dry run);
    /// an exception thrown stops it unsent and releases its nonce. Null: submit at once.
    /// </summary>
    public Func<SignedTransaction, CancellationToken, Task>? BeforeSubmit { get; init; }
}
