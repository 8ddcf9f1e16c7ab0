using System.Numerics;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Transactions;

namespace DaoPlatform.Ethereum.Tests.Transactions;

public class LegacyTransactionTests
{
    private static readonly Address To = Address.Parse("0x3535353535353535353535353535353535353535");

    // The example in the EIP-155 text.
    private static LegacyTransaction Eip155Example() => new()
    {
        ChainId = 1,
        Nonce = 9,
        GasPrice = 20_000_000_000,
        GasLimit = 21000,
        To = To,
        Value = BigInteger.Pow(10, 18),
    };

    private const string Eip155SignedTx =
        "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83";

    [Test]
    public void Eip155ExampleSigningDataAndHash()
    {
        LegacyTransaction transaction = Eip155Example();
        Assert.That(HexConvert.Encode(transaction.GetSigningPayload()),
            Is.EqualTo("0xec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080018080"));
        Assert.That(HexConvert.Encode(transaction.GetSigningHash()),
            Is.EqualTo("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53"));
    }

    [Test]
    public void Eip155ExampleSignsToThePublishedTransaction()
    {
        SignedTransaction signed = Eip155Example().Sign(TestKeys.Eip155);
        Assert.That(signed.Signature.R, Is.EqualTo(BigInteger.Parse("18515461264373351373200002665853028612451056578545711640558177340181847433846")));
        Assert.That(signed.Signature.S, Is.EqualTo(BigInteger.Parse("46948507304638947509940763649030358759909902576025900602547168820602576006531")));
        Assert.That(signed.RawHex, Is.EqualTo(Eip155SignedTx));
    }

    [Test]
    public void DecodesTheEip155ExampleAndRecoversTheSender()
    {
        SignedTransaction decoded = TransactionDecoder.DecodeSigned(Eip155SignedTx);
        var transaction = (LegacyTransaction)decoded.Transaction;
        Assert.That(transaction.ChainId, Is.EqualTo(1UL));
        Assert.That(transaction.Nonce, Is.EqualTo(9UL));
        Assert.That(transaction.GasPrice, Is.EqualTo(new BigInteger(20_000_000_000)));
        Assert.That(transaction.To, Is.EqualTo(To));
        Assert.That(transaction.Data.Length, Is.Zero);
        Assert.That(decoded.From, Is.EqualTo(TestKeys.Eip155.Address));
        Assert.That(decoded.RawHex, Is.EqualTo(Eip155SignedTx));
    }

    [Test]
    public void PreEip155TransactionMatchesEthers()
    {
        // ethers 6.17 Transaction {type 0, nonce 1, gasPrice 1 gwei, gas 21000, to 0x35..35, value 10}, no chain id.
        var transaction = new LegacyTransaction { Nonce = 1, GasPrice = 1_000_000_000, GasLimit = 21000, To = To, Value = 10 };
        Assert.That(HexConvert.Encode(transaction.GetSigningHash()), Is.EqualTo("0x6e743cb2873731d61e090a0c21a7d84675908485df690a9c428b7ecd1b88266b"));
        SignedTransaction signed = transaction.Sign(TestKeys.Eip155);
        Assert.That(signed.RawHex, Is.EqualTo("0xf86301843b9aca008252089435353535353535353535353535353535353535350a801ba08aa1700f83cc18c7ba1c620e69dc08fa16e9186ad9e0dc0ddef8d051c7ea7c28a06c3d4a3af96eb6326d3108024d58dc5f1a2526859f3c5e9f70eb4df0a02bf87d"));
        Assert.That(signed.HashHex, Is.EqualTo("0x22919506afda43c4f86c35e20de69321f6d52d75960f4770567c95059180c0f5"));
        var decoded = TransactionDecoder.DecodeSigned(signed.RawHex);
        Assert.That(((LegacyTransaction)decoded.Transaction).ChainId, Is.Null);
        Assert.That(decoded.From, Is.EqualTo(TestKeys.Eip155.Address));
    }

    [Test]
    public void LargeChainIdGivesMultiByteV()
    {
        var transaction = new LegacyTransaction { ChainId = 11155420, Nonce = 0, GasPrice = 1, GasLimit = 21000, To = To };
        SignedTransaction signed = transaction.Sign(TestKeys.Eip155);
        SignedTransaction decoded = TransactionDecoder.DecodeSigned(signed.Raw.Span);
        Assert.That(((LegacyTransaction)decoded.Transaction).ChainId, Is.EqualTo(11155420UL));
        Assert.That(decoded.From, Is.EqualTo(TestKeys.Eip155.Address));
    }
}
