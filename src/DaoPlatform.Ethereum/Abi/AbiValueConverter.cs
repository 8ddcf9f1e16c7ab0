using System.Collections;
using System.Numerics;

namespace DaoPlatform.Ethereum.Abi;

/// <summary>Turns the CLR values callers pass into the few shapes the encoders work on.</summary>
internal static class AbiValueConverter
{
    public static BigInteger ToBigInteger(object? value, string typeName) => value switch
    {
        BigInteger big => big,
        int i => i,
        long l => l,
        uint u => u,
        ulong ul => ul,
        short s => s,
        ushort us => us,
        byte b => b,
        sbyte sb => sb,
        Int128 i128 => i128,
        UInt128 u128 => u128,
        _ => throw Mismatch(value, typeName, "an integer (BigInteger, int, long, ulong, ...)"),
    };

    public static ReadOnlySpan<byte> ToBytes(object? value, string typeName) => value switch
    {
        byte[] array => array,
        ReadOnlyMemory<byte> memory => memory.Span,
        Memory<byte> memory => memory.Span,
        _ => throw Mismatch(value, typeName, "bytes (byte[] or ReadOnlyMemory<byte>)"),
    };

    public static IList ToList(object? value, string typeName) =>
        value as IList ?? (value as AbiValues)?.AsList() ?? throw Mismatch(value, typeName, "a list of values (object?[] or any IList)");

    private static AbiException Mismatch(object? value, string typeName, string expected) =>
        new($"ABI encode: {typeName} expects {expected}; got {(value is null ? "null" : value.GetType().Name)}.");
}
