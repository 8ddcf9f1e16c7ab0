using System.Numerics;
using DaoPlatform.Contracts.OpenZeppelin;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Bindings.Tests.Runtime;

/// <summary>Typed decoding of receipt logs (the logs are encoded by the ABI codec, independently of the decoder).</summary>
public sealed class ReceiptEventsTests
{
    private static readonly Address s_token = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    private static readonly Address s_nft = Address.Parse("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512");
    private static readonly Address s_alice = Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    private static readonly Address s_bob = Address.Parse("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");

    [Test]
    public void Decode_keeps_the_logs_of_the_event_and_tells_ERC20_from_ERC721_Transfer_by_topic_count()
    {
        var receipt = Receipt(
            Log(s_token, "event Transfer(address indexed from, address indexed to, uint256 value)", s_alice, s_bob, 5),
            Log(s_nft, "event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)", s_alice, s_bob, 9),
            Log(s_token, "event Approval(address indexed owner, address indexed spender, uint256 value)", s_alice, s_bob, 1));

        var fungible = receipt.Decode<Erc20.TransferEvent>();
        var nonFungible = receipt.Decode<Erc721.TransferEvent>();

        Assert.That(fungible, Is.EqualTo(new[] { new Erc20.TransferEvent(s_alice, s_bob, 5) }));
        Assert.That(nonFungible, Is.EqualTo(new[] { new Erc721.TransferEvent(s_alice, s_bob, 9) }));
    }

    [Test]
    public void A_binding_decodes_only_the_events_its_own_contract_emitted()
    {
        var receipt = Receipt(
            Log(s_token, "event Transfer(address indexed from, address indexed to, uint256 value)", s_alice, s_bob, 5),
            Log(s_nft, "event Transfer(address indexed from, address indexed to, uint256 value)", s_bob, s_alice, 6));
        using var rpc = new JsonRpcClient(new Uri("http://127.0.0.1:9"));
        var token = new Erc20(s_token, new ContractConnection(new EthRpcClient(rpc)));

        Assert.That(token.DecodeTransferEvents(receipt), Is.EqualTo(new[] { new Erc20.TransferEvent(s_alice, s_bob, 5) }));
    }

    [Test]
    public void A_log_that_does_not_fit_its_event_is_an_AbiException()
    {
        var (topics, _) = AbiEvent.Parse("event Transfer(address indexed from, address indexed to, uint256 value)").EncodeLog(s_alice, s_bob, new BigInteger(5));
        var truncated = new LogEntry(s_token, topics, new byte[31], 1, Hash, Hash, 0, 0, false);

        Assert.Throws<AbiException>(() => ReceiptEvents.DecodeLog<Erc20.TransferEvent>(truncated));
    }

    private const string Hash = "0x0000000000000000000000000000000000000000000000000000000000000001";

    private static LogEntry Log(Address emitter, string eventSignature, params object?[] values)
    {
        var (topics, data) = AbiEvent.Parse(eventSignature).EncodeLog(values);
        return new LogEntry(emitter, topics, data, 1, Hash, Hash, 0, 0, false);
    }

    private static TransactionReceipt Receipt(params LogEntry[] logs) =>
        new(Hash, Hash, 1, 0, 2, s_alice, s_token, null, true, 50_000, 50_000, 1, logs, null);
}
