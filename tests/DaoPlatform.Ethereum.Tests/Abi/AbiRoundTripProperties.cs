using DaoPlatform.Ethereum.Abi;
using FsCheck;
using FsCheck.Fluent;
using static DaoPlatform.Ethereum.Tests.Abi.AbiTestData;

namespace DaoPlatform.Ethereum.Tests.Abi;

public class AbiRoundTripProperties
{
    [FsCheckProperty(MaxTest = 300)]
    public Property RandomNestedValuesRoundTrip() => Prop.ForAll(TypedValues(), pair =>
    {
        var (type, value) = pair;
        byte[] encoded = type.Encode(value);
        int position = 0;
        object? decoded = type.Decode(encoded, ref position);
        return encoded.Length == type.GetEncodedSize(value)
            && encoded.Length % 32 == 0
            && position == encoded.Length
            && DeepEquals(decoded, value);
    });

    [FsCheckProperty(MaxTest = 300)]
    public Property TypeNamesParseBackToTheSameType() => Prop.ForAll(TypedValues(), pair =>
    {
        AbiType parsed = AbiType.Parse(pair.Type.Name);
        return parsed.Equals(pair.Type) && parsed.Name == pair.Type.Name && parsed.IsDynamic == pair.Type.IsDynamic;
    });

    [FsCheckProperty(MaxTest = 300)]
    public Property AsFunctionArgumentsValuesRoundTrip() => Prop.ForAll(TypedValues(), TypedValues(), (a, b) =>
    {
        var function = new AbiFunction("f", [new AbiParameter("a", a.Type), new AbiParameter("b", b.Type)], []);
        byte[] callData = function.EncodeCall(a.Value, b.Value);
        AbiValues decoded = function.DecodeCall(callData);
        return DeepEquals(decoded["a"], a.Value) && DeepEquals(decoded["b"], b.Value);
    });

    // Every byte of a canonical encoding is needed: any shorter prefix must fail with an AbiException.
    [FsCheckProperty(MaxTest = 200)]
    public Property TruncatedEncodingsAreRejected() => Prop.ForAll(TypedValues(), Arb.From(Gen.Choose(0, 10_000)), (pair, cut) =>
    {
        byte[] encoded = new AbiTuple(pair.Type).Encode(new[] { pair.Value });
        byte[] truncated = encoded[..(cut % encoded.Length)];
        try
        {
            new AbiTuple(pair.Type).Decode(truncated);
            return false;
        }
        catch (AbiException)
        {
            return true;
        }
    });

    // Strict decoding is the inverse of encoding: whatever decodes must re-encode to exactly the bytes it
    // consumed (a shrunken length can leave trailing bytes, which top-level decoding ignores as Solidity does).
    [FsCheckProperty(MaxTest = 300)]
    public Property CorruptedEncodingsFailOrReencodeIdentically() =>
        Prop.ForAll(TypedValues(), Arb.From(Gen.Choose(0, int.MaxValue)), Arb.From(Gen.Choose(1, 255)), (pair, where, flip) =>
        {
            var tuple = new AbiTuple(pair.Type);
            byte[] data = tuple.Encode(new[] { pair.Value });
            data[where % data.Length] ^= (byte)flip;
            object? decoded;
            int position = 0;
            try
            {
                decoded = tuple.Decode(data, ref position);
            }
            catch (AbiException)
            {
                return true;
            }
            return tuple.Encode(decoded).AsSpan().SequenceEqual(data.AsSpan(0, position));
        });

    [FsCheckProperty(MaxTest = 300)]
    public Property RandomBytesDecodeOrFailWithAbiException() => Prop.ForAll(TypedValues(), pair =>
        Prop.ForAll(Arb.From(Gen.Choose(0, 200).SelectMany(n => Gen.ArrayOf(Gen.Elements<byte>(0, 0, 0, 1, 0x20, 0x40, 0xff), n))), garbage =>
        {
            try
            {
                new AbiTuple(pair.Type).Decode(garbage);
            }
            catch (AbiException)
            {
            }
            return true;
        }));
}
