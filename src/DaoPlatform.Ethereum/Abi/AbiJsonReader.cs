using System.Text.Json;

namespace DaoPlatform.Ethereum.Abi;

/// <summary>Reads the parameter objects of a JSON ABI (<c>name</c>, <c>type</c>, <c>components</c>, <c>internalType</c>, <c>indexed</c>).</summary>
internal static class AbiJsonReader
{
    public static List<AbiParameter> ReadParameters(JsonElement entry, string property, bool required, bool allowIndexed)
    {
        var parameters = new List<AbiParameter>();
        if (!entry.TryGetProperty(property, out JsonElement list) || list.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new AbiException($"'{property}' is missing") : parameters;
        }
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new AbiException($"'{property}' is not an array");
        }
        int index = 0;
        foreach (JsonElement item in list.EnumerateArray())
        {
            try
            {
                parameters.Add(ReadParameter(item, allowIndexed));
            }
            catch (AbiException e)
            {
                e.PrependPath($"{property}[{index}]");
                throw;
            }
            index++;
        }
        return parameters;
    }

    public static string? ReadString(JsonElement entry, string property)
    {
        if (!entry.TryGetProperty(property, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new AbiException($"'{property}' is a {value.ValueKind}, not a string");
    }

    public static bool ReadBool(JsonElement entry, string property)
    {
        if (!entry.TryGetProperty(property, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new AbiException($"'{property}' is a {value.ValueKind}, not a boolean"),
        };
    }

    private static AbiParameter ReadParameter(JsonElement item, bool allowIndexed)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new AbiException($"a parameter is a {item.ValueKind}, not an object");
        }
        string name = ReadString(item, "name") ?? "";
        string type = ReadString(item, "type") ?? throw new AbiException($"parameter '{name}' has no 'type'");
        bool indexed = ReadBool(item, "indexed");
        if (indexed && !allowIndexed)
        {
            throw new AbiException($"parameter '{name}' is 'indexed' outside an event");
        }
        return new AbiParameter(name, ReadType(item, type, name), ReadString(item, "internalType"), indexed);
    }

    private static AbiType ReadType(JsonElement item, string type, string name)
    {
        int suffix = type.IndexOf('[', StringComparison.Ordinal);
        string baseType = suffix < 0 ? type : type[..suffix];
        if (baseType != "tuple")
        {
            if (item.TryGetProperty("components", out JsonElement stray) && stray.ValueKind == JsonValueKind.Array && stray.GetArrayLength() > 0)
            {
                throw new AbiException($"parameter '{name}' of type '{type}' has 'components'; only tuples do");
            }
            return WrapParseError(() => AbiType.Parse(type), name);
        }
        var tuple = new AbiTuple(ReadParameters(item, "components", required: true, allowIndexed: false));
        if (suffix < 0)
        {
            return tuple;
        }
        // Reuse the type-string parser for the array suffixes by parsing them on a placeholder.
        AbiType shape = WrapParseError(() => AbiType.Parse("bool" + type[suffix..]), name);
        return Rebuild(shape, tuple);
    }

    private static AbiType Rebuild(AbiType shape, AbiType element) => shape switch
    {
        AbiFixedArray array => new AbiFixedArray(Rebuild(array.Element, element), array.Length),
        AbiDynamicArray array => new AbiDynamicArray(Rebuild(array.Element, element)),
        _ => element,
    };

    private static AbiType WrapParseError(Func<AbiType> parse, string name)
    {
        try
        {
            return parse();
        }
        catch (AbiException e)
        {
            throw new AbiException($"parameter '{name}': {e.Message}", e);
        }
    }
}
