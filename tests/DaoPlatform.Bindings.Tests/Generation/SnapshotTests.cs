using DaoPlatform.Bindings.Generator;

namespace DaoPlatform.Bindings.Tests.Generation;

/// <summary>
/// The generated code of Snapshots/Kitchen.json (every type, overloads, events, errors, a payable constructor and
/// names that need mapping) is compared with the committed Snapshots/Kitchen.g.cs.
/// Run with UPDATE_SNAPSHOTS=1 to rewrite the snapshot after an intended change, then review its diff.
/// </summary>
public sealed class SnapshotTests
{
    private static string ExpectedPath => Path.Combine(TestPaths.Snapshots, "Kitchen.g.cs");

    [Test]
    public void Kitchen_binding_matches_the_committed_snapshot()
    {
        var generated = BindingGenerator.Generate([TestPaths.KitchenArtifact], TestPaths.KitchenTypedData).Single();
        Assert.That(generated.FileName, Is.EqualTo("Kitchen.g.cs"));

        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(ExpectedPath, generated.Content);
            Assert.Warn($"Snapshot rewritten: {ExpectedPath}");
        }

        Assert.That(File.Exists(ExpectedPath), $"{ExpectedPath} is missing: run the tests with UPDATE_SNAPSHOTS=1 to create it.");
        Assert.That(generated.Content, Is.EqualTo(File.ReadAllText(ExpectedPath)), "Generated code changed: if intended, rerun with UPDATE_SNAPSHOTS=1 and review the diff.");
    }

    [Test]
    public void Generation_is_deterministic_whatever_the_artifact_order()
    {
        var artifacts = TestPaths.PlatformArtifacts();

        var forward = BindingGenerator.Generate(artifacts, TestPaths.PlatformTypedData);
        var backward = BindingGenerator.Generate(artifacts.Reverse(), TestPaths.PlatformTypedData);

        Assert.That(backward, Is.EqualTo(forward));
    }
}
