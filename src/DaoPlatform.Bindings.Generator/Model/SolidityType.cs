using System.Globalization;
using DaoPlatform.Ethereum.Abi;

namespace DaoPlatform.Bindings.Generator.Model;

/// <summary>
/// A Solidity ABI type as the generator sees it: the shape needed to choose a C# type.
/// <see cref="Size"/> is the bit width of integers, the byte length of <c>bytesN</c> and the length of <c>T[k]</c>.
/// </summary>
internal sealed class SolidityType
{
    private SolidityType(SolidityTypeKind kind, int size, SolidityType? element, IReadOnlyList<ParameterModel> components, string? structName)
    {
        Kind = kind;
        Size = size;
        Element = element;
        Components = components;
        StructName = structName;
    }

    public SolidityTypeKind Kind { get; }

    public int Size { get; }

    /// <summary>The element type of an array.</summary>
    public SolidityType? Element { get; }

    /// <summary>The fields of a tuple; empty for every other kind.</summary>
    public IReadOnlyList<ParameterModel> Components { get; }

    /// <summary>The struct name from <c>internalType</c> (<c>Owner.Name</c> or <c>Name</c>) for tuples, when the ABI carries one.</summary>
    public string? StructName { get; }

    public bool IsDynamic => Kind switch
    {
        SolidityTypeKind.Bytes or SolidityTypeKind.String or SolidityTypeKind.DynamicArray => true,
        SolidityTypeKind.FixedArray => Element!.IsDynamic,
        SolidityTypeKind.Tuple => Components.Any(c => c.Type.IsDynamic),
        _ => false,
    };

    /// <summary>The canonical type string used in signatures, e.g. <c>(uint256,address)[]</c>.</summary>
    public string Canonical => Kind switch
    {
        SolidityTypeKind.UInt => "uint" + Size.ToString(CultureInfo.InvariantCulture),
        SolidityTypeKind.Int => "int" + Size.ToString(CultureInfo.InvariantCulture),
        SolidityTypeKind.Address => "address",
        SolidityTypeKind.Bool => "bool",
        SolidityTypeKind.FixedBytes => "bytes" + Size.ToString(CultureInfo.InvariantCulture),
        SolidityTypeKind.Bytes => "bytes",
        SolidityTypeKind.String => "string",
        SolidityTypeKind.FixedArray => Element!.Canonical + "[" + Size.ToString(CultureInfo.InvariantCulture) + "]",
        SolidityTypeKind.DynamicArray => Element!.Canonical + "[]",
        SolidityTypeKind.Tuple => "(" + string.Join(",", Components.Select(c => c.Type.Canonical)) + ")",
        _ => throw new InvalidOperationException($"Unhandled kind {Kind}."),
    };

    /// <summary>
    /// The generator's view of a type of the ABI layer. <paramref name="internalType"/> is the parameter's
    /// <c>internalType</c> (<c>struct Owner.Name[2][]</c>), which names the struct of a tuple or an array of tuples.
    /// </summary>
    public static SolidityType From(AbiType type, string? internalType) => type switch
    {
        AbiUInt u => new(SolidityTypeKind.UInt, u.Bits, null, [], null),
        AbiInt i => new(SolidityTypeKind.Int, i.Bits, null, [], null),
        AbiAddress => new(SolidityTypeKind.Address, 0, null, [], null),
        AbiBool => new(SolidityTypeKind.Bool, 0, null, [], null),
        AbiFixedBytes b => new(SolidityTypeKind.FixedBytes, b.Size, null, [], null),
        AbiBytes => new(SolidityTypeKind.Bytes, 0, null, [], null),
        AbiString => new(SolidityTypeKind.String, 0, null, [], null),
        AbiFixedArray a => new(SolidityTypeKind.FixedArray, a.Length, From(a.Element, internalType), [], null),
        AbiDynamicArray a => new(SolidityTypeKind.DynamicArray, 0, From(a.Element, internalType), [], null),
        AbiTuple t => new(SolidityTypeKind.Tuple, 0, null, [.. t.Components.Select(ParameterModel.From)], StructNameOf(internalType)),
        _ => throw new InvalidOperationException($"The ABI type {type} has no C# mapping."),
    };

    /// <summary>An unnamed tuple of <paramref name="components"/> (the outputs of a function returning several values).</summary>
    public static SolidityType Tuple(IReadOnlyList<ParameterModel> components) => new(SolidityTypeKind.Tuple, 0, null, components, null);

    /// <summary><c>struct Owner.Name[2][]</c> becomes <c>Owner.Name</c>; anything but a struct has none.</summary>
    private static string? StructNameOf(string? internalType)
    {
        const string Prefix = "struct ";
        if (internalType is null || !internalType.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var name = internalType[Prefix.Length..];
        var bracket = name.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? name : name[..bracket];
    }
}
