using DaoPlatform.Bindings.Generator.Artifacts;

namespace DaoPlatform.Bindings.Tests.Generation;

public sealed class StaleArtifactCheckTests
{
    private const string Source = "// SPDX-License-Identifier: MIT\npragma solidity ^0.8.28;\ncontract Probe {}\n";

    private string _root = null!;

    private string Sources => Path.Combine(_root, "contracts");

    private string ArtifactsDirectory => Path.Combine(_root, "artifacts");

    [SetUp]
    public void CreateCheckout()
    {
        _root = Path.Combine(Path.GetTempPath(), "daoplatform-stale-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Sources, "lab"));
        File.WriteAllText(Path.Combine(Sources, "lab", "Probe.sol"), Source);
    }

    [TearDown]
    public void DeleteCheckout() => Directory.Delete(_root, recursive: true);

    [Test]
    public void Missing_artifacts_directory_asks_to_compile() =>
        Assert.That(StaleArtifactCheck.Find(Sources, ArtifactsDirectory).Single(),
            Is.EqualTo($"Contract artifacts are missing/stale: run `npx hardhat compile` (or ./scripts/test) and build again ({ArtifactsDirectory} does not exist)."));

    [Test]
    public void A_source_without_artifact_is_missing()
    {
        Directory.CreateDirectory(ArtifactsDirectory);

        Assert.That(StaleArtifactCheck.Find(Sources, ArtifactsDirectory).Single(), Does.EndWith("(contracts/lab/Probe.sol has no artifact)."));
    }

    [Test]
    public void A_source_compiled_from_the_same_text_is_current()
    {
        WriteCompiled(Source);

        Assert.That(StaleArtifactCheck.Find(Sources, ArtifactsDirectory), Is.Empty);
    }

    [Test]
    public void A_source_changed_since_compilation_is_stale()
    {
        WriteCompiled(Source.Replace("Probe {}", "Probe { uint256 x; }", StringComparison.Ordinal));

        Assert.That(StaleArtifactCheck.Find(Sources, ArtifactsDirectory).Single(),
            Is.EqualTo("Contract artifacts are missing/stale: run `npx hardhat compile` (or ./scripts/test) and build again (contracts/lab/Probe.sol changed since it was compiled)."));
    }

    [Test]
    public void A_source_without_contracts_is_current_when_a_build_compiled_its_text()
    {
        WriteBuildInfo(Source);

        Assert.That(StaleArtifactCheck.Find(Sources, ArtifactsDirectory), Is.Empty);
    }

    [Test]
    public void A_source_without_contracts_compiled_from_other_text_is_missing()
    {
        WriteBuildInfo(Source + "// edited\n");

        Assert.That(StaleArtifactCheck.Find(Sources, ArtifactsDirectory).Single(), Does.EndWith("(contracts/lab/Probe.sol has no artifact)."));
    }

    /// <summary>Lays out what Hardhat 3 writes: the artifact naming its build-info, which holds the compiled source text.</summary>
    private void WriteCompiled(string compiledText)
    {
        var folder = Path.Combine(ArtifactsDirectory, "contracts", "lab", "Probe.sol");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Probe.json"),
            """{"contractName":"Probe","sourceName":"contracts/lab/Probe.sol","abi":[],"bytecode":"0x","buildInfoId":"solc-1","inputSourceName":"project/contracts/lab/Probe.sol"}""");
        WriteBuildInfo(compiledText);
    }

    private void WriteBuildInfo(string compiledText)
    {
        Directory.CreateDirectory(Path.Combine(ArtifactsDirectory, "build-info"));
        var buildInfo = new { input = new { sources = new Dictionary<string, object> { ["project/contracts/lab/Probe.sol"] = new { content = compiledText } } } };
        File.WriteAllText(Path.Combine(ArtifactsDirectory, "build-info", "solc-1.json"), System.Text.Json.JsonSerializer.Serialize(buildInfo));
    }
}
