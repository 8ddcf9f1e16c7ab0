using DaoPlatform.Ethereum.IntegrationTests;

namespace DaoPlatform.Bindings.Tests.Generation;

/// <summary>Where the tests find their inputs: the snapshot fixtures and the Hardhat artifacts of this checkout.</summary>
internal static class TestPaths
{
    public static string Snapshots => Path.Combine(Repository.Root, "tests", "DaoPlatform.Bindings.Tests", "Snapshots");

    public static string KitchenArtifact => Path.Combine(Snapshots, "Kitchen.json");

    public static string KitchenTypedData => Path.Combine(Snapshots, "Kitchen.typed-data.json");

    public static string PlatformTypedData => Path.Combine(Repository.Root, "src", "DaoPlatform.Contracts", "typed-data.json");

    public static string ArtifactsRoot => Path.Combine(Repository.Root, "artifacts");

    /// <summary>The artifacts DaoPlatform.Contracts binds: every platform contract and the OpenZeppelin ones.</summary>
    public static IReadOnlyList<string> PlatformArtifacts()
    {
        var contracts = Path.Combine(ArtifactsRoot, "contracts");
        var platform = Directory.Exists(contracts)
            ? Directory.EnumerateFiles(contracts, "*.json", SearchOption.AllDirectories)
                .Where(p => !p.EndsWith(".dbg.json", StringComparison.Ordinal))
                .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "test" or "mocks"))
            : [];
        string[] openZeppelin =
        [
            "token/ERC20/ERC20.sol/ERC20.json",
            "token/ERC721/ERC721.sol/ERC721.json",
            "governance/Governor.sol/Governor.json",
            "governance/TimelockController.sol/TimelockController.json",
        ];
        return platform.Concat(openZeppelin.Select(p => Path.Combine(ArtifactsRoot, "@openzeppelin", "contracts", p))).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Writes <paramref name="json"/> to a fresh temporary artifact file and returns its path.</summary>
    public static string TemporaryArtifact(string json, string name = "Broken")
    {
        var directory = Path.Combine(Path.GetTempPath(), "daoplatform-bindings-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".json");
        File.WriteAllText(path, json);
        return path;
    }
}
