using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Ethereum.Transactions;

namespace DaoPlatform.Ethereum.Sending;

/// <summary>
/// Signs and sends EIP-1559 transactions from one key: nonces from a <see cref="NonceTracker"/>
/// (refetched after "nonce too low" or "replacement transaction underpriced"), fees from <c>eth_feeHistory</c> (percentile tip + 2 × next base
/// fee), gas from <c>eth_estimateGas</c> plus a margin; waits for receipts with a timeout and turns a
/// failed receipt into a <see cref="TransactionRevertedException"/> carrying the decoded reason.
/// </summary>
public sealed class TransactionSender
{
    private const int MaxNonceAttempts = 3;

    private readonly EthRpcClient _eth;
    private readonly EthereumKey _key;
    private readonly NonceTracker _nonces;
    private readonly TransactionSenderOptions _options;
    private readonly RevertDecoder _revertDecoder;

    /// <summary>Creates a sender for <paramref name="key"/> on the chain <paramref name="chainId"/>.</summary>
    /// <param name="eth">The node.</param>
    /// <param name="key">The signing key; its address is the sender.</param>
    /// <param name="chainId">The chain id signed into every transaction.</param>
    /// <param name="nonces">The nonce tracker, shared by every sender of the same account in this process.</param>
    /// <param name="options">Gas margin, fee and receipt settings; defaults when null.</param>
    public TransactionSender(EthRpcClient eth, EthereumKey key, ulong chainId, NonceTracker nonces, TransactionSenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(eth);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(nonces);
        _eth = eth;
        _key = key;
        ChainId = chainId;
        _nonces = nonces;
        _options = options ?? new TransactionSenderOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(_options.GasMarginPercent);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.FeeHistoryBlocks);
        _revertDecoder = _options.RevertDecoder ?? new RevertDecoder();
    }

    /// <summary>Creates a sender for <paramref name="key"/> on the chain the node reports (<c>eth_chainId</c>).</summary>
    public static async Task<TransactionSender> CreateAsync(
        EthRpcClient eth, EthereumKey key, NonceTracker nonces, TransactionSenderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eth);
        ulong chainId = await eth.ChainIdAsync(cancellationToken).ConfigureAwait(false);
        return new TransactionSender(eth, key, chainId, nonces, options);
    }

    /// <summary>The sending account.</summary>
    public Address Address => _key.Address;

    /// <summary>The chain id signed into every transaction.</summary>
    public ulong ChainId { get; }

    /// <summary>
    /// Suggests EIP-1559 fees: the configured percentile of the priority fees paid in recent blocks
    /// (the median over those blocks; <c>eth_maxPriorityFeePerGas</c> when they paid none), and a fee
    /// cap of twice the next block's base fee plus that tip, which survives six full blocks of base-fee rises.
    /// </summary>
    public async Task<FeeSuggestion> SuggestFeesAsync(CancellationToken cancellationToken = default)
    {
        FeeHistory history = await _eth.FeeHistoryAsync(_options.FeeHistoryBlocks, BlockTag.Latest, [_options.TipPercentile], cancellationToken).ConfigureAwait(false);
        List<BigInteger> tips = [.. history.Reward.Select(r => r[0]).Where(t => t > 0).Order()];
        BigInteger tip = tips.Count > 0
            ? tips[tips.Count / 2]
            : await _eth.MaxPriorityFeePerGasAsync(cancellationToken).ConfigureAwait(false);
        return new FeeSuggestion(tip, 2 * history.NextBaseFee + tip);
    }

    /// <summary>The node's gas estimate for <paramref name="request"/> from this account, plus the configured margin.</summary>
    /// <exception cref="ExecutionRevertedException">The transaction would revert; the exception holds the decoded reason.</exception>
    public async Task<ulong> EstimateGasAsync(TransactionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ulong estimate = await _eth.EstimateGasAsync(ToCall(request), BlockTag.Pending, cancellationToken).ConfigureAwait(false);
        return checked(estimate + estimate * (ulong)_options.GasMarginPercent / 100);
    }

    /// <summary>
    /// Fills in gas and fees, takes the next nonce, signs and submits <paramref name="request"/>. When the
    /// node answers "nonce too low" or "replacement transaction underpriced" in any node's wording (another
    /// process used the nonce) the nonce is refetched and the transaction re-signed, up to three times; "already
    /// known" (the node holds this very transaction) counts as sent. Any other rejection releases the nonce.
    /// </summary>
    /// <returns>The transaction as submitted.</returns>
    /// <exception cref="ExecutionRevertedException">Gas estimation found that the transaction would revert.</exception>
    /// <exception cref="InsufficientFundsException">The balance does not cover gas and value.</exception>
    /// <exception cref="IntrinsicGasTooLowException">The given gas limit is below the transaction's intrinsic gas.</exception>
    /// <exception cref="RpcErrorException">The node rejected the transaction otherwise, or the nonce three times.</exception>
    public async Task<SignedTransaction> SendAsync(TransactionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ulong gasLimit = request.GasLimit ?? await EstimateGasAsync(request, cancellationToken).ConfigureAwait(false);
        (BigInteger tip, BigInteger maxFee) = await FeesFor(request, cancellationToken).ConfigureAwait(false);
        for (int attempt = 1; ; attempt++)
        {
            ulong nonce = await _nonces.ReserveAsync(Address, cancellationToken).ConfigureAwait(false);
            SignedTransaction signed = new DynamicFeeTransaction
            {
                ChainId = ChainId,
                Nonce = nonce,
                MaxPriorityFeePerGas = tip,
                MaxFeePerGas = maxFee,
                GasLimit = gasLimit,
                To = request.To,
                Value = request.Value,
                Data = request.Data,
            }.Sign(_key);
            try
            {
                if (attempt == 1 && _options.BeforeSubmit is { } beforeSubmit)
                {
                    await beforeSubmit(signed, cancellationToken).ConfigureAwait(false);
                }
                await _eth.SendRawTransactionAsync(signed.Raw, cancellationToken).ConfigureAwait(false);
                return signed;
            }
            catch (RpcErrorException e) when (e is NonceTooLowException or ReplacementUnderpricedException && attempt < MaxNonceAttempts)
            {
                // Another process used the nonce, in a block or still pending: the node's pending count skips it.
                await _nonces.ForgetAsync(Address, CancellationToken.None).ConfigureAwait(false);
            }
            catch (AlreadyKnownException)
            {
                // This very transaction reached the node before (a resend after a lost answer): it is sent.
                return signed;
            }
            catch
            {
                // The nonce may or may not have reached the node: let the node say what comes next.
                await _nonces.ForgetAsync(Address, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>Sends <paramref name="request"/> and waits for its receipt.</summary>
    /// <exception cref="TransactionRevertedException">The transaction was mined and failed.</exception>
    /// <exception cref="TimeoutException">No receipt within <see cref="TransactionSenderOptions.ReceiptTimeout"/>.</exception>
    public async Task<TransactionReceipt> SendAndWaitAsync(TransactionRequest request, CancellationToken cancellationToken = default)
    {
        SignedTransaction sent = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        TransactionReceipt receipt = await WaitForReceiptAsync(sent.HashHex, cancellationToken).ConfigureAwait(false);
        if (!receipt.Succeeded)
        {
            throw new TransactionRevertedException(receipt, await ReplayAsync(sent.Transaction, receipt, cancellationToken).ConfigureAwait(false));
        }
        return receipt;
    }

    /// <summary>Polls for the receipt of <paramref name="transactionHash"/> until it is mined or the configured timeout passes.</summary>
    /// <exception cref="TimeoutException">No receipt in time; the message names the transaction.</exception>
    public async Task<TransactionReceipt> WaitForReceiptAsync(string transactionHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactionHash);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ReceiptTimeout);
        try
        {
            while (true)
            {
                TransactionReceipt? receipt = await _eth.GetTransactionReceiptAsync(transactionHash, timeout.Token).ConfigureAwait(false);
                if (receipt is not null)
                {
                    return receipt;
                }
                await Task.Delay(_options.ReceiptPollInterval, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Transaction {transactionHash} was not mined within {_options.ReceiptTimeout.TotalSeconds:0.#} s.");
        }
    }

    private async Task<(BigInteger Tip, BigInteger MaxFee)> FeesFor(TransactionRequest request, CancellationToken cancellationToken)
    {
        if (request.MaxFeePerGas is BigInteger cap && request.MaxPriorityFeePerGas is BigInteger given)
        {
            return (given, cap);
        }
        FeeSuggestion suggestion = await SuggestFeesAsync(cancellationToken).ConfigureAwait(false);
        BigInteger tip = request.MaxPriorityFeePerGas ?? suggestion.MaxPriorityFeePerGas;
        BigInteger maxFee = request.MaxFeePerGas ?? suggestion.MaxFeePerGas - suggestion.MaxPriorityFeePerGas + tip;
        return tip <= maxFee
            ? (tip, maxFee)
            : throw new ArgumentException($"The priority fee {tip} exceeds the fee cap {maxFee}.", nameof(request));
    }

    /// <summary>
    /// Replays a failed transaction as <c>eth_call</c> at its block to learn the revert reason. A reverted
    /// transaction changed nothing but the sender's nonce and balance, so that state is the one it met,
    /// plus whatever later transactions of the same block did (none on an automining devnet).
    /// </summary>
    private async Task<DecodedRevert?> ReplayAsync(Transaction transaction, TransactionReceipt receipt, CancellationToken cancellationToken)
    {
        var call = new CallRequest
        {
            From = Address,
            To = transaction.To,
            Data = transaction.Data.ToArray(),
            Value = transaction.Value,
            Gas = transaction.GasLimit,
        };
        try
        {
            await _eth.CallAsync(call, BlockTag.Number(receipt.BlockNumber), cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (ExecutionRevertedException e)
        {
            return e.DecodeWith(_revertDecoder);
        }
    }

    private CallRequest ToCall(TransactionRequest request) => new()
    {
        From = Address,
        To = request.To,
        Data = request.Data.ToArray(),
        Value = request.Value,
    };
}
