using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Transactions;

namespace DaoPlatform.Ethereum.Tests.Transactions;

/// <summary>EIP-2930 and EIP-1559 vectors; the expected bytes come from ethers 6.17 <c>Transaction</c> with the EIP-155 example key.</summary>
public class TypedTransactionTests
{
    private static readonly Address To = Address.Parse("0x3535353535353535353535353535353535353535");

    private static byte[] Slot(byte value)
    {
        byte[] slot = new byte[32];
        slot[31] = value;
        return slot;
    }

    private static DynamicFeeTransaction Eip1559() => new()
    {
        ChainId = 10,
        Nonce = 7,
        MaxPriorityFeePerGas = 1_500_000_000,
        MaxFeePerGas = 30_000_000_000,
        GasLimit = 100_000,
        To = To,
        Value = 1_000_000_000_000_000_000,
        Data = HexConvert.Decode("0xa9059cbb0000000000000000000000000000000000000000000000000000000000000001"),
        AccessList = [new AccessListEntry(Address.Parse("0x1111111111111111111111111111111111111111"), [Slot(3)])],
    };

    private const string Eip1559Raw =
        "0x02f8d10a078459682f008506fc23ac00830186a0943535353535353535353535353535353535353535880de0b6b3a7640000a4a9059cbb0000000000000000000000000000000000000000000000000000000000000001f838f7941111111111111111111111111111111111111111e1a0000000000000000000000000000000000000000000000000000000000000000301a02d3751e1c3edc44eb2fbaf4c270bed46e1dc3280a2bfc7e19f93f9f655cc4f2da04c1828fa70904beb175b5931c3a31984a6d16b73b08085995f1eb49766553861";

    private static AccessListTransaction Eip2930() => new()
    {
        ChainId = 1,
        Nonce = 3,
        GasPrice = 20_000_000_000,
        GasLimit = 50_000,
        To = To,
        Value = 5,
        AccessList =
        [
            new AccessListEntry(Address.Parse("0x2222222222222222222222222222222222222222"), [Slot(1), Slot(0xff)]),
            new AccessListEntry(Address.Parse("0x3333333333333333333333333333333333333333"), []),
        ],
    };

    private const string Eip2930Raw =
        "0x01f8d901038504a817c80082c3509435353535353535353535353535353535353535350580f872f859942222222222222222222222222222222222222222f842a00000000000000000000000000000000000000000000000000000000000000001a000000000000000000000000000000000000000000000000000000000000000ffd6943333333333333333333333333333333333333333c080a09027a2e8b68c67e79a822b09210fa05f488b6f8cff8c197d53d162d20918ad48a03b1dacb68f75d3e1c6b55de86c9f86d5cccf2b19d7971f130d29477e2df028b5";

    [Test]
    public void Eip1559MatchesEthers()
    {
        DynamicFeeTransaction transaction = Eip1559();
        Assert.That(HexConvert.Encode(transaction.GetSigningPayload()), Is.EqualTo(
            "0x02f88e0a078459682f008506fc23ac00830186a0943535353535353535353535353535353535353535880de0b6b3a7640000a4a9059cbb0000000000000000000000000000000000000000000000000000000000000001f838f7941111111111111111111111111111111111111111e1a00000000000000000000000000000000000000000000000000000000000000003"));
        Assert.That(HexConvert.Encode(transaction.GetSigningHash()), Is.EqualTo("0x8e28d74a83345443c71e73e974f69db065d1848f29456bb4ee0fada269c3be6e"));
        SignedTransaction signed = transaction.Sign(TestKeys.Eip155);
        Assert.That(signed.RawHex, Is.EqualTo(Eip1559Raw));
        Assert.That(signed.HashHex, Is.EqualTo("0xf62bf8495fd4ddeb6df6e1d758e34b16a3fb657b7064361881d423016dd4e765"));
        Assert.That(signed.Type, Is.EqualTo(TransactionType.DynamicFee));
    }

    [Test]
    public void DecodesEip1559()
    {
        SignedTransaction decoded = TransactionDecoder.DecodeSigned(Eip1559Raw);
        var transaction = (DynamicFeeTransaction)decoded.Transaction;
        Assert.That(decoded.From, Is.EqualTo(TestKeys.Eip155.Address));
        Assert.That(decoded.HashHex, Is.EqualTo("0xf62bf8495fd4ddeb6df6e1d758e34b16a3fb657b7064361881d423016dd4e765"));
        Assert.That(transaction.ChainId, Is.EqualTo(10UL));
        Assert.That(transaction.MaxFeePerGas, Is.EqualTo(new System.Numerics.BigInteger(30_000_000_000)));
        Assert.That(transaction.AccessList, Has.Count.EqualTo(1));
        Assert.That(transaction.AccessList[0].StorageKeys[0], Is.EqualTo(Slot(3)));
        Assert.That(HexConvert.Encode(transaction.Data.Span), Is.EqualTo("0xa9059cbb0000000000000000000000000000000000000000000000000000000000000001"));
    }

    [Test]
    public void Eip1559ContractCreationMatchesEthers()
    {
        var transaction = new DynamicFeeTransaction
        {
            ChainId = 10, Nonce = 0, MaxPriorityFeePerGas = 0, MaxFeePerGas = 1, GasLimit = 3_000_000, Data = HexConvert.Decode("0x6080604052"),
        };
        SignedTransaction signed = transaction.Sign(TestKeys.Eip155);
        Assert.That(signed.RawHex, Is.EqualTo("0x02f8540a808001832dc6c08080856080604052c001a0515d99929409dc75123ae4dea190da309e2522c36b6c34ab9d59b4c494d60cdaa009a81bb5ed83606acfe575eec6fbac65368a4c8ab55d9e11d8df5ed344827780"));
        Assert.That(signed.HashHex, Is.EqualTo("0xaac1d345e61d221959d2586ee19731c751375e25e9bedebc5b20d3d4df4b2da1"));
        Assert.That(TransactionDecoder.DecodeSigned(signed.Raw.Span).Transaction.To, Is.Null);
    }

    [Test]
    public void Eip2930MatchesEthers()
    {
        AccessListTransaction transaction = Eip2930();
        Assert.That(HexConvert.Encode(transaction.GetSigningHash()), Is.EqualTo("0x4f570d70d597b86a947319335db4bbfaf34525aef0912dd80d261fc1fe2aaada"));
        SignedTransaction signed = transaction.Sign(TestKeys.Eip155);
        Assert.That(signed.RawHex, Is.EqualTo(Eip2930Raw));
        Assert.That(signed.HashHex, Is.EqualTo("0x45f053ae265f34b394a0ff045350454225055c2909c7e97d4c9d4ac8e7f804b0"));
    }

    [Test]
    public void DecodesEip2930()
    {
        SignedTransaction decoded = TransactionDecoder.DecodeSigned(Eip2930Raw);
        var transaction = (AccessListTransaction)decoded.Transaction;
        Assert.That(decoded.From, Is.EqualTo(TestKeys.Eip155.Address));
        Assert.That(transaction.AccessList, Has.Count.EqualTo(2));
        Assert.That(transaction.AccessList[0].StorageKeys, Has.Count.EqualTo(2));
        Assert.That(transaction.AccessList[1].StorageKeys, Is.Empty);
        Assert.That(transaction.AccessList[1].Address, Is.EqualTo(Address.Parse("0x3333333333333333333333333333333333333333")));
    }

    [Test]
    public void AccessListEntryRejectsShortStorageKey()
    {
        var error = Assert.Throws<ArgumentException>(() => new AccessListEntry(To, [new byte[31]]));
        Assert.That(error!.Message, Does.Contain("storage key 0 has 31 bytes; expected 32"));
    }
}
