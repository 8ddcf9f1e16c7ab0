using System.Numerics;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Sending;
using DaoPlatform.Ethereum.Signing;
using Microsoft.Extensions.Logging;

namespace DaoPlatform.Ethereum.IntegrationTests.Sending;

/// <summary>
/// The transaction manager on the devnet with blocks mined by the test (automine off): a base-fee spike leaves a
/// submitted transaction underpriced, and the manager must replace it under the same nonce until it is mined.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "TearDown disposes the session of each test.")]
public sealed class TransactionManagerTests
{
    private static readonly TimeSpan s_blockTime = TimeSpan.FromMilliseconds(250);

    private DevnetSession _session = null!;
    private EthRpcClient _eth = null!;
    private readonly RecordingLogger _log = new();
    private BigInteger _baseFeeBefore;

    [SetUp]
    public async Task Open()
    {
        _session = new DevnetSession(Devnet.Account1Key);
        _eth = _session.Eth;
        _log.Clear();
        _baseFeeBefore = (await _eth.GetBlockByNumberAsync(BlockTag.Latest))!.BaseFeePerGas!.Value;
    }

    [TearDown]
    public async Task Close()
    {
        // Leave the chain as the other tests expect it: normal fees, automine on, the pool emptied into a block.
        await AnvilCheats.SetAutomineAsync(_eth, true);
        await SetNextBaseFeeAsync(_baseFeeBefore);
        await AnvilCheats.MineAsync(_eth);
        _session.Dispose();
    }

    [Test]
    public async Task A_transaction_sent_at_a_fine_fee_is_mined_once_without_replacement()
    {
        TransactionManager manager = Manager(new TransactionManagerOptions { ResubmissionTimeout = TimeSpan.FromSeconds(30) });
        Address recipient = EthereumKey.Generate().Address;

        TransactionReceipt receipt = await manager.SendAsync(new TransactionRequest { To = recipient, Value = 5 }, new RevertDecoder(), CancellationToken.None);

        Assert.That(receipt.Succeeded, Is.True);
        Assert.That(await _eth.GetBalanceAsync(recipient), Is.EqualTo(new BigInteger(5)));
        Assert.That(_log.Count("Submitted"), Is.EqualTo(1));
        Assert.That(_log.Count("Resubmitted"), Is.Zero);
    }

    [Test]
    public async Task An_underpriced_transaction_stuck_behind_a_base_fee_spike_is_replaced_under_its_nonce_and_mined()
    {
        TransactionManager manager = Manager(new TransactionManagerOptions { ResubmissionTimeout = TimeSpan.FromSeconds(1), ReceiptPollInterval = TimeSpan.FromMilliseconds(100) });
        Address recipient = EthereumKey.Generate().Address;
        ulong nonce = await _eth.GetTransactionCountAsync(manager.Address, BlockTag.Latest);
        await AnvilCheats.SetAutomineAsync(_eth, false);

        Task<TransactionReceipt> sending = manager.SendAsync(new TransactionRequest { To = recipient, Value = 7 }, new RevertDecoder(), CancellationToken.None);
        BigInteger offered = await WaitUntilPooledAsync(manager.Address, nonce);
        // A spike well above what the first submission offers: no block can include it until it is replaced.
        BigInteger spike = 20 * offered;
        await SetNextBaseFeeAsync(spike);
        using var miner = new CancellationTokenSource();
        Task mining = MineAsync(baseFee: null, rising: false, miner.Token);
        TransactionReceipt receipt;
        try
        {
            receipt = await sending.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            await miner.CancelAsync();
            await mining;
        }

        Assert.That(receipt.Succeeded, Is.True);
        Assert.That(await _eth.GetBalanceAsync(recipient), Is.EqualTo(new BigInteger(7)), "paid once");
        Assert.That(await _eth.GetTransactionCountAsync(manager.Address, BlockTag.Latest), Is.EqualTo(nonce + 1), "the replacement used the same nonce");
        Assert.That(_log.Count("Resubmitted"), Is.GreaterThanOrEqualTo(1));
        Assert.That(receipt.TransactionHash, Is.Not.EqualTo(_log.First("Submitted")["Transaction"]), "the replacement was mined, not the first submission");
        Assert.That(receipt.EffectiveGasPrice!.Value, Is.GreaterThan(offered));
    }

    [Test]
    public async Task A_bump_past_the_fee_cap_stops_with_a_clear_error_and_the_next_nonce_follows_the_node()
    {
        FeeSuggestion suggestion = await _session.Sender.SuggestFeesAsync();
        BigInteger cap = suggestion.MaxFeePerGas * 105 / 100;
        TransactionManager manager = Manager(new TransactionManagerOptions
        {
            ResubmissionTimeout = TimeSpan.FromSeconds(1),
            ReceiptPollInterval = TimeSpan.FromMilliseconds(100),
            MaxFeePerGasCap = cap,
        });
        ulong nonce = await _eth.GetTransactionCountAsync(manager.Address, BlockTag.Latest);
        await AnvilCheats.SetAutomineAsync(_eth, false);

        Task<TransactionReceipt> sending = manager.SendAsync(new TransactionRequest { To = Devnet.Account0, Value = 1 }, new RevertDecoder(), CancellationToken.None);
        BigInteger offered = await WaitUntilPooledAsync(manager.Address, nonce);
        await SetNextBaseFeeAsync(20 * offered);
        using var miner = new CancellationTokenSource();
        Task mining = MineAsync(baseFee: 20 * offered, rising: false, miner.Token);
        FeeCapExceededException? error;
        try
        {
            error = await Assert.ThrowsAsync<FeeCapExceededException>(() => sending.WaitAsync(TimeSpan.FromSeconds(60)));
        }
        finally
        {
            await miner.CancelAsync();
            await mining;
        }

        Assert.That(offered, Is.LessThanOrEqualTo(cap));
        Assert.That(error!.Cap, Is.EqualTo(cap));
        Assert.That(error.NeededMaxFeePerGas, Is.GreaterThan(cap));
        Assert.That(error.Nonce, Is.EqualTo(nonce));
        Assert.That(error.TransactionHashes, Has.Count.EqualTo(1));
        Assert.That(error.Message, Does.Contain("cap").And.Contain("may still be in the pool"));
        // anvil drops a transaction its next block's base fee excludes (geth keeps it pooled): either way the next
        // nonce is the node's pending count, which counts a pooled transaction and leaves no gap for a dropped one.
        ulong pending = await _eth.GetTransactionCountAsync(manager.Address, BlockTag.Pending);
        Assert.That(await _session.Nonces.ReserveAsync(manager.Address), Is.EqualTo(pending));
    }

    [Test]
    public async Task A_deadline_bound_call_lands_in_time_while_the_base_fee_keeps_rising()
    {
        // An auditor's challenge must land before its window closes, here 40 blocks, while every block is full
        // enough to raise the base fee by the most EIP-1559 allows (12.5 %).
        TransactionManager manager = Manager(new TransactionManagerOptions { ResubmissionTimeout = TimeSpan.FromSeconds(1), ReceiptPollInterval = TimeSpan.FromMilliseconds(100) });
        ulong nonce = await _eth.GetTransactionCountAsync(manager.Address, BlockTag.Latest);
        ulong deadlineBlock = await _eth.BlockNumberAsync() + 40;
        await AnvilCheats.SetAutomineAsync(_eth, false);

        Task<TransactionReceipt> challenge = manager.SendAsync(new TransactionRequest { To = Devnet.Account0, Value = 3 }, new RevertDecoder(), CancellationToken.None);
        BigInteger offered = await WaitUntilPooledAsync(manager.Address, nonce);
        using var miner = new CancellationTokenSource();
        Task mining = MineAsync(baseFee: 2 * offered, rising: true, miner.Token);
        TransactionReceipt receipt;
        try
        {
            receipt = await challenge.WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            await miner.CancelAsync();
            await mining;
        }

        Assert.That(receipt.Succeeded, Is.True);
        Assert.That(receipt.BlockNumber, Is.LessThanOrEqualTo(deadlineBlock), "landed inside the window");
        Assert.That(_log.Count("Resubmitted"), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task A_transaction_waits_for_the_configured_confirmations()
    {
        TransactionManager manager = Manager(new TransactionManagerOptions { Confirmations = 3, ReceiptPollInterval = TimeSpan.FromMilliseconds(100) });
        await AnvilCheats.SetAutomineAsync(_eth, false);
        using var miner = new CancellationTokenSource();
        Task mining = MineAsync(baseFee: null, rising: false, miner.Token);
        TransactionReceipt receipt;
        ulong head;
        try
        {
            receipt = await manager.SendAsync(new TransactionRequest { To = Devnet.Account0, Value = 1 }, new RevertDecoder(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
            head = await _eth.BlockNumberAsync();
        }
        finally
        {
            await miner.CancelAsync();
            await mining;
        }

        Assert.That(head, Is.GreaterThanOrEqualTo(receipt.BlockNumber + 2));
    }

    [Test]
    public async Task A_call_that_would_revert_is_not_sent_and_the_revert_is_decoded()
    {
        TransactionReceipt deployment = await _session.Sender.SendAndWaitAsync(new TransactionRequest { Data = Artifacts.Bytecode(Artifacts.ErrorProbePath) });
        ContractAbi abi = ContractAbi.Parse(Artifacts.AbiJson(Artifacts.ErrorProbePath));
        byte[] data = abi.GetFunction("setValue").EncodeCall(new BigInteger(5000), new byte[32]);
        TransactionManager manager = Manager(new TransactionManagerOptions());
        ulong nonce = await _eth.GetTransactionCountAsync(manager.Address, BlockTag.Pending);

        var error = await Assert.ThrowsAsync<SimulationRevertedException>(() =>
            manager.SendAsync(new TransactionRequest { To = deployment.ContractAddress, Data = data }, abi.CreateRevertDecoder(), CancellationToken.None));

        Assert.That(error!.Revert.Error!.Name, Is.EqualTo("ValueTooLarge"));
        Assert.That(error.Revert.Arguments![0], Is.EqualTo(new BigInteger(5000)));
        Assert.That(await _eth.GetTransactionCountAsync(manager.Address, BlockTag.Pending), Is.EqualTo(nonce), "nothing sent");
        Assert.That(_log.Count("Submitted"), Is.Zero);
    }

    [Test]
    public void Options_below_the_nodes_replacement_rule_are_refused()
    {
        var options = new TransactionManagerOptions { FeeBumpPercent = 5 };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Manager(options));

        Assert.That(error!.ParamName, Is.EqualTo("FeeBumpPercent"));
    }

    private TransactionManager Manager(TransactionManagerOptions options) =>
        new(_eth, _session.Key, chainId: 10, _session.Nonces, options, _log);

    /// <summary>Waits until the pool holds the account's transaction with <paramref name="nonce"/>; returns its fee cap.</summary>
    private async Task<BigInteger> WaitUntilPooledAsync(Address account, ulong nonce)
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            if (_log.Count("Submitted") > 0 && await _eth.GetTransactionCountAsync(account, BlockTag.Pending) > nonce)
            {
                return (BigInteger)_log.First("Submitted")["MaxFeePerGas"]!;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"The manager did not submit nonce {nonce} of {account}.");
    }

    /// <summary>
    /// Mines a block every <see cref="s_blockTime"/> until cancelled; with <paramref name="baseFee"/>, each block's base
    /// fee is set: held there, or starting there and rising by 12.5 % a block (full blocks) when <paramref name="rising"/>.
    /// </summary>
    private async Task MineAsync(BigInteger? baseFee, bool rising, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (baseFee is BigInteger fee)
            {
                await SetNextBaseFeeAsync(fee);
                baseFee = rising ? fee * 9 / 8 : fee;
            }
            await AnvilCheats.MineAsync(_eth);
            try
            {
                await Task.Delay(s_blockTime, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private Task SetNextBaseFeeAsync(BigInteger fee) =>
        _eth.Rpc.SendAsync(new RpcCall<bool>("anvil_setNextBlockBaseFeePerGas", new JsonArray("0x" + (fee.IsZero ? "0" : fee.ToString("x", System.Globalization.CultureInfo.InvariantCulture).TrimStart('0'))), (_, _) => true));

    /// <summary>Keeps the manager's log events with their structured values.</summary>
    private sealed class RecordingLogger : ILogger
    {
        private readonly List<(string Name, Dictionary<string, object?> Values)> _events = [];

        public void Clear()
        {
            lock (_events)
            {
                _events.Clear();
            }
        }

        public int Count(string name)
        {
            lock (_events)
            {
                return _events.Count(e => e.Name == name);
            }
        }

        public Dictionary<string, object?> First(string name)
        {
            lock (_events)
            {
                return _events.First(e => e.Name == name).Values;
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.ToDictionary(p => p.Key, p => p.Value) : [];
            lock (_events)
            {
                _events.Add((eventId.Name ?? "", values));
            }
        }
    }
}
