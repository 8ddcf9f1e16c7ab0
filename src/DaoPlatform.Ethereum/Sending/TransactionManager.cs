using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Ethereum.Transactions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DaoPlatform.Ethereum.Sending;

/// <summary>
/// The one sender of an account (what op-service's txmgr does, plus a simulation): every request is first run as
/// <c>eth_call</c> on the pending block, so a call that would revert is never paid for; then it is signed under the
/// next nonce and submitted, and the manager waits for the configured confirmations. A transaction not mined within
/// <see cref="TransactionManagerOptions.ResubmissionTimeout"/> is resubmitted under the same nonce with both fees
/// raised by <see cref="TransactionManagerOptions.FeeBumpPercent"/> (or to the node's current suggestion when that is
/// higher), up to <see cref="TransactionManagerOptions.MaxFeePerGasCap"/>. Every submission's hash is watched, since
/// the receipt may come for any of them.
/// </summary>
/// <remarks>
/// Node answers: "already known" means the node holds this very transaction (it counts as submitted); "nonce too low"
/// on a resubmission means one of the earlier submissions was mined, whose receipt is then awaited; "nonce too low" or
/// "replacement transaction underpriced" on the first submission means another process used the nonce, which is then
/// read from the node again. When the manager stops waiting (fee cap, cancellation) the account's next nonce is read
/// from the node's pending count again, so a nonce whose transaction is still in the pool is never handed out twice
/// and a dropped one leaves no gap.
/// </remarks>
public sealed partial class TransactionManager
{
    private const int MaxNonceAttempts = 3;

    private readonly EthRpcClient _eth;
    private readonly EthereumKey _key;
    private readonly NonceTracker _nonces;
    private readonly TransactionManagerOptions _options;
    private readonly TransactionSender _pricing;
    private readonly ILogger _logger;

    /// <summary>Creates the manager of <paramref name="key"/>'s account on the chain <paramref name="chainId"/>.</summary>
    /// <param name="eth">The node.</param>
    /// <param name="key">The signing key; its address is the sender.</param>
    /// <param name="chainId">The chain id signed into every transaction.</param>
    /// <param name="nonces">The nonce tracker, shared by everything in this process that sends from the same account.</param>
    /// <param name="options">Confirmations, resubmission, fee bump and cap, polling.</param>
    /// <param name="logger">Where each submission, replacement and receipt is logged; none when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (e.g. a fee bump under 10 %).</exception>
    public TransactionManager(EthRpcClient eth, EthereumKey key, ulong chainId, NonceTracker nonces, TransactionManagerOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(eth);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(nonces);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _eth = eth;
        _key = key;
        ChainId = chainId;
        _nonces = nonces;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _pricing = new TransactionSender(eth, key, chainId, nonces, new TransactionSenderOptions
        {
            GasMarginPercent = options.GasMarginPercent,
            FeeHistoryBlocks = options.FeeHistoryBlocks,
            TipPercentile = options.TipPercentile,
        });
    }

    /// <summary>The sending account.</summary>
    public Address Address => _key.Address;

    /// <summary>The chain id signed into every transaction.</summary>
    public ulong ChainId { get; }

    /// <summary>Runs <paramref name="request"/> from this account as <c>eth_call</c> on the pending block.</summary>
    /// <returns>Null when it would succeed; else why it reverts, decoded with <paramref name="decoder"/>.</returns>
    public async Task<DecodedRevert?> SimulateAsync(TransactionRequest request, RevertDecoder decoder, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(decoder);
        try
        {
            await _eth.CallAsync(ToCall(request), BlockTag.Pending, ct).ConfigureAwait(false);
            return null;
        }
        catch (ExecutionRevertedException e)
        {
            return e.DecodeWith(decoder);
        }
    }

    /// <summary>
    /// Simulates <paramref name="request"/> on the pending block, sends it, replaces it with higher fees while it is
    /// not mined, and returns its receipt once it has the configured confirmations.
    /// </summary>
    /// <returns>The receipt of whichever submission was mined (status 1).</returns>
    /// <exception cref="SimulationRevertedException">The simulation or the gas estimate reverts; nothing was sent.</exception>
    /// <exception cref="TransactionRevertedException">The transaction was mined and reverted; the reason is replayed and decoded.</exception>
    /// <exception cref="FeeCapExceededException">Not mined, and the next bump would pass the fee cap; the last submission stays in the pool.</exception>
    /// <exception cref="InsufficientFundsException">The balance does not cover gas and value.</exception>
    /// <exception cref="RpcErrorException">The node rejected the transaction otherwise.</exception>
    /// <exception cref="InvalidOperationException">Another process's transaction took the nonce of a submission already in the pool.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled; what was submitted may still be mined.</exception>
    /// <remarks>Whatever <see cref="TransactionManagerOptions.BeforeSubmit"/> throws stops the request unsent and is rethrown.</remarks>
    public async Task<TransactionReceipt> SendAsync(TransactionRequest request, RevertDecoder decoder, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(decoder);
        if (await SimulateAsync(request, decoder, ct).ConfigureAwait(false) is DecodedRevert revert)
        {
            throw new SimulationRevertedException(request, revert);
        }
        ulong gasLimit = request.GasLimit ?? await EstimateAsync(request, decoder, ct).ConfigureAwait(false);
        Fees fees = await InitialFeesAsync(request, ct).ConfigureAwait(false);

        (ulong nonce, SignedTransaction first) = await SubmitFirstAsync(request, gasLimit, fees, ct).ConfigureAwait(false);
        List<string> hashes = [first.HashHex];
        Log.Submitted(_logger, first.HashHex, Address, nonce, fees.MaxFee, fees.Tip);
        try
        {
            return await WaitOrReplaceAsync(request, decoder, gasLimit, nonce, fees, hashes, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FeeCapExceededException or OperationCanceledException)
        {
            // The submission may still be in the pool, or dropped (anvil drops what the next base fee excludes; geth
            // evicts under pressure). The node's pending count knows which: a pooled nonce is never handed out
            // again, a dropped one leaves no gap.
            await _nonces.ForgetAsync(Address, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<TransactionReceipt> WaitOrReplaceAsync(
        TransactionRequest request, RevertDecoder decoder, ulong gasLimit, ulong nonce, Fees fees, List<string> hashes, CancellationToken ct)
    {
        DateTime resubmitAt = DateTime.UtcNow + _options.ResubmissionTimeout;
        bool nonceTakenSeen = false;
        while (true)
        {
            TransactionReceipt? receipt = await FindReceiptAsync(hashes, ct).ConfigureAwait(false);
            if (receipt is not null)
            {
                ulong head = await _eth.BlockNumberAsync(ct).ConfigureAwait(false);
                if (head >= receipt.BlockNumber && head - receipt.BlockNumber + 1 >= (ulong)_options.Confirmations)
                {
                    return await FinishAsync(receipt, request, gasLimit, decoder, ct).ConfigureAwait(false);
                }
            }
            else if (DateTime.UtcNow >= resubmitAt)
            {
                if (nonceTakenSeen)
                {
                    // The node said the nonce is used, and in a whole timeout none of our submissions got a receipt.
                    await _nonces.ForgetAsync(Address, CancellationToken.None).ConfigureAwait(false);
                    throw new InvalidOperationException(
                        $"Nonce {nonce} of {Address} was used by a transaction this manager did not send (none of {string.Join(", ", hashes)} was mined).");
                }
                Fees bumped = await BumpAsync(fees, nonce, hashes, ct).ConfigureAwait(false);
                SignedTransaction replacement = Sign(request, nonce, gasLimit, bumped);
                try
                {
                    await _eth.SendRawTransactionAsync(replacement.Raw, ct).ConfigureAwait(false);
                    hashes.Add(replacement.HashHex);
                    Log.Resubmitted(_logger, replacement.HashHex, hashes[^2], nonce, bumped.MaxFee, bumped.Tip);
                }
                catch (AlreadyKnownException)
                {
                    hashes.Add(replacement.HashHex);
                }
                catch (NonceTooLowException)
                {
                    // One of our submissions was mined (its receipt may lag the node's nonce), or another process used the nonce.
                    nonceTakenSeen = true;
                    Log.NonceUsed(_logger, nonce, hashes.Count);
                }
                catch (ReplacementUnderpricedException)
                {
                    // The node wants more than our bump: the next bump starts from these fees.
                    Log.ReplacementRefused(_logger, replacement.HashHex, nonce, bumped.MaxFee);
                }
                fees = bumped;
                resubmitAt = DateTime.UtcNow + _options.ResubmissionTimeout;
            }
            await Task.Delay(_options.ReceiptPollInterval, ct).ConfigureAwait(false);
        }
    }

    private async Task<ulong> EstimateAsync(TransactionRequest request, RevertDecoder decoder, CancellationToken ct)
    {
        try
        {
            return await _pricing.EstimateGasAsync(request, ct).ConfigureAwait(false);
        }
        catch (ExecutionRevertedException e)
        {
            // The pending state moved between the simulation and the estimate.
            throw new SimulationRevertedException(request, e.DecodeWith(decoder));
        }
    }

    private async Task<Fees> InitialFeesAsync(TransactionRequest request, CancellationToken ct)
    {
        BigInteger tip, maxFee;
        if (request.MaxFeePerGas is BigInteger givenCap && request.MaxPriorityFeePerGas is BigInteger givenTip)
        {
            (tip, maxFee) = (givenTip, givenCap);
        }
        else
        {
            FeeSuggestion suggestion = await _pricing.SuggestFeesAsync(ct).ConfigureAwait(false);
            tip = request.MaxPriorityFeePerGas ?? suggestion.MaxPriorityFeePerGas;
            maxFee = request.MaxFeePerGas ?? suggestion.MaxFeePerGas - suggestion.MaxPriorityFeePerGas + tip;
        }
        if (tip > maxFee)
        {
            throw new ArgumentException($"The priority fee {tip} wei/gas exceeds the fee cap {maxFee} wei/gas.", nameof(request));
        }
        if (maxFee > _options.MaxFeePerGasCap)
        {
            // Offer no more than the cap: the transaction may still be mined when the base fee falls.
            maxFee = _options.MaxFeePerGasCap;
            tip = BigInteger.Min(tip, maxFee);
        }
        return new Fees(tip, maxFee);
    }

    /// <summary>Takes a nonce and submits; another process's use of the nonce sends the request again under the node's next one.</summary>
    private async Task<(ulong Nonce, SignedTransaction Signed)> SubmitFirstAsync(TransactionRequest request, ulong gasLimit, Fees fees, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            ulong nonce = await _nonces.ReserveAsync(Address, ct).ConfigureAwait(false);
            SignedTransaction signed = Sign(request, nonce, gasLimit, fees);
            try
            {
                if (attempt == 1 && _options.BeforeSubmit is { } beforeSubmit)
                {
                    await beforeSubmit(signed, ct).ConfigureAwait(false);
                }
                await _eth.SendRawTransactionAsync(signed.Raw, ct).ConfigureAwait(false);
                return (nonce, signed);
            }
            catch (AlreadyKnownException)
            {
                return (nonce, signed);
            }
            catch (RpcErrorException e) when (e is NonceTooLowException or ReplacementUnderpricedException && attempt < MaxNonceAttempts)
            {
                await _nonces.ForgetAsync(Address, CancellationToken.None).ConfigureAwait(false);
            }
            catch
            {
                // The nonce may or may not have reached the node: let the node say what comes next.
                await _nonces.ForgetAsync(Address, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>
    /// Both fees raised by the bump percentage (at least by 1 wei), or to the node's current suggestion when that is
    /// higher (a base-fee spike outruns any fixed bump).
    /// </summary>
    private async Task<Fees> BumpAsync(Fees fees, ulong nonce, List<string> hashes, CancellationToken ct)
    {
        FeeSuggestion suggestion = await _pricing.SuggestFeesAsync(ct).ConfigureAwait(false);
        BigInteger tip = BigInteger.Max(Raise(fees.Tip), suggestion.MaxPriorityFeePerGas);
        BigInteger maxFee = BigInteger.Max(Raise(fees.MaxFee), suggestion.MaxFeePerGas - suggestion.MaxPriorityFeePerGas + tip);
        if (maxFee > _options.MaxFeePerGasCap)
        {
            // A replacement needs both fees raised by the node's minimum, so the cap itself will do only when that far above.
            BigInteger minimum = fees.MaxFee * (100 + TransactionManagerOptions.MinimumFeeBumpPercent) / 100 + 1;
            BigInteger minimumTip = fees.Tip * (100 + TransactionManagerOptions.MinimumFeeBumpPercent) / 100 + 1;
            if (minimum > _options.MaxFeePerGasCap || minimumTip > _options.MaxFeePerGasCap)
            {
                throw new FeeCapExceededException(nonce, [.. hashes], fees.MaxFee, maxFee, _options.MaxFeePerGasCap);
            }
            maxFee = _options.MaxFeePerGasCap;
            tip = BigInteger.Min(tip, maxFee);
        }
        return new Fees(tip, maxFee);
    }

    private BigInteger Raise(BigInteger fee) => BigInteger.Max(fee + 1, (fee * (100 + _options.FeeBumpPercent) + 99) / 100);

    private async Task<TransactionReceipt?> FindReceiptAsync(List<string> hashes, CancellationToken ct)
    {
        // Newest first: after a replacement the latest submission is the likely one.
        for (int i = hashes.Count - 1; i >= 0; i--)
        {
            if (await _eth.GetTransactionReceiptAsync(hashes[i], ct).ConfigureAwait(false) is TransactionReceipt receipt)
            {
                return receipt;
            }
        }
        return null;
    }

    private async Task<TransactionReceipt> FinishAsync(TransactionReceipt receipt, TransactionRequest request, ulong gasLimit, RevertDecoder decoder, CancellationToken ct)
    {
        if (receipt.Succeeded)
        {
            Log.Mined(_logger, receipt.TransactionHash, receipt.BlockNumber, receipt.GasUsed);
            return receipt;
        }
        // A reverted transaction changed nothing but the sender's nonce and balance, so replaying it at its block meets
        // the state it met, plus whatever later transactions of that block did.
        DecodedRevert? revert = null;
        try
        {
            await _eth.CallAsync(ToCall(request) with { Gas = gasLimit }, BlockTag.Number(receipt.BlockNumber), ct).ConfigureAwait(false);
        }
        catch (ExecutionRevertedException e)
        {
            revert = e.DecodeWith(decoder);
        }
        Log.Reverted(_logger, receipt.TransactionHash, receipt.BlockNumber, revert?.Description ?? "unknown");
        throw new TransactionRevertedException(receipt, revert);
    }

    private SignedTransaction Sign(TransactionRequest request, ulong nonce, ulong gasLimit, Fees fees) => new DynamicFeeTransaction
    {
        ChainId = ChainId,
        Nonce = nonce,
        MaxPriorityFeePerGas = fees.Tip,
        MaxFeePerGas = fees.MaxFee,
        GasLimit = gasLimit,
        To = request.To,
        Value = request.Value,
        Data = request.Data,
    }.Sign(_key);

    private CallRequest ToCall(TransactionRequest request) => new()
    {
        From = Address,
        To = request.To,
        Data = request.Data.ToArray(),
        Value = request.Value,
    };

    private readonly record struct Fees(BigInteger Tip, BigInteger MaxFee);

    /// <summary>The manager's log events; their ids are stable for log queries and tests.</summary>
    internal static partial class Log
    {
        [LoggerMessage(EventId = 1, EventName = "Submitted", Level = LogLevel.Information,
            Message = "Submitted {Transaction} from {Account}, nonce {Nonce}, max fee {MaxFeePerGas} wei/gas, tip {MaxPriorityFeePerGas} wei/gas")]
        public static partial void Submitted(ILogger logger, string transaction, Address account, ulong nonce, BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas);

        [LoggerMessage(EventId = 2, EventName = "Resubmitted", Level = LogLevel.Warning,
            Message = "Resubmitted {Transaction} in place of {Replaced}, nonce {Nonce}, max fee {MaxFeePerGas} wei/gas, tip {MaxPriorityFeePerGas} wei/gas")]
        public static partial void Resubmitted(ILogger logger, string transaction, string replaced, ulong nonce, BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas);

        [LoggerMessage(EventId = 3, EventName = "ReplacementRefused", Level = LogLevel.Warning,
            Message = "The node refused {Transaction} as underpriced for nonce {Nonce} at max fee {MaxFeePerGas} wei/gas; the next bump starts there")]
        public static partial void ReplacementRefused(ILogger logger, string transaction, ulong nonce, BigInteger maxFeePerGas);

        [LoggerMessage(EventId = 4, EventName = "NonceUsed", Level = LogLevel.Information,
            Message = "Nonce {Nonce} is used on chain; waiting for the receipt of one of our {Submissions} submissions")]
        public static partial void NonceUsed(ILogger logger, ulong nonce, int submissions);

        [LoggerMessage(EventId = 5, EventName = "Mined", Level = LogLevel.Information,
            Message = "Mined {Transaction} in block {Block}, gas {Gas}")]
        public static partial void Mined(ILogger logger, string transaction, ulong block, ulong gas);

        [LoggerMessage(EventId = 6, EventName = "Reverted", Level = LogLevel.Warning,
            Message = "Mined {Transaction} in block {Block} and it reverted: {Revert}")]
        public static partial void Reverted(ILogger logger, string transaction, ulong block, string revert);
    }
}
