using System.Globalization;
using System.Text.Json;
using DaoPlatform.Bindings.Generator.Model;

namespace DaoPlatform.Bindings.Generator.Artifacts;

/// <summary>
/// Reads a Hardhat 3 artifact (<c>contractName</c>, <c>sourceName</c>, <c>abi</c>, <c>bytecode</c>, <c>linkReferences</c>)
/// into a <see cref="ContractArtifact"/>. Every problem is a <see cref="BindingGenerationException"/> naming the file
/// and, inside the ABI, the entry by index and name.
/// </summary>
internal static class ArtifactReader
{
    public static ContractArtifact Read(string filePath)
    {
        string text;
        try
        {
            text = File.ReadAllText(filePath);
        }
        catch (IOException e)
        {
            throw new BindingGenerationException(filePath, $"cannot read the artifact: {e.Message}", e);
        }

        return Parse(filePath, text);
    }

    public static ContractArtifact Parse(string filePath, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new BindingGenerationException(filePath, $"not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new BindingGenerationException(filePath, "an artifact is a JSON object");
            }

            var contractName = RequiredString(filePath, root, "contractName");
            var sourceName = RequiredString(filePath, root, "sourceName");
            if (!root.TryGetProperty("abi", out var abi) || abi.ValueKind != JsonValueKind.Array)
            {
                throw new BindingGenerationException(filePath, "has no 'abi' array");
            }

            var bytecode = root.TryGetProperty("bytecode", out var code) && code.ValueKind == JsonValueKind.String
                ? code.GetString()!
                : throw new BindingGenerationException(filePath, "has no 'bytecode' string");
            if (!bytecode.StartsWith("0x", StringComparison.Ordinal))
            {
                throw new BindingGenerationException(filePath, "'bytecode' does not start with 0x");
            }

            var functions = new List<AbiFunctionEntry>();
            var events = new List<AbiEventEntry>();
            var errors = new List<AbiErrorEntry>();
            AbiConstructorEntry? constructor = null;
            var index = 0;
            foreach (var entry in abi.EnumerateArray())
            {
                ReadEntry(filePath, entry, index, functions, events, errors, ref constructor);
                index++;
            }

            return new ContractArtifact(
                filePath,
                contractName,
                sourceName,
                abi.GetRawText(),
                constructor ?? new AbiConstructorEntry([], IsPayable: false),
                functions,
                events,
                errors,
                bytecode,
                ReadLinkReferences(filePath, root));
        }
    }

    private static void ReadEntry(
        string filePath,
        JsonElement entry,
        int index,
        List<AbiFunctionEntry> functions,
        List<AbiEventEntry> events,
        List<AbiErrorEntry> errors,
        ref AbiConstructorEntry? constructor)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new BindingGenerationException(filePath, $"abi entry #{index} is not a JSON object");
        }

        var kind = entry.TryGetProperty("type", out var typeElement) && typeElement.ValueKind == JsonValueKind.String
            ? typeElement.GetString()!
            : "function"; // The ABI specification lets 'type' default to function.
        var name = entry.TryGetProperty("name", out var nameElement) && nameElement.ValueKind == JsonValueKind.String
            ? nameElement.GetString()!
            : string.Empty;
        var where = name.Length == 0 ? $"abi entry #{index} ({kind})" : $"abi entry #{index} '{name}'";
        if (kind is "function" or "event" or "error" && !IsSolidityIdentifier(name))
        {
            throw new BindingGenerationException(filePath, $"{where}: a {kind} needs a name that is a Solidity identifier");
        }

        switch (kind)
        {
            case "function":
                functions.Add(new AbiFunctionEntry(
                    index,
                    name,
                    ReadParameters(filePath, where, entry, "inputs", allowIndexed: false),
                    ReadParameters(filePath, where, entry, "outputs", allowIndexed: false),
                    ReadStateMutability(filePath, where, entry)));
                break;
            case "event":
                events.Add(new AbiEventEntry(
                    index,
                    name,
                    ReadParameters(filePath, where, entry, "inputs", allowIndexed: true),
                    entry.TryGetProperty("anonymous", out var anonymous) && anonymous.ValueKind == JsonValueKind.True));
                break;
            case "error":
                errors.Add(new AbiErrorEntry(index, name, ReadParameters(filePath, where, entry, "inputs", allowIndexed: false)));
                break;
            case "constructor":
                if (constructor is not null)
                {
                    throw new BindingGenerationException(filePath, $"{where}: a second constructor");
                }

                constructor = new AbiConstructorEntry(
                    ReadParameters(filePath, where, entry, "inputs", allowIndexed: false),
                    ReadStateMutability(filePath, where, entry) == "payable");
                break;
            case "fallback":
            case "receive":
                // No typed call exists for them: plain value transfers go through the transaction sender.
                break;
            default:
                throw new BindingGenerationException(filePath, $"{where}: unknown entry type '{kind}'");
        }
    }

    private static string ReadStateMutability(string filePath, string where, JsonElement entry)
    {
        if (entry.TryGetProperty("stateMutability", out var element) && element.ValueKind == JsonValueKind.String)
        {
            var value = element.GetString()!;
            return value is "pure" or "view" or "nonpayable" or "payable"
                ? value
                : throw new BindingGenerationException(filePath, $"{where}: unknown stateMutability '{value}'");
        }

        // Pre-0.5 ABIs carry 'constant' and 'payable' flags instead.
        if (entry.TryGetProperty("constant", out var constant) && constant.ValueKind == JsonValueKind.True)
        {
            return "view";
        }

        return entry.TryGetProperty("payable", out var payable) && payable.ValueKind == JsonValueKind.True ? "payable" : "nonpayable";
    }

    private static List<AbiParameter> ReadParameters(string filePath, string where, JsonElement entry, string property, bool allowIndexed)
    {
        var result = new List<AbiParameter>();
        if (!entry.TryGetProperty(property, out var array))
        {
            return result;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new BindingGenerationException(filePath, $"{where}: '{property}' is not an array");
        }

        var position = 0;
        foreach (var parameter in array.EnumerateArray())
        {
            result.Add(ReadParameter(filePath, $"{where}, {property}[{position.ToString(CultureInfo.InvariantCulture)}]", parameter, allowIndexed));
            position++;
        }

        return result;
    }

    private static AbiParameter ReadParameter(string filePath, string where, JsonElement parameter, bool allowIndexed)
    {
        if (parameter.ValueKind != JsonValueKind.Object)
        {
            throw new BindingGenerationException(filePath, $"{where}: a parameter is a JSON object");
        }

        var name = parameter.TryGetProperty("name", out var nameElement) && nameElement.ValueKind == JsonValueKind.String
            ? nameElement.GetString()!
            : string.Empty;
        if (name.Length > 0)
        {
            where += $" '{name}'";
        }

        if (!parameter.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            throw new BindingGenerationException(filePath, $"{where}: has no 'type'");
        }

        var type = typeElement.GetString()!;
        List<AbiParameter>? components = null;
        if (parameter.TryGetProperty("components", out var componentArray))
        {
            if (componentArray.ValueKind != JsonValueKind.Array)
            {
                throw new BindingGenerationException(filePath, $"{where}: 'components' is not an array");
            }

            components = [];
            var position = 0;
            foreach (var component in componentArray.EnumerateArray())
            {
                components.Add(ReadParameter(filePath, $"{where}, component {position.ToString(CultureInfo.InvariantCulture)}", component, allowIndexed: false));
                position++;
            }
        }

        var internalType = parameter.TryGetProperty("internalType", out var internalElement) && internalElement.ValueKind == JsonValueKind.String
            ? internalElement.GetString()
            : null;
        var parsed = SolidityType.TryParse(type, components, StructNameOf(internalType), out var error)
            ?? throw new BindingGenerationException(filePath, $"{where}: {error}");
        var indexed = parameter.TryGetProperty("indexed", out var indexedElement) && indexedElement.ValueKind == JsonValueKind.True;
        if (indexed && !allowIndexed)
        {
            throw new BindingGenerationException(filePath, $"{where}: only event parameters can be indexed");
        }

        return new AbiParameter(name, parsed, indexed);
    }

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

    private static List<string> ReadLinkReferences(string filePath, JsonElement root)
    {
        var libraries = new List<string>();
        if (!root.TryGetProperty("linkReferences", out var references) || references.ValueKind == JsonValueKind.Null)
        {
            return libraries;
        }

        if (references.ValueKind != JsonValueKind.Object)
        {
            throw new BindingGenerationException(filePath, "'linkReferences' is not an object");
        }

        foreach (var source in references.EnumerateObject())
        {
            if (source.Value.ValueKind != JsonValueKind.Object)
            {
                throw new BindingGenerationException(filePath, $"'linkReferences' of '{source.Name}' is not an object");
            }

            foreach (var library in source.Value.EnumerateObject())
            {
                libraries.Add(source.Name + ":" + library.Name);
            }
        }

        libraries.Sort(StringComparer.Ordinal);
        return libraries;
    }

    private static string RequiredString(string filePath, JsonElement root, string property) =>
        root.TryGetProperty(property, out var element) && element.ValueKind == JsonValueKind.String && element.GetString()!.Length > 0
            ? element.GetString()!
            : throw new BindingGenerationException(filePath, $"has no '{property}' string");

    private static bool IsSolidityIdentifier(string name) =>
        name.Length > 0
        && (char.IsAsciiLetter(name[0]) || name[0] is '_' or '$')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$');
}
