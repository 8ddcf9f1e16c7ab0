using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Sending;
using Microsoft.Extensions.Logging;

namespace DaoPlatform.Services.Sending;

/// <summary>
/// The one component of a role that sends transactions (op-service txmgr's job): every transaction is first
/// simulated against the pending state, so a call that would fail (or that a transaction still in the pool already
/// made) is never sent; nonces come from the chain through the shared <see cref="NonceTracker"/>; a transaction not
/// mined in time is taken as dropped, the nonce count is dropped with it, and the caller's job retries after
/// re-reading the chain.
/// </summary>
public sealed class ChainSender
{
    private readonly EthRpcClient _eth;
    private readonly TransactionSender _sender;
    private readonly NonceTracker _nonces;
    private readonly ILogger _logger;

    /// <summary>Sends from <paramref name="sender"/>'s account.</summary>
    public ChainSender(EthRpcClient eth, TransactionSender sender, NonceTracker nonces, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(sender);
        _eth = eth;
        _sender = sender;
        _nonces = nonces;
        _logger = logger;
    }

    /// <summary>The sending account.</summary>
    public Address Address => _sender.Address;

    /// <summary>Runs the call as <c>eth_call</c> on the pending block; returns null when it would succeed, else the decoded revert.</summary>
    public async Task<DecodedRevert?> SimulateAsync(Address to, byte[] data, BigInteger value, RevertDecoder decoder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        try
        {
            await _eth.CallAsync(new CallRequest { From = Address, To = to, Data = data, Value = value }, BlockTag.Pending, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (ExecutionRevertedException e)
        {
            return e.DecodeWith(decoder);
        }
    }

    /// <summary>
    /// Simulates, then sends and waits for the receipt. Returns null (and sends nothing) when the simulation reverts.
    /// </summary>
    /// <exception cref="TimeoutException">Not mined in time (dropped or stuck); nothing is assumed about it, the chain is re-read on retry.</exception>
    /// <exception cref="RpcProtocolException">The node answered with the receipt of another transaction.</exception>
    /// <exception cref="InvalidOperationException">The transaction was mined and reverted.</exception>
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
        Address to = request.To ?? throw new ArgumentException($"{action}: the request has no recipient", nameof(request));
        byte[] data = request.Data.ToArray();
        BigInteger value = request.Value;
        DecodedRevert? revert = await SimulateAsync(to, data, value, decoder, cancellationToken).ConfigureAwait(false);
        if (revert is not null)
        {
            _logger.LogInformation("Skipped {Action}: the simulation reverts with {Revert}", action, revert);
            return null;
        }
        var signed = await _sender.SendAsync(request, cancellationToken).ConfigureAwait(false);
        string hash = signed.HashHex;
        _logger.LogInformation("Sent {Action} as {Transaction} from {Account}, nonce {Nonce}", action, hash, Address, signed.Transaction.Nonce);
        TransactionReceipt receipt;
        try
        {
            receipt = await _sender.WaitForReceiptAsync(hash, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Dropped or stuck: the next nonce must come from the chain again, or every later transaction waits behind a gap.
            await _nonces.ForgetAsync(Address, CancellationToken.None).ConfigureAwait(false);
            throw new TimeoutException($"{action}: transaction {hash} was not mined in time (dropped from the pool or underpriced); the job retries from the chain's state");
        }
        if (!receipt.Succeeded)
        {
            throw new InvalidOperationException($"{action}: transaction {hash} reverted in block {receipt.BlockNumber} (the state changed after the simulation)");
        }
        _logger.LogInformation("Mined {Action}: {Transaction} in block {Block}, gas {Gas}", action, hash, receipt.BlockNumber, receipt.GasUsed);
        return receipt;
    }
}
