using System.Buffers;
using System.Numerics;
using DaoPlatform.Ethereum.Rlp;
using FsCheck;
using FsCheck.Fluent;

namespace DaoPlatform.Ethereum.Tests.Rlp;

public class RlpRoundTripProperties
{
    private static Gen<RlpItem> ItemOfDepth(int depth)
    {
        Gen<RlpItem> strings = ArbMap.Default.GeneratorFor<byte[]>()
            .Select(bytes => (RlpItem)new RlpString(bytes));
        // Long strings cross the 55/56-byte boundary that separates the short and long header forms.
        Gen<RlpItem> longStrings = Gen.Choose(50, 300)
            .SelectMany(length => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length))
            .Select(bytes => (RlpItem)new RlpString(bytes));
        if (depth == 0)
        {
            return Gen.OneOf(strings, longStrings);
        }
        Gen<RlpItem> lists = Gen.ListOf(ItemOfDepth(depth - 1))
            .Select(items => (RlpItem)new RlpList(items));
        return Gen.Frequency((3, strings), (1, longStrings), (3, lists));
    }

    private static Arbitrary<RlpItem> Items() => Arb.From(Gen.Sized(size => ItemOfDepth(Math.Min(size / 20, 4))));

    [FsCheckProperty]
    public Property NestedItemsRoundTrip() => Prop.ForAll(Items(), item =>
    {
        byte[] encoded = item.Encode();
        return encoded.Length == item.EncodedLength && RlpItem.Decode(encoded).Equals(item);
    });

    [FsCheckProperty]
    public Property BufferWriterMatchesArrayEncoding() => Prop.ForAll(Items(), item =>
    {
        var buffer = new ArrayBufferWriter<byte>();
        item.Encode(buffer);
        return buffer.WrittenSpan.SequenceEqual(item.Encode());
    });

    [FsCheckProperty]
    public bool UInt64RoundTrips(ulong value)
    {
        byte[] buffer = new byte[RlpWriter.LengthOf(value)];
        var writer = new RlpWriter(buffer);
        writer.WriteUInt64(value);
        var reader = new RlpReader(buffer);
        return writer.Position == buffer.Length && reader.ReadUInt64() == value && !reader.HasMore;
    }

    [FsCheckProperty]
    public bool UInt256RoundTrips(byte[] bytes)
    {
        var value = new BigInteger(bytes.AsSpan(0, Math.Min(bytes.Length, 32)), isUnsigned: true, isBigEndian: true);
        byte[] buffer = new byte[RlpWriter.LengthOf(value)];
        var writer = new RlpWriter(buffer);
        writer.WriteBigInteger(value);
        var reader = new RlpReader(buffer);
        return writer.Position == buffer.Length && reader.ReadBigInteger() == value;
    }
}
