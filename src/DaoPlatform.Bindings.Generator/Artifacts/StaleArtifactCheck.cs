using System.Text.Json;

namespace DaoPlatform.Bindings.Generator.Artifacts;

/// <summary>
/// Checks that every Solidity source under <c>contracts/</c> has artifacts compiled from its current text: the
/// build-info that an artifact names (<c>buildInfoId</c>, <c>inputSourceName</c>) holds the source as compiled.
/// Comparing text, not timestamps, keeps a fresh checkout of unchanged sources from looking stale. A source that
/// declares no contract (only structs, errors or free functions) has no artifact; it is current when a build-info
/// holds its current text.
/// </summary>
internal static class StaleArtifactCheck
{
    public const string Advice = "Contract artifacts are missing/stale: run `npx hardhat compile` (or ./scripts/test) and build again";

    /// <summary>Returns one problem per stale or missing source (empty when all is current).</summary>
    public static IReadOnlyList<string> Find(string sourcesDirectory, string artifactsDirectory)
    {
        var problems = new List<string>();
        if (!Directory.Exists(artifactsDirectory))
        {
            problems.Add($"{Advice} ({artifactsDirectory} does not exist).");
            return problems;
        }

        var buildInfos = new Dictionary<string, JsonDocument?>(StringComparer.Ordinal);
        try
        {
            var sourcesRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(sourcesDirectory));
            if (!Directory.Exists(sourcesRoot))
            {
                return problems;
            }

            foreach (var source in Directory.EnumerateFiles(sourcesRoot, "*.sol", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(Path.GetDirectoryName(sourcesRoot)!, source).Replace('\\', '/');
                var artifactFolder = Path.Combine(artifactsDirectory, relative);
                var artifact = Directory.Exists(artifactFolder)
                    ? Directory.EnumerateFiles(artifactFolder, "*.json").Where(f => !f.EndsWith(".dbg.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal).FirstOrDefault()
                    : null;
                if (artifact is null)
                {
                    if (!CompiledInAnyBuild(relative, File.ReadAllText(source), artifactsDirectory, buildInfos))
                    {
                        problems.Add($"{Advice} ({relative} has no artifact).");
                    }
                }
                else if (!CompiledTextMatches(artifact, File.ReadAllText(source), artifactsDirectory, buildInfos))
                {
                    problems.Add($"{Advice} ({relative} changed since it was compiled).");
                }
            }
        }
        finally
        {
            foreach (var document in buildInfos.Values)
            {
                document?.Dispose();
            }
        }

        return problems;
    }

    private static bool CompiledTextMatches(string artifactPath, string sourceText, string artifactsDirectory, Dictionary<string, JsonDocument?> buildInfos)
    {
        using var artifact = JsonDocument.Parse(File.ReadAllText(artifactPath));
        if (!artifact.RootElement.TryGetProperty("buildInfoId", out var id) || id.ValueKind != JsonValueKind.String
            || !artifact.RootElement.TryGetProperty("inputSourceName", out var inputName) || inputName.ValueKind != JsonValueKind.String)
        {
            // Not a Hardhat 3 artifact: what it was compiled from cannot be known.
            return false;
        }

        var buildInfo = BuildInfo(id.GetString()!, artifactsDirectory, buildInfos);
        return buildInfo is not null && CompiledText(buildInfo, inputName.GetString()!) == sourceText;
    }

    /// <summary>Whether any build-info compiled <paramref name="relative"/> (input name <c>project/contracts/...</c>) from this text.</summary>
    private static bool CompiledInAnyBuild(string relative, string sourceText, string artifactsDirectory, Dictionary<string, JsonDocument?> buildInfos)
    {
        var folder = Path.Combine(artifactsDirectory, "build-info");
        if (!Directory.Exists(folder))
        {
            return false;
        }

        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Where(p => !p.EndsWith(".output.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var buildInfo = BuildInfo(Path.GetFileNameWithoutExtension(path), artifactsDirectory, buildInfos);
            if (buildInfo is not null && CompiledText(buildInfo, "project/" + relative) == sourceText)
            {
                return true;
            }
        }

        return false;
    }

    private static JsonDocument? BuildInfo(string id, string artifactsDirectory, Dictionary<string, JsonDocument?> buildInfos)
    {
        if (!buildInfos.TryGetValue(id, out var buildInfo))
        {
            var path = Path.Combine(artifactsDirectory, "build-info", id + ".json");
            buildInfo = File.Exists(path) ? JsonDocument.Parse(File.ReadAllText(path)) : null;
            buildInfos.Add(id, buildInfo);
        }

        return buildInfo;
    }

    private static string? CompiledText(JsonDocument buildInfo, string inputSourceName) =>
        buildInfo.RootElement.TryGetProperty("input", out var input)
        && input.TryGetProperty("sources", out var sources)
        && sources.TryGetProperty(inputSourceName, out var compiled)
        && compiled.TryGetProperty("content", out var content)
            ? content.GetString()
            : null;
}
