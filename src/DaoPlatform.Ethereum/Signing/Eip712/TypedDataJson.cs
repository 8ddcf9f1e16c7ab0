using System.Globalization;
using System.Numerics;
using System.Text.Json;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.Signing.Eip712;

/// <summary>
/// Reads the <c>eth_signTypedData_v4</c> JSON into <see cref="TypedData"/>, converting each value by
/// its declared type: integers from JSON numbers or decimal/0x-hex strings, addresses and bytes
/// from hex strings, booleans from JSON booleans.
/// </summary>
internal static class TypedDataJson
{
    public static TypedData Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException error)
        {
            throw new Eip712Exception($"EIP-712: typed data is not valid JSON: {error.Message}", error);
        }
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new Eip712Exception("EIP-712: typed data must be a JSON object with types, primaryType, domain and message.");
            }
            JsonElement types = Required(root, "types", JsonValueKind.Object);
            string primaryType = Required(root, "primaryType", JsonValueKind.String).GetString()!;
            JsonElement domain = Required(root, "domain", JsonValueKind.Object);
            JsonElement message = Required(root, "message", JsonValueKind.Object);

            var structs = new Dictionary<string, IReadOnlyList<TypedDataField>>(StringComparer.Ordinal);
            foreach (JsonProperty type in types.EnumerateObject())
            {
                structs[type.Name] = ReadFields(type);
            }
            if (!structs.ContainsKey(Eip712Domain.TypeName))
            {
                structs[Eip712Domain.TypeName] = Eip712Domain.FieldsFor(domain.EnumerateObject().Select(p => p.Name));
            }
            var typeSet = new Eip712TypeSet(structs);
            if (!typeSet.Contains(primaryType))
            {
                throw new Eip712Exception($"EIP-712: primaryType '{primaryType}' is not among the declared types.");
            }
            // With primaryType EIP712Domain the digest covers the domain alone and wallets ignore the message.
            return new TypedData(
                typeSet,
                primaryType,
                ReadStruct(typeSet, Eip712Domain.TypeName, domain, "domain"),
                primaryType == Eip712Domain.TypeName ? new Dictionary<string, object?>() : ReadStruct(typeSet, primaryType, message, "message"));
        }
    }

    private static JsonElement Required(JsonElement root, string name, JsonValueKind kind)
    {
        if (!root.TryGetProperty(name, out JsonElement value))
        {
            throw new Eip712Exception($"EIP-712: typed data has no '{name}'.");
        }
        if (value.ValueKind != kind)
        {
            throw new Eip712Exception($"EIP-712: '{name}' must be a JSON {kind.ToString().ToLowerInvariant()}; got {value.ValueKind.ToString().ToLowerInvariant()}.");
        }
        return value;
    }

    private static TypedDataField[] ReadFields(JsonProperty type)
    {
        if (type.Value.ValueKind != JsonValueKind.Array)
        {
            throw new Eip712Exception($"EIP-712: types.{type.Name} must be an array of {{name, type}}.");
        }
        return
        [
            .. type.Value.EnumerateArray().Select((field, i) =>
                field.ValueKind == JsonValueKind.Object
                && field.TryGetProperty("name", out JsonElement name) && name.ValueKind == JsonValueKind.String
                && field.TryGetProperty("type", out JsonElement fieldType) && fieldType.ValueKind == JsonValueKind.String
                    ? new TypedDataField(name.GetString()!, fieldType.GetString()!)
                    : throw new Eip712Exception($"EIP-712: types.{type.Name}[{i}] must be an object with string 'name' and 'type'.")),
        ];
    }

    private static Dictionary<string, object?> ReadStruct(Eip712TypeSet types, string structName, JsonElement json, string path)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new Eip712Exception($"EIP-712: {path} must be a JSON object ({structName}); got {json.ValueKind.ToString().ToLowerInvariant()}.");
        }
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (TypedDataField field in types.Structs[structName])
        {
            if (!json.TryGetProperty(field.Name, out JsonElement member))
            {
                // An absent struct member hashes as zero (see Eip712TypeSet); any other absent member is an error.
                if (types.Contains(field.Type))
                {
                    continue;
                }
                throw new Eip712Exception($"EIP-712: {path}.{field.Name} ({field.Type}) is missing.");
            }
            values[field.Name] = ReadValue(types, field.Type, member, $"{path}.{field.Name}");
        }
        return values;
    }

    private static object? ReadValue(Eip712TypeSet types, string type, JsonElement json, string path)
    {
        if (type.EndsWith(']'))
        {
            if (json.ValueKind != JsonValueKind.Array)
            {
                throw new Eip712Exception($"EIP-712: {path} must be a JSON array ({type}).");
            }
            string element = type[..type.LastIndexOf('[')];
            return json.EnumerateArray().Select((item, i) => ReadValue(types, element, item, $"{path}[{i}]")).ToArray();
        }
        if (types.Contains(type))
        {
            return json.ValueKind == JsonValueKind.Null ? null : ReadStruct(types, type, json, path);
        }
        if (type == "string")
        {
            return json.ValueKind == JsonValueKind.String ? json.GetString() : throw Mismatch(path, type, "a string", json);
        }
        if (type == "bool")
        {
            return json.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Mismatch(path, type, "true or false", json),
            };
        }
        if (type == "address")
        {
            if (json.ValueKind != JsonValueKind.String)
            {
                throw Mismatch(path, type, "a hex address string", json);
            }
            return Address.TryParse(json.GetString(), out Address address, out string? error)
                ? address
                : throw new Eip712Exception($"EIP-712: {path} (address): {error}");
        }
        if (type.StartsWith("bytes", StringComparison.Ordinal))
        {
            return json.ValueKind == JsonValueKind.String && HexConvert.IsHex(json.GetString()) && json.GetString()!.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? HexConvert.Decode(json.GetString()!)
                : throw Mismatch(path, type, "0x-prefixed hex bytes", json);
        }
        if (type.StartsWith("uint", StringComparison.Ordinal) || type.StartsWith("int", StringComparison.Ordinal))
        {
            return ReadInteger(json, path, type);
        }
        // The type set has validated every type string, so nothing else can reach here.
        throw new Eip712Exception($"EIP-712: {path} has unsupported type '{type}'.");
    }

    private static BigInteger ReadInteger(JsonElement json, string path, string type)
    {
        string? text = json.ValueKind switch
        {
            JsonValueKind.Number => json.GetRawText(),
            JsonValueKind.String => json.GetString(),
            _ => null,
        };
        if (text is not null)
        {
            bool negative = text.StartsWith('-');
            string digits = negative ? text[1..] : text;
            if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && digits.Length > 2
                && BigInteger.TryParse("0" + digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out BigInteger hex))
            {
                return negative ? -hex : hex;
            }
            if (digits.Length > 0 && digits.All(char.IsAsciiDigit)
                && BigInteger.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out BigInteger value))
            {
                return negative ? -value : value;
            }
        }
        throw Mismatch(path, type, "an integer (JSON number, decimal string or 0x hex string)", json);
    }

    private static Eip712Exception Mismatch(string path, string type, string expected, JsonElement json) =>
        new($"EIP-712: {path} ({type}) must be {expected}; got {json.GetRawText()}.");
}
