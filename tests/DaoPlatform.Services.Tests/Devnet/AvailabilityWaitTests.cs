using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Protocol.Content;
using DaoPlatform.Services;

// In the namespace of the shared Devnet [SetUpFixture], so that it starts a devnet for these tests.
namespace DaoPlatform.Ethereum.IntegrationTests.Services;

/// <summary>
/// The evaluator and the availability game (docs/training-tasks.md §8.5) on the devnet: while a task with a committed
/// model waits for the game, the evaluator plans no post (which would revert <c>AvailabilityPending</c>) and says so once;
/// when the windows have passed it posts.
/// </summary>
public sealed class AvailabilityWaitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Test]
    public async Task The_evaluator_waits_for_the_availability_game_with_one_logged_decision_then_posts()
    {
        using TestPlatform platform = await TestPlatform.DeployAsync();
        string content = Directory.CreateTempSubdirectory("availability-wait-").FullName;
        var store = new LocalContentStore(content, 1 << 20);
        TestTask task = await platform.CreateCommittedLargeTaskAsync(seed: 65, async model => (await store.PutAsync(Dqm1.Write(model))).ToString(),
            withPublishedModel: true);
        await AnvilCheats.AdvanceToAsync(platform.Eth, task.Config.RevealDeadline);
        await platform.RevealTestSetAsync(task);
        ulong evaluatorNonce = await platform.Eth.GetTransactionCountAsync(DevKeys.Key(DevKeys.Evaluator).Address);

        // The test set is out, the availability game is not over: before this change the evaluator simulated a reverting post every block.
        await using NodeHost node = await NodeHost.StartAsync(platform, NodeRoles.Evaluator, RoleFlowTests.AllKeys(),
            extra: new Dictionary<string, string?> { ["ContentStore:LocalPath"] = content });
        string waits = $"Evaluator waits for task {task.Id}: results wait for the availability game";
        await NodeHost.WaitForAsync(() => Task.FromResult(node.Logs.Contains(waits)), "the evaluator's wait", Patience, node);
        for (int i = 0; i < 3; i++)
        {
            await AnvilCheats.AdvanceAsync(platform.Eth, 60);
        }
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.That(node.Logs.Lines.Count(l => l.Contains(waits, StringComparison.Ordinal)), Is.EqualTo(1), "said once, not every block");
        Assert.That(node.Logs.Contains($"Evaluator skipped task {task.Id}"), Is.False, "no evaluation job planned while waiting");
        Assert.That(await platform.PostsAsync(task), Is.Empty);
        Assert.That(await platform.Eth.GetTransactionCountAsync(DevKeys.Key(DevKeys.Evaluator).Address), Is.EqualTo(evaluatorNonce));

        // Past the challenge window and a resolve window after it, with no challenge open: the evaluator posts.
        await AnvilCheats.AdvanceToAsync(platform.Eth, task.Config.RevealDeadline + 2 * TestPlatform.Day + 1);
        await NodeHost.WaitForAsync(async () => (await platform.PostsAsync(task)).Count == 1, "the evaluator's post", Patience, node);
    }
}
