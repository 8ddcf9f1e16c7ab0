using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.Tests.JsonRpc;

/// <summary>How requests are written: the execution-API encodings of block tags, call objects and log filters.</summary>
public sealed class RequestEncodingTests
{
    private static readonly Address Token = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");

    [Test]
    public void BlockTagsDefaultToLatestAndNumbersAreQuantities()
    {
        Assert.That(default(BlockTag).ToString(), Is.EqualTo("latest"));
        Assert.That(BlockTag.Pending.ToString(), Is.EqualTo("pending"));
        Assert.That(BlockTag.Finalized.ToString(), Is.EqualTo("finalized"));
        Assert.That(BlockTag.Number(0).ToString(), Is.EqualTo("0x0"));
        Assert.That(BlockTag.Number(255).ToString(), Is.EqualTo("0xff"));
        Assert.That(BlockTag.Number(255).BlockNumber, Is.EqualTo(255UL));
        Assert.That(BlockTag.Safe.BlockNumber, Is.Null);
    }

    [Test]
    public void CallRequestWritesOnlyWhatIsSet()
    {
        var request = new CallRequest { To = Token, Data = [0xab, 0x01], Value = 16 };
        Assert.That(request.ToJson().ToJsonString(),
            Is.EqualTo("""{"to":"0x5fbdb2315678afecb367f032d93f642f64180aa3","input":"0xab01","value":"0x10"}"""));
        Assert.That(new CallRequest().ToJson().ToJsonString(), Is.EqualTo("{}"));
    }

    [Test]
    public void LogFilterWritesAddressesTopicSetsAndWildcards()
    {
        byte[] topicA = Enumerable.Repeat((byte)0xaa, 32).ToArray();
        byte[] topicB = Enumerable.Repeat((byte)0xbb, 32).ToArray();
        var filter = new LogFilter
        {
            Addresses = [Token, Address.Zero],
            Topics = [[topicA], null, [topicA, topicB]],
            FromBlock = BlockTag.Number(1),
            ToBlock = BlockTag.Latest,
        };
        string a = "0x" + new string('a', 64);
        string b = "0x" + new string('b', 64);
        Assert.That(filter.ToJson().ToJsonString(), Is.EqualTo(
            $$"""{"address":["0x5fbdb2315678afecb367f032d93f642f64180aa3","0x0000000000000000000000000000000000000000"],"topics":[["{{a}}"],null,["{{a}}","{{b}}"]],"fromBlock":"0x1","toBlock":"latest"}"""));
        Assert.That(new LogFilter { Addresses = [Token] }.ToJson().ToJsonString(),
            Is.EqualTo("""{"address":"0x5fbdb2315678afecb367f032d93f642f64180aa3"}"""));
    }

    [Test]
    public void LogFilterRejectsWhatNodesWouldMisread()
    {
        string hash = "0x" + new string('1', 64);
        var both = new LogFilter { BlockHash = hash, FromBlock = BlockTag.Number(1) };
        Assert.That(() => both.ToJson(), Throws.ArgumentException.With.Message.Contains("either a block hash or a block range"));

        var five = new LogFilter { Topics = [null, null, null, null, null] };
        Assert.That(() => five.ToJson(), Throws.ArgumentException.With.Message.Contains("at most 4 topic positions; got 5"));

        var shortTopic = new LogFilter { Topics = [null, [new byte[31]]] };
        Assert.That(() => shortTopic.ToJson(), Throws.ArgumentException.With.Message.Contains("topic position 1: a topic has 32 bytes; got 31"));

        var shortHash = new LogFilter { BlockHash = "0x1234" };
        Assert.That(() => shortHash.ToJson(), Throws.ArgumentException.With.Message.Contains("has 2 bytes; expected 32"));
    }

    [Test]
    public void FeeHistoryRejectsUnorderedPercentiles()
    {
        Assert.That(() => EthCalls.FeeHistory(4, BlockTag.Latest, [50, 10]),
            Throws.ArgumentException.With.Message.Contains("got 10 at index 1"));
        Assert.That(() => EthCalls.FeeHistory(0, BlockTag.Latest, []), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void ReceiptLookupRejectsAHashOfTheWrongLength()
    {
        Assert.That(() => EthCalls.GetTransactionReceipt("0x1234"), Throws.ArgumentException.With.Message.Contains("has 2"));
    }
}
