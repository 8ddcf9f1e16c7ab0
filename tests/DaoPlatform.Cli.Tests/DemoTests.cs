using System.Globalization;
using DaoPlatform.Demo;

namespace DaoPlatform.Cli.Tests;

/// <summary>The main job in its reduced form (few digits, a 32-sample test set, one epoch each): the whole story end to end.</summary>
[NonParallelizable]
public sealed class DemoTests
{
    [Test]
    [CancelAfter(300_000)]
    public async Task The_demo_story_runs_end_to_end(CancellationToken cancellationToken)
    {
        using var log = new StringWriter(CultureInfo.InvariantCulture);
        int code = await DemoHost.RunAsync(DemoOptions.Reduced, log, cancellationToken);
        string text = log.ToString();
        TestContext.Out.WriteLine(text);
        Assert.That(code, Is.Zero, text[^Math.Min(2000, text.Length)..]);
        Assert.That(text, Does.Contain("done: the submitter agent reveals the test set")
            .And.Contain("done: the auditor service overturns the lie")
            .And.Contain("done: the finalizer service finalizes")
            .And.Contain("castVoteBySig (relayed)")
            .And.Contain("OptimisticVerifier.challenge (auditor service)")
            .And.Contain("auditor's share of mallory's bond")
            .And.Contain("dora publishes dataset asset")
            .And.Contain("== Summary"));
    }
}
