using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Sending;
using Microsoft.Extensions.Logging;

namespace DaoPlatform.Services.Sending;

/// <summary>
/// A role's sender: the account's <see cref="TransactionManager"/> (simulation on the pending block, fee bumping, the
/// same nonce until mined), with a bound on how long a job waits. A simulation that reverts is logged and skipped
/// (the chain moved, or a transaction still in the pool already did the work); a transaction not mined within the
/// bound stays in the pool under its nonce, and the job retries after re-reading the chain.
/// </summary>
public sealed class ChainSender
{
    private readonly TransactionManager _manager;
    private readonly TimeSpan _receiptTimeout;
    private readonly ILogger _logger;

    /// <summary>Sends through <paramref name="manager"/>, waiting at most <paramref name="receiptTimeout"/> per transaction.</summary>
    public ChainSender(TransactionManager manager, TimeSpan receiptTimeout, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(logger);
        _manager = manager;
        _receiptTimeout = receiptTimeout;
        _logger = logger;
    }

    /// <summary>The sending account.</summary>
    public Address Address => _manager.Address;

    /// <summary>Runs the call as <c>eth_call</c> on the pending block; returns null when it would succeed, else the decoded revert.</summary>
    public Task<DecodedRevert?> SimulateAsync(Address to, byte[] data, BigInteger value, RevertDecoder decoder, CancellationToken cancellationToken) =>
        _manager.SimulateAsync(new TransactionRequest { To = to, Data = data, Value = value }, decoder, cancellationToken);

    /// <summary>Simulates, then sends and waits for the receipt. Returns null (and sends nothing) when the simulation reverts.</summary>
    /// <exception cref="TimeoutException">Not mined in time; the transaction stays in the pool, the chain is re-read on retry.</exception>
    /// <exception cref="TransactionRevertedException">The transaction was mined and reverted.</exception>
    /// <exception cref="FeeCapExceededException">Not mined, and the next fee bump would pass the cap.</exception>
    public Task<TransactionReceipt?> SendAsync(string action, Address to, byte[] data, BigInteger value, RevertDecoder decoder, CancellationToken cancellationToken) =>
        SendAsync(action, new TransactionRequest { To = to, Data = data, Value = value }, decoder, cancellationToken);

    /// <summary>
    /// Simulates and sends <paramref name="move"/> (built by the protocol's move builders, as the CLI builds the same
    /// move), with its gas limit and revert decoder. Returns null (and sends nothing) when the simulation reverts.
    /// </summary>
    public Task<TransactionReceipt?> SendAsync(Move move, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(move);
        return SendAsync($"{move.Action} ({move.Summary})", move.ToRequest(), move.Reverts, cancellationToken);
    }

    /// <summary>
    /// As <see cref="SendAsync(string, Address, byte[], BigInteger, RevertDecoder, CancellationToken)"/> for a whole
    /// request: one with a <see cref="TransactionRequest.GasLimit"/> is sent with it instead of an estimate (which can
    /// fall short for large calldata, such as a game's trace or row).
    /// </summary>
    /// <exception cref="ArgumentException">The request has no recipient.</exception>
    public async Task<TransactionReceipt?> SendAsync(string action, TransactionRequest request, RevertDecoder decoder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        _ = request.To ?? throw new ArgumentException($"{action}: the request has no recipient", nameof(request));
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(_receiptTimeout);
        try
        {
            TransactionReceipt receipt = await _manager.SendAsync(request, decoder, bounded.Token).ConfigureAwait(false);
            _logger.LogInformation("Mined {Action}: {Transaction} in block {Block}, gas {Gas}", action, receipt.TransactionHash, receipt.BlockNumber, receipt.GasUsed);
            return receipt;
        }
        catch (SimulationRevertedException e)
        {
            _logger.LogInformation("Skipped {Action}: the simulation reverts with {Revert}", action, e.Revert);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{action}: not mined within {_receiptTimeout.TotalSeconds:0} s; the transaction stays in the pool under its nonce and the job retries from the chain's state");
        }
    }
}
