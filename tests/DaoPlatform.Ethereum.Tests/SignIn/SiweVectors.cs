using System.Text.Json.Nodes;

namespace DaoPlatform.Ethereum.Tests.SignIn;

/// <summary>
/// The shared Sign-In with Ethereum reference cases (<c>shared/vectors/siwe/vectors.json</c>, beside the
/// repository: <c>../shared/vectors</c> from its root), read where they lie, never copied.
/// </summary>
internal static class SiweVectors
{
    private const string RelativePath = "shared/vectors/siwe/vectors.json";

    /// <summary>Every case, named by its id.</summary>
    public static IEnumerable<TestCaseData> Cases(string kind)
    {
        JsonArray cases = Load()["cases"]!.AsArray();
        return cases.Where(c => c!["kind"]!.GetValue<string>() == kind)
            .Select(c => new TestCaseData(c!.AsObject()).SetName($"{kind}: {c!["id"]!.GetValue<string>()}"));
    }

    /// <summary>How many cases the file holds.</summary>
    public static int Count => Load()["cases"]!.AsArray().Count;

    private static JsonObject Load() => JsonNode.Parse(File.ReadAllText(FindFile()))!.AsObject();

    /// <summary>
    /// <c>../shared/vectors/siwe</c> from the repository root (or <c>shared/</c> inside a checkout that carries
    /// one); a worktree nested deeper finds it in the nearest ancestor holding <c>shared/vectors</c>.
    /// <c>DAO_SHARED_VECTORS</c> names the vectors folder directly.
    /// </summary>
    private static string FindFile()
    {
        string? overridden = Environment.GetEnvironmentVariable("DAO_SHARED_VECTORS");
        if (!string.IsNullOrEmpty(overridden))
        {
            return Path.Combine(overridden, "siwe", "vectors.json");
        }
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "DaoPlatform.sln")))
        {
            root = root.Parent;
        }
        var tried = new List<string>();
        for (DirectoryInfo? dir = root; dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, RelativePath);
            tried.Add(candidate);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"The SIWE reference vectors were not found; looked at {string.Join(", ", tried)} (set DAO_SHARED_VECTORS to the vectors folder).");
    }
}
