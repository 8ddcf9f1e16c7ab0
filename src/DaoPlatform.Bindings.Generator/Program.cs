using DaoPlatform.Bindings.Generator;
using DaoPlatform.Bindings.Generator.Artifacts;

// Usage: DaoPlatform.Bindings.Generator --out DIR [--typed-data FILE] [--namespace NS]
//          [--check-sources CONTRACTS_DIR --artifacts ARTIFACTS_DIR] ARTIFACT.json... | @RESPONSE_FILE
// Errors are printed in MSBuild's canonical form ("file: error CODE: text") so the build shows them as errors.
const string ErrorCode = "DPBG001";
string? outputDirectory = null, typedData = null, sources = null, artifactsDirectory = null;
var rootNamespace = BindingGenerator.DefaultNamespace;
var artifacts = new List<string>();
var arguments = new Queue<string>(args.SelectMany(a => a.StartsWith('@') ? File.ReadAllLines(a[1..]).Where(l => l.Length > 0) : [a]));
while (arguments.Count > 0)
{
    var argument = arguments.Dequeue();
    string Value() => arguments.Count > 0 ? arguments.Dequeue() : throw new ArgumentException($"{argument} needs a value");
    switch (argument)
    {
        case "--out": outputDirectory = Value(); break;
        case "--typed-data": typedData = Value(); break;
        case "--namespace": rootNamespace = Value(); break;
        case "--check-sources": sources = Value(); break;
        case "--artifacts": artifactsDirectory = Value(); break;
        default: artifacts.Add(argument); break;
    }
}

if (outputDirectory is null)
{
    Console.Error.WriteLine($"DaoPlatform.Bindings.Generator: error {ErrorCode}: --out DIR is required");
    return 2;
}

if (sources is not null)
{
    var problems = StaleArtifactCheck.Find(sources, artifactsDirectory ?? "artifacts");
    foreach (var problem in problems)
    {
        Console.Error.WriteLine($"DaoPlatform.Bindings.Generator: error {ErrorCode}: {problem}");
    }

    if (problems.Count > 0)
    {
        return 1;
    }
}

var missing = artifacts.Where(a => !File.Exists(a)).ToList();
if (missing.Count > 0)
{
    foreach (var path in missing)
    {
        Console.Error.WriteLine($"{path}: error {ErrorCode}: {StaleArtifactCheck.Advice} (the artifact does not exist).");
    }

    return 1;
}

IReadOnlyList<GeneratedFile> files;
try
{
    files = BindingGenerator.Generate(artifacts, typedData, rootNamespace);
}
catch (BindingGenerationException e)
{
    Console.Error.WriteLine($"{e.FilePath}: error {ErrorCode}: {e.Detail}");
    return 1;
}

Directory.CreateDirectory(outputDirectory);
var written = new HashSet<string>(StringComparer.Ordinal);
foreach (var file in files)
{
    var path = Path.Combine(outputDirectory, file.FileName);
    File.WriteAllText(path, file.Content);
    written.Add(Path.GetFullPath(path));
}

// A binding whose artifact is gone must not linger in the compilation.
foreach (var stale in Directory.EnumerateFiles(outputDirectory, "*.g.cs").Where(f => !written.Contains(Path.GetFullPath(f))))
{
    File.Delete(stale);
}

Console.WriteLine($"DaoPlatform.Bindings.Generator: {files.Count} bindings written to {outputDirectory}");
return 0;
