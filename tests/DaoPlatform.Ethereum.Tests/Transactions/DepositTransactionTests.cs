using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Transactions;

namespace DaoPlatform.Ethereum.Tests.Transactions;

public class DepositTransactionTests
{
    // A real L1-attributes deposit with its hash, from the Base node-reth flashblocks RPC tests
    // (DEPOSIT_TX / DEPOSIT_TX_HASH, sender 0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001).
    private const string L1AttributesDeposit =
        "0x7ef8f8a042a8ae5ec231af3d0f90f68543ec8bca1da4f7edd712d5b51b490688355a6db794deaddeaddeaddeaddeaddeaddeaddeaddead00019442000000000000000000000000000000000000158080830f424080b8a4440a5e200000044d000a118b00000000000000040000000067cb7cb0000000000077dbd4000000000000000000000000000000000000000000000000000000000000000a00000000000000000000000000000000000000000000000000000000000000014edd27304108914dd6503b19b9eeb9956982ef197febbeeed8a9eac3dbaaabdf000000000000000000000000fc56e7272eebbba5bc6c544e159483c4a38f8ba3";

    [Test]
    public void DecodesARealL1AttributesDeposit()
    {
        var deposit = (DepositTransaction)TransactionDecoder.Decode(L1AttributesDeposit);
        Assert.That(deposit.Type, Is.EqualTo(TransactionType.Deposit));
        Assert.That(HexConvert.Encode(deposit.Hash.Span), Is.EqualTo("0x2be2e6f8b01b03b87ae9f0ebca8bbd420f174bef0fbcc18c7802c5378b78f548"));
        Assert.That(HexConvert.Encode(deposit.SourceHash), Is.EqualTo("0x42a8ae5ec231af3d0f90f68543ec8bca1da4f7edd712d5b51b490688355a6db7"));
        Assert.That(deposit.From, Is.EqualTo(Address.Parse("0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001")));
        Assert.That(deposit.To, Is.EqualTo(Address.Parse("0x4200000000000000000000000000000000000015")));
        Assert.That(deposit.Mint.IsZero, Is.True);
        Assert.That(deposit.Value.IsZero, Is.True);
        Assert.That(deposit.GasLimit, Is.EqualTo(1_000_000UL));
        Assert.That(deposit.IsSystemTransaction, Is.False);
        // setL1BlockValuesEcotone() selector, then the packed L1 attributes: 164 bytes in all.
        Assert.That(deposit.Data.Length, Is.EqualTo(164));
        Assert.That(HexConvert.Encode(deposit.Data.Span[..4]), Is.EqualTo("0x440a5e20"));
    }

    [Test]
    public void DecodesACreationWithMintAndSystemFlag()
    {
        // Built per the OP deposit spec: [sourceHash, from, to = empty, mint = 1 ether, value = 5, gas = 21000, isSystemTx = true, data = 0x00].
        string raw = "0x7ef846" + "a0" + new string('1', 64) + "94" + new string('a', 40) + "80" + "880de0b6b3a7640000" + "05" + "825208" + "01" + "00";
        var deposit = (DepositTransaction)TransactionDecoder.Decode(raw);
        Assert.That(deposit.To, Is.Null);
        Assert.That(deposit.Mint, Is.EqualTo(System.Numerics.BigInteger.Pow(10, 18)));
        Assert.That(deposit.Value, Is.EqualTo(new System.Numerics.BigInteger(5)));
        Assert.That(deposit.GasLimit, Is.EqualTo(21000UL));
        Assert.That(deposit.IsSystemTransaction, Is.True);
        Assert.That(deposit.Data.ToArray(), Is.EqualTo(new byte[] { 0 }));
    }

    [Test]
    public void RejectsSystemFlagOtherThanEmptyOrOne()
    {
        string raw = "0x7ef846" + "a0" + new string('1', 64) + "94" + new string('a', 40) + "80" + "880de0b6b3a7640000" + "05" + "825208" + "02" + "00";
        var error = Assert.Throws<TransactionException>(() => TransactionDecoder.Decode(raw));
        Assert.That(error!.Message, Does.Contain("isSystemTx at offset"));
    }

    [Test]
    public void DecodeSignedRefusesDeposits()
    {
        var error = Assert.Throws<TransactionException>(() => TransactionDecoder.DecodeSigned(L1AttributesDeposit));
        Assert.That(error!.Message, Does.Contain("unsigned OP-stack deposit"));
    }
}
