using System.Text.Json;
using DaoPlatform.Bindings.Generator.Model;
using DaoPlatform.Ethereum.Abi;

namespace DaoPlatform.Bindings.Generator.TypedData;

/// <summary>
/// Reads the declarative list of EIP-712 types per contract (the ABI does not carry them):
/// <c>{ "ContractName": ["Type(uint256 a,address b)", ...], ... }</c>. Fields are atomic types, <c>bytes</c> or <c>string</c>.
/// </summary>
internal static class TypedDataList
{
    public static IReadOnlyDictionary<string, IReadOnlyList<TypedDataType>> Read(string filePath)
    {
        return Parse(filePath, InputFile.ReadAllText(filePath, "the typed-data list"));
    }

    public static IReadOnlyDictionary<string, IReadOnlyList<TypedDataType>> Parse(string filePath, string json)
    {
        using (JsonDocument document = InputFile.ParseJson(filePath, json))
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new BindingGenerationException(filePath, "the typed-data list is a JSON object mapping contract names to arrays of EIP-712 type strings");
            }

            var result = new Dictionary<string, IReadOnlyList<TypedDataType>>(StringComparer.Ordinal);
            foreach (var contract in document.RootElement.EnumerateObject())
            {
                if (contract.Value.ValueKind != JsonValueKind.Array)
                {
                    throw new BindingGenerationException(filePath, $"'{contract.Name}' is not an array of type strings");
                }

                var types = new List<TypedDataType>();
                foreach (var entry in contract.Value.EnumerateArray())
                {
                    var typeString = entry.ValueKind == JsonValueKind.String
                        ? entry.GetString()!
                        : throw new BindingGenerationException(filePath, $"'{contract.Name}' entry #{types.Count} is not a string");
                    types.Add(ParseType(filePath, contract.Name, typeString));
                }

                result.Add(contract.Name, types);
            }

            return result;
        }
    }

    private static TypedDataType ParseType(string filePath, string contract, string typeString)
    {
        var open = typeString.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || !typeString.EndsWith(')'))
        {
            throw new BindingGenerationException(filePath, $"'{contract}': '{typeString}' is not of the form Name(type name,...)");
        }

        var name = typeString[..open];
        var fields = new List<ParameterModel>();
        var body = typeString[(open + 1)..^1];
        foreach (var field in body.Length == 0 ? [] : body.Split(','))
        {
            var parts = field.Split(' ');
            if (parts.Length != 2 || parts[1].Length == 0)
            {
                throw new BindingGenerationException(filePath, $"'{contract}': field '{field}' of {name} is not 'type name'");
            }

            SolidityType type;
            try
            {
                type = SolidityType.From(AbiType.Parse(parts[0]), null);
            }
            catch (AbiException e)
            {
                throw new BindingGenerationException(filePath, $"'{contract}': field '{field}' of {name}: {e.Message}", e);
            }

            if (type.Kind is SolidityTypeKind.Tuple or SolidityTypeKind.FixedArray or SolidityTypeKind.DynamicArray)
            {
                throw new BindingGenerationException(filePath, $"'{contract}': field '{field}' of {name}: only atomic types, bytes and string are supported");
            }

            fields.Add(new ParameterModel(parts[1], type, Indexed: false));
        }

        return new TypedDataType(name, typeString, fields);
    }
}
