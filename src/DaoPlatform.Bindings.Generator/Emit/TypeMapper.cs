using DaoPlatform.Bindings.Generator.Model;

namespace DaoPlatform.Bindings.Generator.Emit;

/// <summary>
/// The documented Solidity-to-C# type rule (docs/bindings.md) and the expressions that convert between a C# value and
/// the ABI codec's value model (BigInteger, Address, bool, byte[], string, object?[] for arrays and tuples).
/// </summary>
internal sealed class TypeMapper
{
    private readonly Func<SolidityType, string> _recordName;

    /// <param name="recordName">The record name chosen for a tuple type.</param>
    public TypeMapper(Func<SolidityType, string> recordName) => _recordName = recordName;

    public string CSharpType(SolidityType type) => type.Kind switch
    {
        SolidityTypeKind.UInt => type.Size switch
        {
            8 => "byte",
            16 => "ushort",
            <= 32 => "uint",
            <= 64 => "ulong",
            _ => Runtime.BigInteger,
        },
        SolidityTypeKind.Int => type.Size switch
        {
            8 => "sbyte",
            16 => "short",
            <= 32 => "int",
            <= 64 => "long",
            _ => Runtime.BigInteger,
        },
        SolidityTypeKind.Address => Runtime.Address,
        SolidityTypeKind.Bool => "bool",
        SolidityTypeKind.FixedBytes or SolidityTypeKind.Bytes => "byte[]",
        SolidityTypeKind.String => "string",
        SolidityTypeKind.FixedArray or SolidityTypeKind.DynamicArray => Runtime.ReadOnlyList + "<" + CSharpType(type.Element!) + ">",
        SolidityTypeKind.Tuple => _recordName(type),
        _ => throw new InvalidOperationException($"Unhandled kind {type.Kind}."),
    };

    /// <summary>An expression turning the C# value <paramref name="expression"/> into the codec's value.</summary>
    public string ToAbi(SolidityType type, string expression) => type.Kind switch
    {
        SolidityTypeKind.UInt or SolidityTypeKind.Int when type.Size <= 64 => $"({Runtime.BigInteger}){expression}",
        SolidityTypeKind.FixedArray or SolidityTypeKind.DynamicArray =>
            $"{Runtime.ContractValues}.FromList({expression}, static e => (object?){ToAbi(type.Element!, "e")})",
        SolidityTypeKind.Tuple => $"{expression}.ToAbi()",
        _ => expression,
    };

    /// <summary>An expression turning the codec's value <paramref name="expression"/> (an object?) into the C# value.</summary>
    public string FromAbi(SolidityType type, string expression) => type.Kind switch
    {
        SolidityTypeKind.UInt or SolidityTypeKind.Int => $"{Runtime.ContractValues}.{IntegerReader(type)}({expression})",
        SolidityTypeKind.Address => $"{Runtime.ContractValues}.ToAddress({expression})",
        SolidityTypeKind.Bool => $"{Runtime.ContractValues}.ToBoolean({expression})",
        SolidityTypeKind.FixedBytes or SolidityTypeKind.Bytes => $"{Runtime.ContractValues}.ToBytes({expression})",
        SolidityTypeKind.String => $"{Runtime.ContractValues}.ToText({expression})",
        SolidityTypeKind.FixedArray or SolidityTypeKind.DynamicArray =>
            $"{Runtime.ContractValues}.ToList({expression}, static e => {FromAbi(type.Element!, "e")})",
        SolidityTypeKind.Tuple => $"{_recordName(type)}.FromAbi({expression})",
        _ => throw new InvalidOperationException($"Unhandled kind {type.Kind}."),
    };

    private static string IntegerReader(SolidityType type) => (type.Kind, type.Size) switch
    {
        (SolidityTypeKind.UInt, 8) => "ToByte",
        (SolidityTypeKind.UInt, 16) => "ToUInt16",
        (SolidityTypeKind.UInt, <= 32) => "ToUInt32",
        (SolidityTypeKind.UInt, <= 64) => "ToUInt64",
        (SolidityTypeKind.Int, 8) => "ToSByte",
        (SolidityTypeKind.Int, 16) => "ToInt16",
        (SolidityTypeKind.Int, <= 32) => "ToInt32",
        (SolidityTypeKind.Int, <= 64) => "ToInt64",
        _ => "ToBigInteger",
    };
}
