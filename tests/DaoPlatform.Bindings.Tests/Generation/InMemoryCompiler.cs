using System.Reflection;
using DaoPlatform.Bindings.Generator;
using DaoPlatform.Ethereum.Contracts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DaoPlatform.Bindings.Tests.Generation;

/// <summary>Compiles generated bindings with Roslyn against the DaoPlatform.Ethereum assembly, in memory.</summary>
internal static class InMemoryCompiler
{
    /// <summary>The compiled assembly (loaded), or the diagnostics at warning level and above when there are any.</summary>
    public static (Assembly? Assembly, IReadOnlyList<Diagnostic> Diagnostics) Compile(IEnumerable<GeneratedFile> files)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Content, parseOptions, path: f.FileName)).ToList();
        var compilation = CSharpCompilation.Create(
            "GeneratedBindings" + Guid.NewGuid().ToString("N"),
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        var diagnostics = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        return (result.Success && diagnostics.Count == 0 ? Assembly.Load(stream.ToArray()) : null, diagnostics);
    }

    private static List<MetadataReference> References()
    {
        // The framework, plus DaoPlatform.Ethereum; not the test's own dependencies (DaoPlatform.Contracts holds these very types).
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => !p.StartsWith(AppContext.BaseDirectory, StringComparison.Ordinal));
        return framework
            .Append(typeof(ContractClient).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
    }
}
