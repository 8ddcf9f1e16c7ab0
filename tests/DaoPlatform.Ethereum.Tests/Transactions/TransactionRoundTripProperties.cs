using System.Numerics;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Transactions;
using FsCheck;
using FsCheck.Fluent;

namespace DaoPlatform.Ethereum.Tests.Transactions;

public class TransactionRoundTripProperties
{
    private static Gen<byte[]> Bytes(int length) => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length);

    private static Gen<BigInteger> UInt256 =>
        Gen.Choose(0, 32).SelectMany(Bytes).Select(bytes => new BigInteger(bytes, isUnsigned: true, isBigEndian: true));

    private static Gen<Address?> To =>
        Gen.Frequency((4, Bytes(20).Select(bytes => (Address?)new Address(bytes))), (1, Gen.Constant((Address?)null)));

    private static Gen<AccessListEntry[]> AccessList =>
        Gen.ArrayOf(
            from address in Bytes(20)
            from keys in Gen.ArrayOf(Bytes(32))
            select new AccessListEntry(new Address(address), keys));

    private static Gen<Transaction> Transactions =>
        from nonce in ArbMap.Default.GeneratorFor<ulong>()
        from gas in ArbMap.Default.GeneratorFor<ulong>()
        from chainId in ArbMap.Default.GeneratorFor<ulong>()
        from to in To
        from value in UInt256
        from fee1 in UInt256
        from fee2 in UInt256
        from data in ArbMap.Default.GeneratorFor<byte[]>()
        from accessList in AccessList
        from kind in Gen.Choose(0, 3)
        select kind switch
        {
            0 => (Transaction)new LegacyTransaction { Nonce = nonce, GasPrice = fee1, GasLimit = gas, To = to, Value = value, Data = data },
            1 => new LegacyTransaction { ChainId = chainId, Nonce = nonce, GasPrice = fee1, GasLimit = gas, To = to, Value = value, Data = data },
            2 => new AccessListTransaction { ChainId = chainId, Nonce = nonce, GasPrice = fee1, GasLimit = gas, To = to, Value = value, Data = data, AccessList = accessList },
            _ => new DynamicFeeTransaction { ChainId = chainId, Nonce = nonce, MaxPriorityFeePerGas = fee1, MaxFeePerGas = fee2, GasLimit = gas, To = to, Value = value, Data = data, AccessList = accessList },
        };

    [FsCheckProperty(MaxTest = 60)]
    public Property SignedTransactionsDecodeToTheSameBytesAndSender() => Prop.ForAll(Arb.From(Transactions), transaction =>
    {
        SignedTransaction signed = transaction.Sign(TestKeys.Eip155);
        SignedTransaction decoded = TransactionDecoder.DecodeSigned(signed.Raw.Span);
        return decoded.Type == transaction.Type
            && decoded.From == TestKeys.Eip155.Address
            && decoded.Signature == signed.Signature
            && decoded.Hash.Span.SequenceEqual(signed.Hash.Span)
            && decoded.Transaction.GetSigningPayload().AsSpan().SequenceEqual(transaction.GetSigningPayload())
            && decoded.Transaction.WithSignature(decoded.Signature).Raw.Span.SequenceEqual(signed.Raw.Span);
    });
}
