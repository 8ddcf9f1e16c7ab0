using System.Numerics;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.OpStack;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Sending;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Ethereum.Transactions;

namespace DaoPlatform.Ethereum.IntegrationTests.Sending;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "TearDown disposes the session of each test.")]
public sealed class TransactionSenderTests
{
    private DevnetSession _session = null!;

    [SetUp]
    public void Open() => _session = new DevnetSession(Devnet.Account1Key);

    [TearDown]
    public void Close() => _session.Dispose();

    [Test]
    public async Task SignedTransferIsMinedAndChargesExecutionPlusL1DataFee()
    {
        EthRpcClient eth = _session.Eth;
        Address recipient = EthereumKey.Generate().Address;
        BigInteger senderBefore = await eth.GetBalanceAsync(_session.Sender.Address);
        BigInteger value = 123_456_789;

        SignedTransaction sent = await _session.Sender.SendAsync(new TransactionRequest { To = recipient, Value = value });
        TransactionReceipt receipt = await _session.Sender.WaitForReceiptAsync(sent.HashHex);

        Assert.That(receipt.Succeeded, Is.True);
        Assert.That(receipt.TransactionHash, Is.EqualTo(sent.HashHex));
        Assert.That(receipt.From, Is.EqualTo(_session.Sender.Address));
        Assert.That(receipt.GasUsed, Is.EqualTo(21_000UL));
        Assert.That(await eth.GetBalanceAsync(recipient), Is.EqualTo(value));
        // The OP-mode node charges the L1 data fee of the signed transaction by the Fjord formula
        // (FastLZ of the signed bytes, no padding) on top of execution.
        L1FeeParameters parameters = await new GasPriceOracle(eth).GetParametersAsync();
        BigInteger l1Fee = L1FeeCalculator.FjordFromFastLzSize(FastLz.CompressedLength(sent.Raw.Span), parameters);
        BigInteger spent = senderBefore - await eth.GetBalanceAsync(_session.Sender.Address);
        Assert.That(spent, Is.EqualTo(value + receipt.ExecutionFee!.Value + l1Fee));
    }

    [Test]
    public async Task CreateAsyncSignsForTheNodesChain()
    {
        TransactionSender sender = await TransactionSender.CreateAsync(_session.Eth, _session.Key, _session.Nonces);
        Assert.That(sender.ChainId, Is.EqualTo(10UL));
        Assert.That(sender.Address, Is.EqualTo(Devnet.Account1));
    }

    [Test]
    public async Task SuggestedFeesCoverTwiceTheNextBaseFee()
    {
        FeeSuggestion fees = await _session.Sender.SuggestFeesAsync();
        BlockHeader latest = (await _session.Eth.GetBlockByNumberAsync(BlockTag.Latest))!;
        Assert.That(fees.MaxPriorityFeePerGas, Is.GreaterThan(BigInteger.Zero));
        // The next base fee is within 12.5% of the latest one.
        Assert.That(fees.MaxFeePerGas, Is.GreaterThanOrEqualTo(2 * latest.BaseFeePerGas!.Value * 7 / 8 + fees.MaxPriorityFeePerGas));
    }

    [Test]
    public async Task GivenFeesAndGasAreSignedAsGiven()
    {
        BlockHeader latest = (await _session.Eth.GetBlockByNumberAsync(BlockTag.Latest))!;
        BigInteger cap = 3 * latest.BaseFeePerGas!.Value;
        var request = new TransactionRequest { To = Devnet.Account0, Value = 1, GasLimit = 30_000, MaxFeePerGas = cap, MaxPriorityFeePerGas = 7 };

        SignedTransaction sent = await _session.Sender.SendAsync(request);

        var transaction = (DynamicFeeTransaction)sent.Transaction;
        Assert.That(transaction.GasLimit, Is.EqualTo(30_000UL));
        Assert.That(transaction.MaxFeePerGas, Is.EqualTo(cap));
        Assert.That(transaction.MaxPriorityFeePerGas, Is.EqualTo(new BigInteger(7)));
        Assert.That(transaction.ChainId, Is.EqualTo(10UL));
        TransactionReceipt receipt = await _session.Sender.WaitForReceiptAsync(sent.HashHex);
        Assert.That(receipt.EffectiveGasPrice!.Value, Is.LessThanOrEqualTo(cap));
    }

    [Test]
    public async Task ATipAboveTheGivenFeeCapIsRefused()
    {
        FeeSuggestion suggestion = await _session.Sender.SuggestFeesAsync();
        var request = new TransactionRequest { To = Devnet.Account0, GasLimit = 21_000, MaxFeePerGas = suggestion.MaxPriorityFeePerGas - 1 };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _session.Sender.SendAsync(request));
        Assert.That(error!.Message, Does.Contain("exceeds the fee cap"));
    }

    [Test]
    public async Task GasEstimateCarriesTheMargin()
    {
        var request = new TransactionRequest { To = Devnet.Account0, Value = 1 };
        Assert.That(await _session.Sender.EstimateGasAsync(request), Is.EqualTo(21_000UL * 120 / 100));
    }

    [Test]
    public async Task RecoversFromNonceTooLowWhenAnotherProcessUsedTheNonce()
    {
        var transfer = new TransactionRequest { To = Devnet.Account0, Value = 1 };
        await _session.Sender.SendAndWaitAsync(transfer);
        // A second process (its own tracker, as after a restart) sends from the same account: it reads
        // the nonce from the node and uses the one our tracker would hand out next.
        using (var other = new DevnetSession(Devnet.Account1Key))
        {
            await other.Sender.SendAndWaitAsync(transfer);
        }
        ulong expectedNonce = await _session.Eth.GetTransactionCountAsync(_session.Sender.Address, BlockTag.Pending);

        SignedTransaction sent = await _session.Sender.SendAsync(transfer);

        Assert.That(sent.Transaction.Nonce, Is.EqualTo(expectedNonce));
        Assert.That((await _session.Sender.WaitForReceiptAsync(sent.HashHex)).Succeeded, Is.True);
    }

    [Test]
    public async Task RecoversFromReplacementUnderpricedWhenAnotherProcessHasTheNoncePending()
    {
        TransactionRequest theirs = await GivenTransferAsync(2), ours = theirs with { Value = 3 };
        await _session.Sender.SendAndWaitAsync(theirs);
        SignedTransaction sentByThem = null!, sentByUs = null!;
        await AnvilCheats.WithPendingPoolAsync(_session.Eth, async () =>
        {
            // Another process takes the nonce our tracker holds; its transaction waits in the pool, so the node
            // answers ours (same nonce, same fees, other value) "replacement transaction underpriced".
            using var other = new DevnetSession(Devnet.Account1Key);
            sentByThem = await other.Sender.SendAsync(theirs);

            sentByUs = await _session.Sender.SendAsync(ours);
        });

        Assert.That(sentByUs.Transaction.Nonce, Is.EqualTo(sentByThem.Transaction.Nonce + 1));
        Assert.That((await _session.Sender.WaitForReceiptAsync(sentByThem.HashHex)).Succeeded, Is.True);
        Assert.That((await _session.Sender.WaitForReceiptAsync(sentByUs.HashHex)).Succeeded, Is.True);
    }

    [Test]
    public async Task ATransactionTheNodeAlreadyHoldsCountsAsSent()
    {
        TransactionRequest request = await GivenTransferAsync(4);
        await _session.Sender.SendAndWaitAsync(request);
        SignedTransaction first = null!, again = null!;
        await AnvilCheats.WithPendingPoolAsync(_session.Eth, async () =>
        {
            // The same request from the same key with the nonce our tracker holds: byte for byte the transaction
            // the node already has (RFC 6979 signatures are deterministic), as after a resend.
            using var other = new DevnetSession(Devnet.Account1Key);
            first = await other.Sender.SendAsync(request);

            again = await _session.Sender.SendAsync(request);
        });

        Assert.That(again.HashHex, Is.EqualTo(first.HashHex));
        Assert.That((await _session.Sender.WaitForReceiptAsync(again.HashHex)).Succeeded, Is.True);
    }

    [Test]
    public async Task ResendingAPendingTransactionIsATypedAlreadyKnownError()
    {
        TransactionRequest request = await GivenTransferAsync(0);
        SignedTransaction signed = new DynamicFeeTransaction
        {
            ChainId = 10,
            Nonce = await _session.Eth.GetTransactionCountAsync(_session.Sender.Address, BlockTag.Pending),
            MaxPriorityFeePerGas = request.MaxPriorityFeePerGas!.Value,
            MaxFeePerGas = request.MaxFeePerGas!.Value,
            GasLimit = 21_000,
            To = Devnet.Account0,
        }.Sign(_session.Key);
        await AnvilCheats.WithPendingPoolAsync(_session.Eth, async () =>
        {
            await _session.Eth.SendRawTransactionAsync(signed.Raw);

            var error = await Assert.ThrowsAsync<AlreadyKnownException>(() => _session.Eth.SendRawTransactionAsync(signed.Raw));
            Assert.That(error!.Method, Is.EqualTo("eth_sendRawTransaction"));
        });
        Assert.That((await _session.Sender.WaitForReceiptAsync(signed.HashHex)).Succeeded, Is.True);
    }

    [Test]
    public async Task AGasLimitBelowTheIntrinsicGasIsATypedErrorAndReleasesTheNonce()
    {
        TransactionRequest request = await GivenTransferAsync(5);
        ulong next = await _session.Eth.GetTransactionCountAsync(_session.Sender.Address, BlockTag.Pending);

        var error = await Assert.ThrowsAsync<IntrinsicGasTooLowException>(() => _session.Sender.SendAsync(request with { GasLimit = 20_999 }));
        SignedTransaction sent = await _session.Sender.SendAsync(request);

        Assert.That(error!.NodeMessage, Does.Contain("intrinsic gas too low"));
        Assert.That(sent.Transaction.Nonce, Is.EqualTo(next));
    }

    [Test]
    public async Task AnEmptyAccountIsATypedInsufficientFundsError()
    {
        var key = EthereumKey.Generate();
        var pauper = new TransactionSender(_session.Eth, key, 10, _session.Nonces);

        var error = await Assert.ThrowsAsync<InsufficientFundsException>(() => pauper.SendAsync(new TransactionRequest { To = Devnet.Account0, Value = 1, GasLimit = 21_000 }));

        Assert.That(error!.NodeMessage, Does.Contain("nsufficient funds"));
    }

    [Test]
    public async Task AReusedNonceIsATypedNodeError()
    {
        await _session.Sender.SendAndWaitAsync(new TransactionRequest { To = Devnet.Account0, Value = 1 });
        ulong used = await _session.Eth.GetTransactionCountAsync(_session.Sender.Address) - 1;
        FeeSuggestion fees = await _session.Sender.SuggestFeesAsync();
        SignedTransaction stale = new DynamicFeeTransaction
        {
            ChainId = 10,
            Nonce = used,
            MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas,
            MaxFeePerGas = fees.MaxFeePerGas,
            GasLimit = 21_000,
            To = Devnet.Account0,
        }.Sign(_session.Key);

        var error = await Assert.ThrowsAsync<NonceTooLowException>(() => _session.Eth.SendRawTransactionAsync(stale.Raw));
        Assert.That(error!.Method, Is.EqualTo("eth_sendRawTransaction"));
        Assert.That(error.NodeMessage, Does.Contain("nonce too low"));
    }

    [Test]
    public async Task WaitingForAnUnknownTransactionTimesOutNamingIt()
    {
        using var session = new DevnetSession(Devnet.Account1Key, new TransactionSenderOptions
        {
            ReceiptTimeout = TimeSpan.FromMilliseconds(300),
            ReceiptPollInterval = TimeSpan.FromMilliseconds(50),
        });
        string hash = "0x" + new string('7', 64);
        var error = await Assert.ThrowsAsync<TimeoutException>(() => session.Sender.WaitForReceiptAsync(hash));
        Assert.That(error!.Message, Does.Contain(hash));
    }

    [Test]
    public async Task TransactionFeeEstimateIsExecutionPlusTheOraclesL1Fee()
    {
        var transaction = new DynamicFeeTransaction
        {
            ChainId = 10,
            Nonce = 5,
            MaxPriorityFeePerGas = 1_000_000,
            MaxFeePerGas = 3_000_000_000,
            GasLimit = 50_000,
            To = Devnet.Account0,
            Data = new byte[] { 1, 2, 3, 0, 0, 0, 4 },
        };
        var oracle = new GasPriceOracle(_session.Eth);
        L2FeeEstimate estimate = await oracle.EstimateAsync(transaction);
        BigInteger l1Fee = await oracle.GetL1FeeAsync(transaction.GetSigningPayload());
        Assert.That(estimate.ExecutionFee, Is.EqualTo(new BigInteger(50_000) * 3_000_000_000));
        Assert.That(estimate.L1DataFee, Is.EqualTo(l1Fee).And.GreaterThan(BigInteger.Zero));
        Assert.That(estimate.Total, Is.EqualTo(estimate.ExecutionFee + l1Fee));
    }

    // A transfer with gas and fees given, so that two processes sign the same request identically.
    private async Task<TransactionRequest> GivenTransferAsync(long value)
    {
        FeeSuggestion fees = await _session.Sender.SuggestFeesAsync();
        return new TransactionRequest
        {
            To = Devnet.Account0, Value = value, GasLimit = 21_000, MaxFeePerGas = 2 * fees.MaxFeePerGas, MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas,
        };
    }
}
