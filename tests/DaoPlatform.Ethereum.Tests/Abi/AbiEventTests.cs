using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using static DaoPlatform.Ethereum.Tests.Abi.AbiTestData;

namespace DaoPlatform.Ethereum.Tests.Abi;

public class AbiEventTests
{
    private static readonly AbiEvent Transfer = AbiEvent.Parse("event Transfer(address indexed from, address indexed to, uint256 value)");
    private static readonly Address From = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    private static readonly Address To = Address.Parse("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359");

    // The log ethers 6 produces with Interface.encodeEventLog("Transfer", [From, To, 1000n]).
    private static readonly byte[][] TransferTopics =
    [
        HexBytes("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"),
        HexBytes("0x0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed"),
        HexBytes("0x000000000000000000000000fb6916095ca1df60bb79ce92ce3ea74c37c5d359"),
    ];

    private static readonly byte[] TransferData = HexBytes(Word(1000));

    [Test]
    public void EncodesTransferLogLikeEthers()
    {
        (byte[][] topics, byte[] data) = Transfer.EncodeLog(From, To, 1000);
        Assert.That(Transfer.Topic0Hex, Is.EqualTo("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"));
        Assert.That(topics, Is.EqualTo(TransferTopics));
        Assert.That(data, Is.EqualTo(TransferData));
    }

    [Test]
    public void DecodesTransferLogByName()
    {
        AbiValues values = Transfer.DecodeLog(TransferTopics, TransferData);
        Assert.That(values["from"], Is.EqualTo(From));
        Assert.That(values["to"], Is.EqualTo(To));
        Assert.That(values.Get<BigInteger>("value"), Is.EqualTo(new BigInteger(1000)));
    }

    [Test]
    public void IndexedStringAndBytesAreHashedLikeEthers()
    {
        // Topics from ethers 6 Interface.encodeFilterTopics("Note", ["Hello, world!", "0x010203", 42n]).
        var note = AbiEvent.Parse("event Note(string indexed text, bytes indexed blob, uint256 indexed n)");
        byte[]?[] filter = note.BuildTopicFilter("Hello, world!", new byte[] { 1, 2, 3 }, 42);
        string[] expected =
        [
            "0x77f08bda305e695b465b017ad8205724b0bb58e36fee7963caecf732536673db",
            "0xb6e16d27ac5ab427a7f68900ac5559ce272dc6c37c82b3e052246c82244c50e4",
            "0xf1885eda54b7a053318cd41e2093220dab15d65381b1157a3633a83bfd5c9239",
            "0x000000000000000000000000000000000000000000000000000000000000002a",
        ];
        Assert.That(filter.Select(t => HexConvert.Encode(t!)), Is.EqualTo(expected));
    }

    // The next two logs were emitted by a contract compiled with solc 0.8.37 and run on anvil:
    //   struct S { uint256 a; string b; }
    //   event Arr(uint256[] indexed xs, string[] indexed ss, S indexed s);
    //   emit Arr([1, 2], ["one", "Hello, world! This string is longer than one word."], S(7, "seven"));
    //   event Fixed(bool[2] indexed flags, bytes indexed blob, int8 indexed n) anonymous;
    //   emit Fixed([true, false], hex"010203", -5);
    [Test]
    public void IndexedArraysAndStructsAreHashedLikeSolidity()
    {
        var arr = AbiEvent.Parse("event Arr(uint256[] indexed xs, string[] indexed ss, (uint256 a, string b) indexed s)");
        object?[] values = [new object?[] { 1, 2 }, new object?[] { "one", "Hello, world! This string is longer than one word." }, new object?[] { 7, "seven" }];

        (byte[][] topics, byte[] data) = arr.EncodeLog(values);

        string[] expected =
        [
            "0x22f949aec5a11de1bef27269683372894e852624cbd21845922f9aff25e403c5",
            "0xe90b7bceb6e7df5418fb78d8ee546e97c83a08bbccc01a0644d599ccd2a7c2e0",
            "0xc5c53c6fac43414819444bba0fbe347233aece288da319d7072fab0fd453f5de",
            "0xd8cafe371b8a7dd47c5c7c366cf618d05d55a1c42ef78e44345c9f986eef22ce",
        ];

        Assert.That(topics.Select(t => HexConvert.Encode(t)), Is.EqualTo(expected));
        Assert.That(data, Is.Empty);
        AbiValues decoded = arr.DecodeLog(topics, data);
        Assert.That(decoded["ss"], Is.EqualTo(new AbiIndexedHash(topics[2])));
    }

    [Test]
    public void AnonymousEventsHaveNoSignatureTopic()
    {
        var fixedEvent = AbiEvent.Parse("event Fixed(bool[2] indexed flags, bytes indexed blob, int8 indexed n) anonymous");
        (byte[][] topics, _) = fixedEvent.EncodeLog(new object?[] { true, false }, new byte[] { 1, 2, 3 }, -5);

        string[] expected =
        [
            "0xada5013122d395ba3c54772283fb069b10426056ef8ca54750cb9bb552a59e7d",
            "0xf1885eda54b7a053318cd41e2093220dab15d65381b1157a3633a83bfd5c9239",
            "0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffb",
        ];

        Assert.That(topics.Select(t => HexConvert.Encode(t)), Is.EqualTo(expected));
        Assert.That(fixedEvent.DecodeLog(topics, [])["n"], Is.EqualTo(new BigInteger(-5)));
        Assert.That(fixedEvent.BuildTopicFilter(null, null, -5)[0], Is.Null);
    }

    [Test]
    public void TopicFilterLeavesWildcardsNull()
    {
        byte[]?[] filter = Transfer.BuildTopicFilter(null, To);
        Assert.That(filter, Has.Length.EqualTo(3));
        Assert.That(filter[0], Is.EqualTo(TransferTopics[0]));
        Assert.That(filter[1], Is.Null);
        Assert.That(filter[2], Is.EqualTo(TransferTopics[2]));
        Assert.That(Transfer.BuildTopicFilter()[1], Is.Null);
    }

    [Test]
    public void TooManyFilterValuesAreRejected()
    {
        var error = Assert.Throws<AbiException>(() => Transfer.BuildTopicFilter(From, To, 5))!;
        Assert.That(error.Message, Does.Contain("Transfer(address,address,uint256) has 2 indexed parameters; got 3 filter values"));
    }

    [Test]
    public void EncodingATopicForANonIndexedParameterIsRejected()
    {
        var error = Assert.Throws<AbiException>(() => Transfer.EncodeTopic(2, 5))!;
        Assert.That(error.Message, Does.Contain("parameter 2 (uint256 value) of Transfer(address,address,uint256) is not indexed"));
    }

    [Test]
    public void WrongTopic0IsRejected()
    {
        byte[][] topics = [.. TransferTopics];
        topics[0] = new byte[32];
        var error = Assert.Throws<AbiException>(() => Transfer.DecodeLog(topics, TransferData))!;
        Assert.That(error.Message, Does.Contain("log topic 0 is 0x0000000000000000000000000000000000000000000000000000000000000000, not 0xddf252ad"));
    }

    [Test]
    public void WrongTopicCountIsRejected()
    {
        var error = Assert.Throws<AbiException>(() => Transfer.DecodeLog(TransferTopics[..2], TransferData))!;
        Assert.That(error.Message, Does.Contain("log of Transfer(address,address,uint256) should have 3 topics; got 2"));
    }

    [Test]
    public void DirtyIndexedAddressIsRejectedWithItsTopic()
    {
        byte[][] topics = [.. TransferTopics];
        topics[1] = HexBytes("0x0100000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        var error = Assert.Throws<AbiException>(() => Transfer.DecodeLog(topics, TransferData))!;
        Assert.That(error.Message, Does.Contain("address at offset 0 has dirty high bits"));
        Assert.That(error.Path, Is.EqualTo("topic 1 (from)"));
    }

    [Test]
    public void ShortTopicIsRejected()
    {
        byte[][] topics = [.. TransferTopics];
        topics[2] = new byte[31];
        var error = Assert.Throws<AbiException>(() => Transfer.DecodeLog(topics, TransferData))!;
        Assert.That(error.Message, Does.Contain("topic 2 of a Transfer(address,address,uint256) log has 31 bytes"));
    }

    [Test]
    public void TooManyIndexedParametersAreRejected()
    {
        var error = Assert.Throws<AbiException>(() => AbiEvent.Parse("event E(uint indexed a, uint indexed b, uint indexed c, uint indexed d)"))!;
        Assert.That(error.Message, Does.Contain("E(uint256,uint256,uint256,uint256) has 4 indexed parameters; an event allows at most 3"));
        Assert.DoesNotThrow(() => AbiEvent.Parse("event E(uint indexed a, uint indexed b, uint indexed c, uint indexed d) anonymous"));
    }

    [Test]
    public void PrintsHumanReadableForm()
    {
        Assert.That(Transfer.ToString(), Is.EqualTo("event Transfer(address indexed from, address indexed to, uint256 value)"));
        Assert.That(AbiEvent.Parse(Transfer.ToString()).Signature, Is.EqualTo(Transfer.Signature));
    }

    [Test]
    public void RejectsNonEventSignatures()
    {
        Assert.That(Assert.Throws<AbiException>(() => AbiEvent.Parse("function f()"))!.Message, Does.Contain("declares a function, not an event"));
        Assert.That(Assert.Throws<AbiException>(() => AbiEvent.Parse("event E() view"))!.Message, Does.Contain("'view' is not an event modifier"));
    }
}
