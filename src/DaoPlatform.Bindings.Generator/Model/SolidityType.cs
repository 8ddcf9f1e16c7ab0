using System.Globalization;

namespace DaoPlatform.Bindings.Generator.Model;

/// <summary>
/// A Solidity ABI type as the generator sees it: the shape needed to choose a C# type.
/// <see cref="Size"/> is the bit width of integers, the byte length of <c>bytesN</c> and the length of <c>T[k]</c>.
/// </summary>
internal sealed class SolidityType
{
    private SolidityType(SolidityTypeKind kind, int size, SolidityType? element, IReadOnlyList<AbiParameter> components, string? structName)
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
    public IReadOnlyList<AbiParameter> Components { get; }

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
    /// Parses a JSON ABI <c>type</c> (<c>uint256</c>, <c>bytes32[2][]</c>, <c>tuple[]</c>) whose tuple fields are
    /// <paramref name="components"/>. Returns null with <paramref name="error"/> set when the type is not valid.
    /// </summary>
    public static SolidityType? TryParse(string type, IReadOnlyList<AbiParameter>? components, string? structName, out string? error)
    {
        error = null;
        var end = type.Length;
        var suffixes = new List<int>(); // -1 for [], k for [k], innermost last
        while (end > 0 && type[end - 1] == ']')
        {
            var open = type.LastIndexOf('[', end - 1);
            if (open < 0)
            {
                error = $"type '{type}' has an unmatched ']'";
                return null;
            }

            var inner = type.AsSpan(open + 1, end - open - 2);
            if (inner.IsEmpty)
            {
                suffixes.Add(-1);
            }
            else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length > 0 && inner[0] != '0')
            {
                suffixes.Add(length);
            }
            else
            {
                error = $"type '{type}' has an invalid array length '{inner.ToString()}'";
                return null;
            }

            end = open;
        }

        var baseName = type[..end];
        SolidityType? current;
        if (baseName == "tuple")
        {
            if (components is null)
            {
                error = $"type '{type}' is a tuple without components";
                return null;
            }

            current = new SolidityType(SolidityTypeKind.Tuple, 0, null, components, structName);
        }
        else
        {
            current = ParseElementary(baseName);
            if (current is null)
            {
                error = $"unknown type '{baseName}'" + (baseName == type ? string.Empty : $" in '{type}'");
                return null;
            }
        }

        // Suffixes were collected right to left; the leftmost suffix binds first (T[2][] is an array of T[2]).
        for (var i = suffixes.Count - 1; i >= 0; i--)
        {
            current = suffixes[i] < 0
                ? new SolidityType(SolidityTypeKind.DynamicArray, 0, current, [], null)
                : new SolidityType(SolidityTypeKind.FixedArray, suffixes[i], current, [], null);
        }

        return current;
    }

    private static SolidityType? ParseElementary(string name)
    {
        switch (name)
        {
            case "address":
                return new SolidityType(SolidityTypeKind.Address, 0, null, [], null);
            case "bool":
                return new SolidityType(SolidityTypeKind.Bool, 0, null, [], null);
            case "string":
                return new SolidityType(SolidityTypeKind.String, 0, null, [], null);
            case "bytes":
                return new SolidityType(SolidityTypeKind.Bytes, 0, null, [], null);
            case "uint":
                return new SolidityType(SolidityTypeKind.UInt, 256, null, [], null);
            case "int":
                return new SolidityType(SolidityTypeKind.Int, 256, null, [], null);
            case "function":
                // An external function pointer is encoded as bytes24 (address + selector).
                return new SolidityType(SolidityTypeKind.FixedBytes, 24, null, [], null);
        }

        if (TrySuffixNumber(name, "uint", out var bits) && IsIntegerWidth(bits))
        {
            return new SolidityType(SolidityTypeKind.UInt, bits, null, [], null);
        }

        if (TrySuffixNumber(name, "int", out bits) && IsIntegerWidth(bits))
        {
            return new SolidityType(SolidityTypeKind.Int, bits, null, [], null);
        }

        if (TrySuffixNumber(name, "bytes", out var length) && length is >= 1 and <= 32)
        {
            return new SolidityType(SolidityTypeKind.FixedBytes, length, null, [], null);
        }

        return null;
    }

    private static bool IsIntegerWidth(int bits) => bits is >= 8 and <= 256 && bits % 8 == 0;

    private static bool TrySuffixNumber(string name, string prefix, out int number)
    {
        number = 0;
        if (!name.StartsWith(prefix, StringComparison.Ordinal) || name.Length == prefix.Length || name[prefix.Length] == '0')
        {
            return false;
        }

        return int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
