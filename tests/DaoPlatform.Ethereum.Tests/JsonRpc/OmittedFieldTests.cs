using System.Numerics;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.Tests.JsonRpc;

/// <summary>Results as nodes give them with the fields they omit in practice: read, with the omission visible.</summary>
public sealed class OmittedFieldTests
{
    private const string Hash = "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060";

    // The shape of a pre-Bedrock OP (l2geth) receipt: no effectiveGasPrice and no type, the L1 fee fields instead.
    private static readonly string PreBedrockReceipt = $$"""
        {"blockHash":"{{Hash}}","blockNumber":"0x1b4","contractAddress":null,"cumulativeGasUsed":"0x5208",
         "from":"0x70997970c51812dc3a010c7d01b50e0d17dc79c8","gasUsed":"0x5208","logs":[],"logsBloom":"0x{{new string('0', 512)}}",
         "status":"0x1","to":"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266","transactionHash":"{{Hash}}","transactionIndex":"0x0",
         "l1Fee":"0x2a","l1GasPrice":"0x1","l1GasUsed":"0x2a","l1FeeScalar":"1"}
        """;

    [Test]
    public async Task AReceiptWithoutEffectiveGasPriceAndTypeReadsAsSucceededWithThePriceUnknown()
    {
        TransactionReceipt receipt = (await Read(PreBedrockReceipt))!;

        Assert.That(receipt.Succeeded, Is.True);
        Assert.That(receipt.GasUsed, Is.EqualTo(21_000UL));
        Assert.That(receipt.EffectiveGasPrice, Is.Null);
        Assert.That(receipt.ExecutionFee, Is.Null);
        Assert.That(receipt.Type, Is.EqualTo(0));
        Assert.That(receipt.L1Fee, Is.EqualTo(new BigInteger(42)));
        Assert.That(receipt.From, Is.EqualTo(Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")));
    }

    [Test]
    public async Task AReceiptWithThePriceHasTheExecutionFee()
    {
        string withPrice = PreBedrockReceipt.Replace("\"status\":\"0x1\"", "\"status\":\"0x1\",\"type\":\"0x2\",\"effectiveGasPrice\":\"0x3b9aca00\"", StringComparison.Ordinal);

        TransactionReceipt receipt = (await Read(withPrice))!;

        Assert.That(receipt.EffectiveGasPrice, Is.EqualTo(new BigInteger(1_000_000_000)));
        Assert.That(receipt.ExecutionFee, Is.EqualTo(new BigInteger(21_000) * 1_000_000_000));
        Assert.That(receipt.Type, Is.EqualTo(2));
    }

    [TestCase("status", "the member 'status' is missing")]
    [TestCase("gasUsed", "the member 'gasUsed' is missing")]
    [TestCase("from", "the member 'from' is missing")]
    public async Task FieldsThePlatformNeedsStayRequired(string member, string complaint)
    {
        string without = System.Text.RegularExpressions.Regex.Replace(PreBedrockReceipt, $"\"{member}\":\"[^\"]*\",", "");
        using var http = new HttpClient(Answering(without));
        using var rpc = new JsonRpcClient(StubNode.Url, http);

        var error = await Assert.ThrowsAsync<RpcProtocolException>(() => new EthRpcClient(rpc).GetTransactionReceiptAsync(Hash));

        Assert.That(error!.Message, Does.Contain(complaint));
    }

    private static async Task<TransactionReceipt?> Read(string receipt)
    {
        using var http = new HttpClient(Answering(receipt));
        using var rpc = new JsonRpcClient(StubNode.Url, http);
        return await new EthRpcClient(rpc).GetTransactionReceiptAsync(Hash);
    }

    private static StubNode Answering(string resultJson) =>
        new(request => $$"""{"jsonrpc":"2.0","id":{{StubNode.Id(request)}},"result":{{resultJson}}}""");
}
