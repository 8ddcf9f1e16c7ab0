using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Services;
using DaoPlatform.Protocol.Rules;
using DaoPlatform.Services.Roles.Submitter;
using DaoPlatform.Protocol.TestSets;

// In the namespace of the shared Devnet [SetUpFixture], so that it starts a devnet for these tests.
namespace DaoPlatform.Ethereum.IntegrationTests.Services;

/// <summary>The roles end to end on the devnet: honest posts finalize, dishonest ones are overturned by the auditor.</summary>
public sealed class RoleFlowTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    internal static NodeKeys AllKeys() => new NodeKeys()
        .Set(NodeRoles.Evaluator, DevKeys.Key(DevKeys.Evaluator))
        .Set(NodeRoles.Auditor, DevKeys.Key(DevKeys.Auditor))
        .Set(NodeRoles.Finalizer, DevKeys.Key(DevKeys.Finalizer))
        .Set(NodeRoles.Submitter, DevKeys.Key(DevKeys.Submitter));

    [Test]
    public async Task An_honest_result_is_posted_left_alone_finalized_and_the_winner_is_paid()
    {
        using TestPlatform platform = await TestPlatform.DeployAsync();
        TestTask task = await platform.CreateTaskWithModelsAsync(seed: 1);
        TaskResult honest = task.Honest();
        int port = Devnet.FreePort();
        await using NodeHost node = await NodeHost.StartAsync(
            platform, NodeRoles.Evaluator | NodeRoles.Auditor | NodeRoles.Finalizer | NodeRoles.Submitter, AllKeys(),
            extra: new Dictionary<string, string?> { ["Node:HealthUrl"] = $"http://127.0.0.1:{port}/" });
        // The submitter agent holds the hidden test set and reveals it; the evaluator then posts.
        node.Service<HiddenTestSets>().Add("test", task.InputSize, task.Records);
        await AnvilCheats.MineAsync(platform.Eth);

        await NodeHost.WaitForAsync(async () => (await platform.PostsAsync(task)).Count == 1, "the evaluator's post", Patience, node);
        var post = (await platform.PostsAsync(task)).Single();
        Assert.That(post.Event.Evaluator, Is.EqualTo(DevKeys.Key(DevKeys.Evaluator).Address));
        Assert.That(post.Event.Result.Scores, Is.EqualTo(honest.Scores));
        Assert.That((int)post.Event.Result.Winner, Is.EqualTo(honest.Winner));
        await NodeHost.WaitForAsync(() => Task.FromResult(node.Logs.Contains("is correct: no challenge")), "the auditor's verdict", Patience, node);

        await AnvilCheats.AdvanceAsync(platform.Eth, TestPlatform.ChallengeWindow + 1);
        await NodeHost.WaitForAsync(async () => (await platform.StateAsync(task)).Settled, "finalization", Patience, node);

        Assert.That(await platform.OverturnsAsync(task), Is.Empty);
        Assert.That((await platform.StateAsync(task)).LabelsDigest,
            Is.EqualTo(TestSetTree.LabelsDigest(TestSetRecords.ToDataset(task.Records, task.InputSize).Labels, 1 << TestSetTree.ChunkHeight(16, 4))),
            "the labels digest computed here is the contract's");
        using (var http = new HttpClient())
        {
            string report = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/"));
            Assert.That(report, Does.Contain("\"healthy\":true"));
        }
        Address winner = task.Trainers[honest.Winner];
        Assert.That(honest.Winner, Is.EqualTo(0), "the model the labels follow wins");
        Assert.That(await platform.Tasks.CreditsAsync(Address.Zero, winner), Is.EqualTo(TestPlatform.Reward + TestPlatform.Stake));
        Assert.That(await platform.Verifier.CreditsAsync(Address.Zero, DevKeys.Key(DevKeys.Evaluator).Address), Is.EqualTo(post.Event.Bond), "the bond comes back");
    }

    public enum Forgery
    {
        OnePrediction,
        Score,
        Winner,
    }

    [TestCase(Forgery.OnePrediction, 0)]
    [TestCase(Forgery.Score, 1)]
    [TestCase(Forgery.Winner, 2)]
    public async Task A_dishonest_result_is_overturned_with_the_cheapest_proof_then_an_honest_post_finalizes(Forgery forgery, int fault)
    {
        using TestPlatform platform = await TestPlatform.DeployAsync();
        TestTask task = await platform.CreateTaskWithModelsAsync(seed: 10 + fault);
        await platform.RevealTestSetAsync(task);
        TaskResult honest = task.Honest();
        TaskResult forged = Forge(honest, forgery, task);
        var bond = (await platform.BondAsync(task));
        await platform.PostAsync(task, forged, DevKeys.Mallory);

        await using NodeHost auditor = await NodeHost.StartAsync(platform, NodeRoles.Auditor | NodeRoles.Finalizer, AllKeys());
        await NodeHost.WaitForAsync(async () => (await platform.OverturnsAsync(task)).Count == 1, "the auditor's challenge", Patience, auditor);
        OptimisticVerifier.ResultOverturnedEvent overturned = (await platform.OverturnsAsync(task)).Single().Event;
        Assert.That(overturned.Fault, Is.EqualTo(fault));
        Assert.That(overturned.Evaluator, Is.EqualTo(DevKeys.Key(DevKeys.Mallory).Address));
        Assert.That(overturned.Challenger, Is.EqualTo(DevKeys.Key(DevKeys.Auditor).Address));
        Assert.That(await platform.Verifier.CreditsAsync(Address.Zero, DevKeys.Key(DevKeys.Auditor).Address), Is.EqualTo(bond / 2));

        await using NodeHost evaluator = await NodeHost.StartAsync(platform, NodeRoles.Evaluator, AllKeys());
        await NodeHost.WaitForAsync(async () => (await platform.PostsAsync(task)).Count == 2, "the honest post", Patience, evaluator, auditor);
        await AnvilCheats.AdvanceAsync(platform.Eth, TestPlatform.ChallengeWindow + 1);
        await NodeHost.WaitForAsync(async () => (await platform.StateAsync(task)).Settled, "finalization", Patience, auditor);
        Assert.That(await platform.OverturnsAsync(task), Has.Count.EqualTo(1), "the honest result was not challenged");
        Assert.That(await platform.Tasks.CreditsAsync(Address.Zero, task.Trainers[honest.Winner]), Is.EqualTo(TestPlatform.Reward + TestPlatform.Stake));
    }

    [Test]
    public async Task The_auditor_never_challenges_an_honest_result()
    {
        using TestPlatform platform = await TestPlatform.DeployAsync();
        var tasks = new List<TestTask>();
        for (int seed = 100; seed < 104; seed++)
        {
            TestTask task = await platform.CreateTaskWithModelsAsync(seed, samples: 5 + seed % 7);
            await platform.RevealTestSetAsync(task);
            tasks.Add(task);
        }
        foreach (TestTask task in tasks)
        {
            await platform.PostAsync(task, task.Honest(), DevKeys.Evaluator);
        }
        await using NodeHost auditor = await NodeHost.StartAsync(platform, NodeRoles.Auditor, AllKeys());
        await NodeHost.WaitForAsync(
            () => Task.FromResult(auditor.Logs.Lines.Count(l => l.Contains("is correct: no challenge", StringComparison.Ordinal)) >= tasks.Count),
            "the auditor's verdicts on every task", Patience, auditor);
        foreach (TestTask task in tasks)
        {
            Assert.That(await platform.OverturnsAsync(task), Is.Empty);
        }
        Assert.That(auditor.Logs.Lines.Where(l => l.Contains("Challenged", StringComparison.Ordinal) || l.Contains("Sent", StringComparison.Ordinal)), Is.Empty);
    }

    /// <summary>A result wrong in exactly one way, made internally consistent otherwise, so only one kind of proof applies.</summary>
    private static TaskResult Forge(TaskResult honest, Forgery forgery, TestTask task)
    {
        byte[] labels = TestSetRecords.ToDataset(task.Records, task.InputSize).Labels;
        switch (forgery)
        {
            case Forgery.OnePrediction:
            {
                byte[][] predictions = [.. honest.Predictions.Select(p => (byte[])p.Clone())];
                predictions[1][3] = (byte)((predictions[1][3] + 1) % task.Config.Classes);
                uint[] scores = [.. predictions.Select(p => TaskResult.Score(p, labels))];
                return new TaskResult(predictions, scores, TaskResult.WinnerOf(scores, task.Config.MinScore));
            }
            case Forgery.Score:
            {
                uint[] scores = [.. honest.Scores];
                scores[0] += 1;
                return honest with { Scores = scores, Winner = TaskResult.WinnerOf(scores, task.Config.MinScore) };
            }
            default:
                // The verifier refuses a named winner below the baseline, so the lie that it accepts is "no winner".
                return honest with { Winner = TaskResult.NoWinner };
        }
    }
}
