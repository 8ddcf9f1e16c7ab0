using System.Collections;
using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.Contracts;

/// <summary>
/// Conversions between the ABI codec's value model (BigInteger, Address, bool, byte[], string, lists for arrays and
/// tuples) and the typed C# values of the generated bindings. A value of the wrong shape is an
/// <see cref="AbiException"/> naming what was expected and what came.
/// </summary>
public static class ContractValues
{
    /// <summary>A decoded <c>uint8</c>.</summary>
    public static byte ToByte(object? value) => checked((byte)ToBigInteger(value));

    /// <summary>A decoded <c>uint16</c>.</summary>
    public static ushort ToUInt16(object? value) => checked((ushort)ToBigInteger(value));

    /// <summary>A decoded <c>uint24</c> or <c>uint32</c>.</summary>
    public static uint ToUInt32(object? value) => checked((uint)ToBigInteger(value));

    /// <summary>A decoded <c>uint40</c>..<c>uint64</c>.</summary>
    public static ulong ToUInt64(object? value) => checked((ulong)ToBigInteger(value));

    /// <summary>A decoded <c>int8</c>.</summary>
    public static sbyte ToSByte(object? value) => checked((sbyte)ToBigInteger(value));

    /// <summary>A decoded <c>int16</c>.</summary>
    public static short ToInt16(object? value) => checked((short)ToBigInteger(value));

    /// <summary>A decoded <c>int24</c> or <c>int32</c>.</summary>
    public static int ToInt32(object? value) => checked((int)ToBigInteger(value));

    /// <summary>A decoded <c>int40</c>..<c>int64</c>.</summary>
    public static long ToInt64(object? value) => checked((long)ToBigInteger(value));

    /// <summary>A decoded integer wider than 64 bits.</summary>
    public static BigInteger ToBigInteger(object? value) => value is BigInteger number ? number : throw Mismatch(value, "an integer (BigInteger)");

    /// <summary>A decoded <c>address</c>.</summary>
    public static Address ToAddress(object? value) => value is Address address ? address : throw Mismatch(value, "an Address");

    /// <summary>A decoded <c>bool</c>.</summary>
    public static bool ToBoolean(object? value) => value is bool flag ? flag : throw Mismatch(value, "a bool");

    /// <summary>Bytes, bytesN, or the keccak-256 topic of an indexed dynamic event value.</summary>
    public static byte[] ToBytes(object? value) => value switch
    {
        byte[] bytes => bytes,
        AbiIndexedHash hash => hash.Hash.ToArray(),
        _ => throw Mismatch(value, "bytes"),
    };

    /// <summary>A decoded <c>string</c>.</summary>
    public static string ToText(object? value) => value is string text ? text : throw Mismatch(value, "a string");

    /// <summary>A decoded array as a typed list.</summary>
    public static IReadOnlyList<T> ToList<T>(object? value, Func<object?, T> convert)
    {
        ArgumentNullException.ThrowIfNull(convert);
        if (value is not IList list)
        {
            throw Mismatch(value, "an array");
        }

        var result = new T[list.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = convert(list[i]);
        }

        return result;
    }

    /// <summary>A typed list as the codec's array value.</summary>
    public static object?[] FromList<T>(IReadOnlyList<T> list, Func<T, object?> convert)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(convert);
        var result = new object?[list.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = convert(list[i]);
        }

        return result;
    }

    /// <summary>A decoded tuple's fields, checked to number <paramref name="count"/>.</summary>
    public static IReadOnlyList<object?> ToTuple(object? value, int count)
    {
        var fields = value switch
        {
            IReadOnlyList<object?> values => values,
            _ => throw Mismatch(value, $"a tuple of {count} fields"),
        };
        return fields.Count == count ? fields : throw Mismatch(value, $"a tuple of {count} fields, not {fields.Count}");
    }

    private static AbiException Mismatch(object? value, string expected) =>
        new($"Binding decode: expected {expected}; got {(value is null ? "null" : value.GetType().Name)}.");
}
