using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Services.Tests.Support;

// In the namespace of the shared Devnet [SetUpFixture], so that it starts a devnet for these tests.
namespace DaoPlatform.Ethereum.IntegrationTests.Faults;

/// <summary>
/// The Ethereum layer's client behind <see cref="FaultyRpcProxy"/> on the devnet: each fault surfaces as a
/// typed exception that says what was wrong, and once the fault is over the same client works again.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "TearDown disposes the proxy and client of each test.")]
public sealed class RpcFaultTests
{
    private FaultyRpcProxy _proxy = null!;
    private HttpClient _http = null!;
    private EthRpcClient _eth = null!;

    [SetUp]
    public void StartProxy()
    {
        _proxy = new FaultyRpcProxy(Devnet.Url) { TimeoutDelay = TimeSpan.FromSeconds(3) };
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        _eth = new EthRpcClient(new JsonRpcClient(_proxy.Url, _http));
    }

    [TearDown]
    public void StopProxy()
    {
        _eth.Rpc.Dispose();
        _http.Dispose();
        _proxy.Dispose();
    }

    [Test]
    public async Task ForwardsFaithfullyWhenNoFaultIsSet()
    {
        using var direct = new JsonRpcClient(Devnet.Url);
        Assert.That(await _eth.ChainIdAsync(), Is.EqualTo(await new EthRpcClient(direct).ChainIdAsync()));
        Assert.That(_proxy.Forwarded, Is.EqualTo(1));
    }

    [Test]
    public async Task ErrorsForNRequestsAreRpcErrorsThenTheNodeAnswersAgain()
    {
        _proxy.Inject(RpcFault.Error, count: 2);
        for (int i = 0; i < 2; i++)
        {
            RpcErrorException error = (await Assert.ThrowsAsync<RpcErrorException>(() => _eth.BlockNumberAsync()))!;
            Assert.That((error.Method, error.Code), Is.EqualTo(("eth_blockNumber", FaultyRpcProxy.ErrorCode)));
            Assert.That(error.Message, Does.Contain("injected fault: the node is overloaded"));
        }
        Assert.That(await _eth.ChainIdAsync(), Is.GreaterThan(0UL));
        Assert.That(_proxy.FaultsServed, Is.EqualTo(2));
    }

    [Test]
    public async Task ErrorsForAPeriodEndWithThePeriod()
    {
        _proxy.InjectFor(RpcFault.Error, TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAsync<RpcErrorException>(() => _eth.ChainIdAsync());
        await Task.Delay(600);
        Assert.That(await _eth.ChainIdAsync(), Is.GreaterThan(0UL));
    }

    [Test]
    public async Task ATimeoutIsATransportErrorNamingTheWait()
    {
        _proxy.Inject(RpcFault.Timeout, count: 1);
        RpcTransportException error = (await Assert.ThrowsAsync<RpcTransportException>(() => _eth.ChainIdAsync()))!;
        Assert.That(error.Url, Is.EqualTo(_proxy.Url));
        Assert.That(error.Message, Does.Contain("eth_chainId: no answer within 1 s"));
        Assert.That(await _eth.ChainIdAsync(), Is.GreaterThan(0UL));
    }

    [Test]
    public async Task MalformedJsonIsAProtocolError()
    {
        _proxy.Inject(RpcFault.MalformedJson, count: 1);
        RpcProtocolException error = (await Assert.ThrowsAsync<RpcProtocolException>(() => _eth.BlockNumberAsync()))!;
        Assert.That(error.Message, Does.StartWith("eth_blockNumber response is not JSON"));
    }

    [Test]
    public async Task AReceiptForAnotherTransactionIsAProtocolError()
    {
        string hash = await _eth.Rpc.SendAsync(new RpcCall<string>("eth_sendTransaction",
            [new JsonObject { ["from"] = Devnet.Account0.ToLowerHex(), ["to"] = Devnet.Account1.ToLowerHex(), ["value"] = "0x1" }],
            (result, _) => result.GetString()!));
        _proxy.Inject(RpcFault.ForeignReceipt, count: 1);
        // Another method first: the fault is bound to receipts and waits for one.
        Assert.That(await _eth.ChainIdAsync(), Is.GreaterThan(0UL));

        RpcProtocolException error = (await Assert.ThrowsAsync<RpcProtocolException>(() => _eth.GetTransactionReceiptAsync(hash)))!;
        Assert.That(error.Message, Does.StartWith("eth_getTransactionReceipt result: the receipt is for transaction 0x").And.EndWith($"; {hash} was requested."));
        Assert.That((await _eth.GetTransactionReceiptAsync(hash))!.TransactionHash, Is.EqualTo(hash));
    }

    [Test]
    public async Task ALogOutsideTheRequestedRangeIsAProtocolError()
    {
        ulong head = await _eth.BlockNumberAsync();
        var filter = new LogFilter { FromBlock = BlockTag.Number(0), ToBlock = BlockTag.Number(head) };
        _proxy.Inject(RpcFault.LogOutsideRange, count: 1);

        RpcProtocolException error = (await Assert.ThrowsAsync<RpcProtocolException>(() => _eth.GetLogsAsync(filter)))!;
        Assert.That(error.Message, Does.Contain($"the log of block {head + 1} lies outside the requested blocks 0x0..{BlockTag.Number(head)}"));
        Assert.That(await _eth.GetLogsAsync(filter), Is.Not.Null);
    }
}
