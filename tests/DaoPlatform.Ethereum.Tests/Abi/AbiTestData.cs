using System.Collections;
using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using FsCheck;
using FsCheck.Fluent;

namespace DaoPlatform.Ethereum.Tests.Abi;

/// <summary>Shared helpers for the ABI tests: hex words, structural equality, and random types with matching values.</summary>
internal static class AbiTestData
{
    /// <summary>Concatenates hex fragments (each may carry a 0x prefix and spaces) into bytes.</summary>
    public static byte[] HexBytes(params string[] parts) =>
        HexConvert.Decode(string.Concat(parts.Select(p => HexConvert.StripPrefix(p.Replace(" ", "", StringComparison.Ordinal)).ToString())));

    /// <summary>A 32-byte word holding <paramref name="value"/> as an unsigned big-endian number.</summary>
    public static string Word(ulong value) => value.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);

    public static Address Addr(string hex) => Address.Parse(hex);

    /// <summary>Structural equality of decoded values: byte arrays by content, lists element by element.</summary>
    public static bool DeepEquals(object? a, object? b) => (a, b) switch
    {
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (ReadOnlyMemory<byte> x, byte[] y) => x.Span.SequenceEqual(y),
        (string x, string y) => x == y,
        (IList x, IList y) => x.Count == y.Count && Enumerable.Range(0, x.Count).All(i => DeepEquals(x[i], y[i])),
        _ => Equals(a, b),
    };

    public static Gen<AbiType> Types(int depth)
    {
        Gen<AbiType> leaves = Gen.OneOf(
            Gen.Choose(1, 32).Select(n => (AbiType)new AbiUInt(n * 8)),
            Gen.Choose(1, 32).Select(n => (AbiType)new AbiInt(n * 8)),
            Gen.Constant<AbiType>(AbiAddress.Instance),
            Gen.Constant<AbiType>(AbiBool.Instance),
            Gen.Choose(1, 32).Select(n => (AbiType)new AbiFixedBytes(n)),
            Gen.Constant<AbiType>(AbiBytes.Instance),
            Gen.Constant<AbiType>(AbiString.Instance));
        if (depth == 0)
        {
            return leaves;
        }
        Gen<AbiType> inner = Types(depth - 1);
        return Gen.Frequency(
            (4, leaves),
            (1, inner.SelectMany(e => Gen.Choose(1, 3).Select(k => (AbiType)new AbiFixedArray(e, k)))),
            (1, inner.Select(e => (AbiType)new AbiDynamicArray(e))),
            (2, Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(inner, n)).Select(ts => (AbiType)new AbiTuple(ts))));
    }

    public static Gen<object?> Values(AbiType type) => type switch
    {
        AbiUInt u => Integers(u.Bits / 8, unsigned: true),
        AbiInt i => Integers(i.Bits / 8, unsigned: false),
        AbiAddress => Bytes(20).Select(b => (object?)new Address(b)),
        AbiBool => Gen.Elements(true, false).Select(b => (object?)b),
        AbiFixedBytes f => Bytes(f.Size).Select(b => (object?)b),
        AbiBytes => Gen.Choose(0, 70).SelectMany(Bytes).Select(b => (object?)b),
        AbiString => Gen.ArrayOf(Gen.Elements("a", "Z", " ", "é", "€", "😀", "\0", "abcdefghijklmnopqrstuvwxyz0123456789")).Select(s => (object?)string.Concat(s)),
        AbiFixedArray a => Gen.ArrayOf(Values(a.Element), a.Length).Select(v => (object?)v),
        AbiDynamicArray a => Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Values(a.Element), n)).Select(v => (object?)v),
        AbiTuple t => Sequence(t.Components.Select(c => Values(c.Type)).ToArray()),
        _ => throw new ArgumentException(type.Name),
    };

    /// <summary>Random type trees up to depth 3, each with a random matching value.</summary>
    public static Arbitrary<(AbiType Type, object? Value)> TypedValues() => Arb.From(TypedValueGen());

    public static Gen<(AbiType Type, object? Value)> TypedValueGen() =>
        Gen.Sized(size => Types(Math.Min(size / 25, 3)))
            .SelectMany(type => Values(type).Select(value => (type, value)));

    private static Gen<byte[]> Bytes(int length) => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length);

    // Mostly uniform over the full range, with the boundaries (0, max, min) over-represented.
    private static Gen<object?> Integers(int byteLength, bool unsigned)
    {
        BigInteger max = unsigned ? (BigInteger.One << (8 * byteLength)) - 1 : (BigInteger.One << (8 * byteLength - 1)) - 1;
        BigInteger min = unsigned ? BigInteger.Zero : -(BigInteger.One << (8 * byteLength - 1));
        Gen<object?> uniform = Bytes(byteLength).Select(b => (object?)new BigInteger(b, isUnsigned: unsigned, isBigEndian: true));
        return Gen.Frequency((6, uniform), (1, Gen.Elements<object?>(max, min, BigInteger.Zero, BigInteger.One)));
    }

    private static Gen<object?> Sequence(Gen<object?>[] gens)
    {
        Gen<object?[]> result = Gen.Constant(Array.Empty<object?>());
        foreach (Gen<object?> gen in gens)
        {
            result = result.SelectMany(prefix => gen.Select(value => (object?[])[.. prefix, value]));
        }
        return result.Select(values => (object?)values);
    }
}
