using System.Numerics;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.IntegrationTests.JsonRpc;

public sealed class EthRpcClientTests
{
    private static readonly Address GasPriceOracle = Address.Parse("0x420000000000000000000000000000000000000f");
    private static readonly Address L1Block = Address.Parse("0x4200000000000000000000000000000000000015");

    private EthRpcClient _eth = null!;

    [SetUp]
    public void CreateClient() => _eth = Devnet.Client();

    [TearDown]
    public void DisposeClient() => _eth.Rpc.Dispose();

    [Test]
    public async Task ChainIdIsOpMainnets()
    {
        Assert.That(await _eth.ChainIdAsync(), Is.EqualTo(10UL));
    }

    [Test]
    public async Task DevAccountHoldsEtherAndPredeploysHoldCode()
    {
        Assert.That(await _eth.GetBalanceAsync(Devnet.Account0), Is.GreaterThan(BigInteger.Zero));
        Assert.That(await _eth.GetBalanceAsync(Address.Parse("0x00000000000000000000000000000000000000a1")), Is.EqualTo(BigInteger.Zero));
        Assert.That(await _eth.GetCodeAsync(GasPriceOracle), Is.Not.Empty);
        Assert.That(await _eth.GetCodeAsync(L1Block), Is.Not.Empty);
        Assert.That(await _eth.GetCodeAsync(Devnet.Account0), Is.Empty);
    }

    [Test]
    public async Task CallReadsTheOracleThroughItsProxy()
    {
        byte[] isFjord = await _eth.CallAsync(new CallRequest { To = GasPriceOracle, Data = Selector("isFjord()") });
        Assert.That(isFjord, Is.EqualTo(Word(1)));
        byte[] l1BaseFee = await _eth.CallAsync(new CallRequest { To = GasPriceOracle, Data = Selector("l1BaseFee()") });
        Assert.That(new BigInteger(l1BaseFee, isUnsigned: true, isBigEndian: true), Is.EqualTo(new BigInteger(10_000_000_000)));
    }

    [Test]
    public async Task BlocksAndFeesAreConsistent()
    {
        ulong number = await _eth.BlockNumberAsync();
        BlockHeader? latest = await _eth.GetBlockByNumberAsync(BlockTag.Latest);
        Assert.That(latest, Is.Not.Null);
        Assert.That(latest!.Number, Is.GreaterThanOrEqualTo(number));
        Assert.That(latest.BaseFeePerGas, Is.GreaterThan(BigInteger.Zero));
        BlockHeader? parent = await _eth.GetBlockByNumberAsync(BlockTag.Number(latest.Number - 1));
        Assert.That(parent!.Hash, Is.EqualTo(latest.ParentHash));
        Assert.That(await _eth.GetBlockByNumberAsync(BlockTag.Number(latest.Number + 1_000_000)), Is.Null);

        FeeHistory history = await _eth.FeeHistoryAsync(2, BlockTag.Latest, [25, 75]);
        Assert.That(history.BaseFeePerGas, Has.Count.EqualTo(3));
        Assert.That(history.GasUsedRatio, Has.Count.EqualTo(2));
        Assert.That(history.Reward, Has.All.Count.EqualTo(2));
        Assert.That(history.OldestBlock, Is.LessThanOrEqualTo(latest.Number));

        Assert.That(await _eth.GasPriceAsync(), Is.GreaterThan(BigInteger.Zero));
        Assert.That(await _eth.MaxPriorityFeePerGasAsync(), Is.GreaterThan(BigInteger.Zero));
    }

    [Test]
    public async Task EstimatesAPlainTransferAt21000Gas()
    {
        ulong gas = await _eth.EstimateGasAsync(new CallRequest { From = Devnet.Account0, To = Devnet.Account1, Value = 1 });
        Assert.That(gas, Is.EqualTo(21_000UL));
    }

    [Test]
    public async Task UnknownTransactionHasNoReceipt()
    {
        Assert.That(await _eth.GetTransactionReceiptAsync("0x" + new string('1', 64)), Is.Null);
    }

    [Test]
    public async Task UnknownMethodIsATypedNodeError()
    {
        var call = new RpcCall<string>("eth_noSuchMethod", [], (e, p) => e.GetRawText());
        var error = await Assert.ThrowsAsync<RpcErrorException>(() => _eth.Rpc.SendAsync(call));
        Assert.That(error!.Method, Is.EqualTo("eth_noSuchMethod"));
        Assert.That(error.Code, Is.EqualTo(-32601));
        Assert.That(error.Message, Does.Contain("eth_noSuchMethod"));
    }

    [Test]
    public async Task BatchAnswersEveryCallInOneRequestAndKeepsErrorsPerCall()
    {
        var batch = new RpcBatch();
        RpcBatchItem<ulong> chainId = batch.Add(EthCalls.ChainId());
        RpcBatchItem<BigInteger> balance = batch.Add(EthCalls.GetBalance(Devnet.Account0));
        RpcBatchItem<string> failing = batch.Add(new RpcCall<string>("eth_noSuchMethod", [], (e, p) => e.GetRawText()));
        RpcBatchItem<byte[]> code = batch.Add(EthCalls.GetCode(GasPriceOracle));

        await _eth.Rpc.SendBatchAsync(batch);

        Assert.That(chainId.Value, Is.EqualTo(10UL));
        Assert.That(balance.Value, Is.EqualTo(await _eth.GetBalanceAsync(Devnet.Account0)));
        Assert.That(code.Value, Is.EqualTo(await _eth.GetCodeAsync(GasPriceOracle)));
        Assert.That(failing.Error, Is.Not.Null);
        Assert.That(failing.Error!.Code, Is.EqualTo(-32601));
        Assert.Throws<RpcErrorException>(() => _ = failing.Value);
    }

    [Test]
    public async Task NodeDownIsATransportErrorNamingTheUrl()
    {
        var url = new Uri($"http://127.0.0.1:{Devnet.FreePort()}");
        using var rpc = new JsonRpcClient(url);
        var error = await Assert.ThrowsAsync<RpcTransportException>(() => new EthRpcClient(rpc).ChainIdAsync());
        Assert.That(error!.Url, Is.EqualTo(url));
        Assert.That(error.Message, Does.Contain(url.ToString()));
    }

    private static byte[] Selector(string signature)
    {
        return Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(signature))[..4];
    }

    private static byte[] Word(int value)
    {
        byte[] word = new byte[32];
        word[31] = (byte)value;
        return word;
    }
}
