using DaoPlatform.Bindings.Generator.Artifacts;
using DaoPlatform.Bindings.Generator.Emit;
using DaoPlatform.Bindings.Generator.Naming;
using DaoPlatform.Bindings.Generator.TypedData;

namespace DaoPlatform.Bindings.Generator;

/// <summary>A generated source file: its name (<c>ArtifactName.g.cs</c>) and text.</summary>
public sealed record GeneratedFile(string FileName, string Content);

/// <summary>Generates one C# binding per Hardhat artifact, deterministically (sorted input, no timestamps).</summary>
public static class BindingGenerator
{
    /// <summary>The default root namespace of the bindings.</summary>
    public const string DefaultNamespace = "DaoPlatform.Contracts";

    /// <summary>
    /// Generates the bindings of <paramref name="artifactPaths"/>; <paramref name="typedDataPath"/> optionally names the
    /// typed-data.json list of EIP-712 types per contract.
    /// </summary>
    /// <exception cref="BindingGenerationException">An input is malformed; the message names the file and entry.</exception>
    public static IReadOnlyList<GeneratedFile> Generate(IEnumerable<string> artifactPaths, string? typedDataPath = null, string rootNamespace = DefaultNamespace)
    {
        var typedData = typedDataPath is null
            ? new Dictionary<string, IReadOnlyList<TypedDataType>>()
            : TypedDataList.Read(typedDataPath);
        var files = new List<GeneratedFile>();
        var classes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in artifactPaths.Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal))
        {
            var artifact = ArtifactReader.Read(path);
            var plan = ContractPlan.Build(artifact, rootNamespace, typedData.GetValueOrDefault(artifact.ContractName) ?? []);
            var fullName = plan.Namespace + "." + plan.ClassName;
            if (!classes.TryAdd(fullName, path))
            {
                throw new BindingGenerationException(path, $"its binding {fullName} would clash with the one from {classes[fullName]}");
            }

            var fileName = Path.GetFileNameWithoutExtension(path) + ".g.cs";
            if (files.Any(f => string.Equals(f.FileName, fileName, StringComparison.OrdinalIgnoreCase)))
            {
                throw new BindingGenerationException(path, $"another artifact also generates {fileName}");
            }

            files.Add(new GeneratedFile(fileName, ContractEmitter.Emit(plan)));
        }

        return files;
    }
}
