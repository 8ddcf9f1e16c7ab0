using System.Text.Json;
using DaoPlatform.Bindings.Generator.Model;
using DaoPlatform.Ethereum.Abi;

namespace DaoPlatform.Bindings.Generator.Artifacts;

/// <summary>
/// Reads a Hardhat 3 artifact (<c>contractName</c>, <c>sourceName</c>, <c>abi</c>, <c>bytecode</c>, <c>linkReferences</c>)
/// into a <see cref="ContractArtifact"/>. The ABI is parsed by the same <see cref="ContractAbi"/> the bindings use at
/// run time, so what generates also loads. Every problem is a <see cref="BindingGenerationException"/> naming the file
/// and, inside the ABI, the entry by index and name.
/// </summary>
internal static class ArtifactReader
{
    public static ContractArtifact Read(string filePath)
    {
        return Parse(filePath, InputFile.ReadAllText(filePath, "the artifact"));
    }

    public static ContractArtifact Parse(string filePath, string json)
    {
        using (JsonDocument document = InputFile.ParseJson(filePath, json))
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new BindingGenerationException(filePath, "an artifact is a JSON object");
            }

            var contractName = RequiredString(filePath, root, "contractName");
            var sourceName = RequiredString(filePath, root, "sourceName");
            if (!root.TryGetProperty("abi", out var abiJson) || abiJson.ValueKind != JsonValueKind.Array)
            {
                throw new BindingGenerationException(filePath, "has no 'abi' array");
            }

            var bytecode = RequiredString(filePath, root, "bytecode");
            if (!bytecode.StartsWith("0x", StringComparison.Ordinal))
            {
                throw new BindingGenerationException(filePath, "'bytecode' does not start with 0x");
            }

            CheckNames(filePath, abiJson);
            ContractAbi abi;
            try
            {
                abi = ContractAbi.FromJson(abiJson);
            }
            catch (AbiException e)
            {
                throw new BindingGenerationException(filePath, e.Message, e);
            }

            return new ContractArtifact(
                filePath,
                contractName,
                sourceName,
                abiJson.GetRawText(),
                new AbiConstructorEntry(Parameters(abi.Constructor?.Inputs ?? []), abi.Constructor?.StateMutability == AbiStateMutability.Payable),
                [.. abi.Functions.Select(f => new AbiFunctionEntry(f.Name, Parameters(f.Inputs), Parameters(f.Outputs), Mutability(f.StateMutability)))],
                [.. abi.Events.Select(e => new AbiEventEntry(e.Name, Parameters(e.Inputs), e.Anonymous))],
                [.. abi.Errors.Select(e => new AbiErrorEntry(e.Name, Parameters(e.Inputs)))],
                bytecode,
                ReadLinkReferences(filePath, root));
        }
    }

    private static List<ParameterModel> Parameters(IReadOnlyList<Ethereum.Abi.AbiParameter> parameters) =>
        [.. parameters.Select(ParameterModel.From)];

    private static string Mutability(AbiStateMutability mutability) => mutability switch
    {
        AbiStateMutability.Pure => "pure",
        AbiStateMutability.View => "view",
        AbiStateMutability.Payable => "payable",
        _ => "nonpayable",
    };

    /// <summary>Entry and parameter names become C# identifiers: each must be empty or a Solidity identifier.</summary>
    private static void CheckNames(string filePath, JsonElement abi)
    {
        var index = 0;
        foreach (var entry in abi.EnumerateArray())
        {
            if (entry.ValueKind == JsonValueKind.Object)
            {
                var name = NameOf(entry);
                CheckName(filePath, $"abi entry #{index}", name);
                foreach (var list in new[] { "inputs", "outputs" })
                {
                    if (entry.TryGetProperty(list, out var parameters) && parameters.ValueKind == JsonValueKind.Array)
                    {
                        CheckParameterNames(filePath, $"abi entry #{index} '{name}', {list}", parameters);
                    }
                }
            }

            index++;
        }
    }

    private static void CheckParameterNames(string filePath, string where, JsonElement parameters)
    {
        var position = 0;
        foreach (var parameter in parameters.EnumerateArray())
        {
            if (parameter.ValueKind == JsonValueKind.Object)
            {
                CheckName(filePath, $"{where}[{position}]", NameOf(parameter));
                if (parameter.TryGetProperty("components", out var components) && components.ValueKind == JsonValueKind.Array)
                {
                    CheckParameterNames(filePath, $"{where}[{position}].components", components);
                }
            }

            position++;
        }
    }

    private static string NameOf(JsonElement element) =>
        element.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : string.Empty;

    private static void CheckName(string filePath, string where, string name)
    {
        var valid = name.Length == 0
            || ((char.IsAsciiLetter(name[0]) || name[0] is '_' or '$') && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$'));
        if (!valid)
        {
            throw new BindingGenerationException(filePath, $"{where}: '{name}' is not a Solidity identifier");
        }
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
}
