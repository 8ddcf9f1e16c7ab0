using System.Net;
using System.Numerics;
using System.Text.Json;
using DaoPlatform.Ethereum.JsonRpc;

namespace DaoPlatform.Ethereum.Tests.JsonRpc;

/// <summary>Answers no conforming node gives: the client must reject each, naming what was wrong.</summary>
public sealed class JsonRpcProtocolTests
{
    private static async Task<TException> FailsWith<TException>(StubNode node, Func<EthRpcClient, Task> act)
        where TException : Exception
    {
        using var http = new HttpClient(node);
        using var rpc = new JsonRpcClient(StubNode.Url, http);
        TException? error = await Assert.ThrowsAsync<TException>(() => act(new EthRpcClient(rpc)));
        return error!;
    }

    private static StubNode Answering(string resultJson) =>
        new(request => $$"""{"jsonrpc":"2.0","id":{{StubNode.Id(request)}},"result":{{resultJson}}}""");

    [Test]
    public async Task RejectsAnAnswerThatIsNotJson()
    {
        var error = await FailsWith<RpcProtocolException>(new StubNode(_ => "<html>gateway</html>"), c => c.ChainIdAsync());
        Assert.That(error.Message, Does.Contain("eth_chainId response is not JSON").And.Contain("<html>gateway</html>"));
    }

    [Test]
    public async Task RejectsAnAnswerWithNeitherResultNorError()
    {
        var node = new StubNode(request => $$"""{"jsonrpc":"2.0","id":{{StubNode.Id(request)}}}""");
        var error = await FailsWith<RpcProtocolException>(node, c => c.ChainIdAsync());
        Assert.That(error.Message, Is.EqualTo("eth_chainId response: has neither result nor error."));
    }

    [Test]
    public async Task RejectsAnAnswerWithBothResultAndError()
    {
        var node = new StubNode(request => $$$"""{"jsonrpc":"2.0","id":{{{StubNode.Id(request)}}},"result":"0xa","error":{"code":1,"message":"x"}}""");
        var error = await FailsWith<RpcProtocolException>(node, c => c.ChainIdAsync());
        Assert.That(error.Message, Does.Contain("has both result and error"));
    }

    [Test]
    public async Task RejectsAnAnswerToAnotherId()
    {
        var node = new StubNode(_ => """{"jsonrpc":"2.0","id":999,"result":"0xa"}""");
        var error = await FailsWith<RpcProtocolException>(node, c => c.ChainIdAsync());
        Assert.That(error.Message, Is.EqualTo("eth_chainId response: id is 999; the request's id was 1."));
    }

    [Test]
    public async Task AnErrorWithoutIdIsTheNodesErrorForTheRequest()
    {
        var node = new StubNode(_ => """{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}""");
        var error = await FailsWith<RpcErrorException>(node, c => c.ChainIdAsync());
        Assert.That(error.Code, Is.EqualTo(-32700));
        Assert.That(error.Message, Is.EqualTo("eth_chainId failed with JSON-RPC error -32700: Parse error"));
    }

    [Test]
    public async Task RejectsAWrongProtocolVersion()
    {
        var node = new StubNode(request => $$"""{"jsonrpc":"1.0","id":{{StubNode.Id(request)}},"result":"0xa"}""");
        var error = await FailsWith<RpcProtocolException>(node, c => c.ChainIdAsync());
        Assert.That(error.Message, Does.Contain("jsonrpc is \"1.0\""));
    }

    [TestCase("\"0x01\"", "has a leading zero")]
    [TestCase("\"0x\"", "must be 0x followed by hex digits")]
    [TestCase("\"10\"", "must be 0x followed by hex digits")]
    [TestCase("\"0x1g\"", "non-hex character 'g' at position 3")]
    [TestCase("10", "expected a hex quantity (a JSON string), got Number")]
    [TestCase("\"0x10000000000000000\"", "does not fit in 64 bits")]
    public async Task RejectsAMalformedQuantity(string result, string complaint)
    {
        var error = await FailsWith<RpcProtocolException>(Answering(result), c => c.BlockNumberAsync());
        Assert.That(error.Message, Does.StartWith("eth_blockNumber result: ").And.Contain(complaint));
    }

    [Test]
    public async Task RejectsMalformedDataNamingTheField()
    {
        string receipt = """{"transactionHash":"0x12","blockHash":"0x00"}""";
        var error = await FailsWith<RpcProtocolException>(Answering(receipt), c => c.GetTransactionReceiptAsync("0x" + new string('a', 64)));
        Assert.That(error.Message, Does.StartWith("eth_getTransactionReceipt result: the member 'status' is missing"));

        error = await FailsWith<RpcProtocolException>(Answering("\"0xabc\""), c => c.GetCodeAsync(default));
        Assert.That(error.Message, Does.StartWith("eth_getCode result: data '0xabc' is not valid hex"));
    }

    [Test]
    public async Task RejectsAReceiptStatusOtherThanZeroOrOne()
    {
        string hash = "\"0x" + new string('1', 64) + "\"";
        string receipt = $$"""
            {"transactionHash":{{hash}},"blockHash":{{hash}},"blockNumber":"0x1","transactionIndex":"0x0","type":"0x2",
             "from":"0x0000000000000000000000000000000000000001","to":null,"contractAddress":null,"status":"0x2",
             "gasUsed":"0x5208","cumulativeGasUsed":"0x5208","effectiveGasPrice":"0x1","logs":[]}
            """;
        var error = await FailsWith<RpcProtocolException>(Answering(receipt), c => c.GetTransactionReceiptAsync("0x" + new string('1', 64)));
        Assert.That(error.Message, Is.EqualTo("eth_getTransactionReceipt result.status: 2 is neither 0 nor 1."));
    }

    [Test]
    public async Task RejectsAReceiptForAnotherTransaction()
    {
        string other = "0x" + new string('2', 64);
        string receipt = $$"""
            {"transactionHash":"{{other}}","blockHash":"{{other}}","blockNumber":"0x1","transactionIndex":"0x0","type":"0x2",
             "from":"0x0000000000000000000000000000000000000001","to":null,"contractAddress":null,"status":"0x1",
             "gasUsed":"0x5208","cumulativeGasUsed":"0x5208","effectiveGasPrice":"0x1","logs":[]}
            """;
        var error = await FailsWith<RpcProtocolException>(Answering(receipt), c => c.GetTransactionReceiptAsync("0x" + new string('1', 64)));
        Assert.That(error.Message, Is.EqualTo($"eth_getTransactionReceipt result: the receipt is for transaction {other}; 0x{new string('1', 64)} was requested."));
    }

    [TestCase("0x9", "", "the log of block 9 lies outside the requested blocks 0x3..0x8")]
    [TestCase("0x5", "", "the log was emitted by 0x0000000000000000000000000000000000000002, which the filter does not name")]
    [TestCase("0x5", "01", "topic 0 of the log matches none of the filter's")]
    public async Task RejectsALogTheFilterExcludes(string block, string topicByte, string complaint)
    {
        string hash = "0x" + new string('1', 64);
        string topic = "0x" + new string('0', 62) + (topicByte.Length > 0 ? topicByte : "aa");
        string emitter = topicByte.Length > 0 || block == "0x9" ? "0x0000000000000000000000000000000000000001" : "0x0000000000000000000000000000000000000002";
        string logs = $$"""
            [{"address":"{{emitter}}","topics":["{{topic}}"],"data":"0x","blockNumber":"{{block}}","blockHash":"{{hash}}",
              "transactionHash":"{{hash}}","transactionIndex":"0x0","logIndex":"0x0","removed":false}]
            """;
        var filter = new LogFilter
        {
            Addresses = [new DaoPlatform.Ethereum.Primitives.Address(Convert.FromHexString("0000000000000000000000000000000000000001"))],
            Topics = [[Convert.FromHexString(new string('0', 62) + "aa")]],
            FromBlock = BlockTag.Number(3),
            ToBlock = BlockTag.Number(8),
        };
        var error = await FailsWith<RpcProtocolException>(Answering(logs), c => c.GetLogsAsync(filter));
        Assert.That(error.Message, Is.EqualTo($"eth_getLogs result[0]: {complaint}."));
    }

    [TestCase("""{"oldestBlock":"0x1","baseFeePerGas":["0x1"],"gasUsedRatio":[0.5]}""", "1 base fees for 1 blocks")]
    [TestCase("""{"oldestBlock":"0x1","baseFeePerGas":["0x1","0x2"],"gasUsedRatio":[0.5],"reward":[["0x1"]]}""", "reward[0]: 1 rewards for 2 requested percentiles")]
    [TestCase("""{"oldestBlock":"0x1","baseFeePerGas":["0x1","0x2"],"gasUsedRatio":["half"]}""", "gasUsedRatio[0]: expected a number")]
    public async Task RejectsAnInconsistentFeeHistory(string history, string complaint)
    {
        var error = await FailsWith<RpcProtocolException>(Answering(history), c => c.FeeHistoryAsync(1, BlockTag.Latest, [10, 90]));
        Assert.That(error.Message, Does.StartWith("eth_feeHistory result").And.Contain(complaint));
    }

    [Test]
    public async Task AnHttpFailureWithoutJsonIsATransportError()
    {
        var node = new StubNode(_ => "Service Unavailable", HttpStatusCode.ServiceUnavailable, "text/plain");
        var error = await FailsWith<RpcTransportException>(node, c => c.ChainIdAsync());
        Assert.That(error.Url, Is.EqualTo(StubNode.Url));
        Assert.That(error.Message, Does.Contain("HTTP 503"));
    }

    [Test]
    public async Task BatchMatchesAnswersById()
    {
        // Answers in reverse order: the client must pair them by id, not by position.
        var node = new StubNode(requests =>
        {
            var answers = requests.EnumerateArray().Reverse().Select(r =>
                $$"""{"jsonrpc":"2.0","id":{{StubNode.Id(r)}},"result":"{{(r.GetProperty("method").GetString() == "eth_chainId" ? "0xa" : "0x7")}}"}""");
            return "[" + string.Join(",", answers) + "]";
        });
        using var http = new HttpClient(node);
        using var rpc = new JsonRpcClient(StubNode.Url, http);
        var batch = new RpcBatch();
        var chainId = batch.Add(EthCalls.ChainId());
        var number = batch.Add(EthCalls.BlockNumber());
        await rpc.SendBatchAsync(batch);
        Assert.That(chainId.Value, Is.EqualTo(10UL));
        Assert.That(number.Value, Is.EqualTo(7UL));
    }

    [TestCase("missing", "batch response: no answer for eth_blockNumber (id 2).")]
    [TestCase("unknown", "batch response[1]: id 77 matches no request of the batch.")]
    [TestCase("duplicate", "batch response[1]: id 1 is answered twice.")]
    public async Task BatchRejectsMissingUnknownAndDuplicateIds(string fault, string message)
    {
        var node = new StubNode(_ => fault switch
        {
            "missing" => """[{"jsonrpc":"2.0","id":1,"result":"0xa"}]""",
            "unknown" => """[{"jsonrpc":"2.0","id":1,"result":"0xa"},{"jsonrpc":"2.0","id":77,"result":"0x7"}]""",
            _ => """[{"jsonrpc":"2.0","id":1,"result":"0xa"},{"jsonrpc":"2.0","id":1,"result":"0x7"}]""",
        });
        using var http = new HttpClient(node);
        using var rpc = new JsonRpcClient(StubNode.Url, http);
        var batch = new RpcBatch();
        batch.Add(EthCalls.ChainId());
        batch.Add(EthCalls.BlockNumber());
        var error = await Assert.ThrowsAsync<RpcProtocolException>(() => rpc.SendBatchAsync(batch));
        Assert.That(error!.Message, Is.EqualTo(message));
    }

    [Test]
    public void BatchItemCannotBeReadBeforeSending()
    {
        var batch = new RpcBatch();
        var item = batch.Add(EthCalls.ChainId());
        Assert.Throws<InvalidOperationException>(() => _ = item.Value);
    }

    [FsCheckProperty]
    public bool QuantityRoundTrips(BigInteger value)
    {
        BigInteger nonNegative = BigInteger.Abs(value);
        using JsonDocument json = JsonDocument.Parse($"\"{RpcJson.FormatQuantity(nonNegative)}\"");
        return RpcJson.ReadQuantity(json.RootElement, "value") == nonNegative;
    }

    [TestCase(0UL, "0x0")]
    [TestCase(1UL, "0x1")]
    [TestCase(1024UL, "0x400")]
    public void FormatsQuantitiesWithoutLeadingZeros(ulong value, string expected)
    {
        Assert.That(RpcJson.FormatQuantity(value), Is.EqualTo(expected));
        Assert.That(RpcJson.FormatQuantity(new BigInteger(value)), Is.EqualTo(expected));
    }
}
