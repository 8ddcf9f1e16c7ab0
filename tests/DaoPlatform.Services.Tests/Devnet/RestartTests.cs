using System.Text.RegularExpressions;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Services;
using DaoPlatform.Services.Tests.Jobs;

// In the namespace of the shared Devnet [SetUpFixture], so that it starts a devnet for these tests.
namespace DaoPlatform.Ethereum.IntegrationTests.Services;

/// <summary>Restarts, duplicates and lost transactions: the chain is the only state, so each ends with exactly one post.</summary>
public sealed partial class RestartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static NodeKeys EvaluatorKeys(string key) => new NodeKeys().Set(NodeRoles.Evaluator, DevKeys.Key(key));

    private static Task<ulong> NonceAsync(TestPlatform platform, string key) =>
        platform.Eth.GetTransactionCountAsync(DevKeys.Key(key).Address, BlockTag.Latest);

    [Test]
    public async Task An_evaluator_killed_mid_evaluation_then_restarted_posts_once()
    {
        using TestPlatform platform = await TestPlatform.DeployAsync();
        TestTask task = await platform.CreateTaskWithModelsAsync(seed: 21);
        ulong nonceBefore = await NonceAsync(platform, DevKeys.Evaluator);
        using var blocking = new BlockingBackend();
        await using (NodeHost first = await NodeHost.StartAsync(platform, NodeRoles.Evaluator, EvaluatorKeys(DevKeys.Evaluator), blocking))
        {
            await platform.RevealTestSetAsync(task);
            Assert.That(await blocking.EnteredAsync(Patience), Is.True, "the first node started evaluating");
            await first.StopAsync();
            blocking.Release();
        }
        Assert.That(await platform.PostsAsync(task), Is.Empty);

        await using NodeHost second = await NodeHost.StartAsync(platform, NodeRoles.Evaluator, EvaluatorKeys(DevKeys.Evaluator));
        await NodeHost.WaitForAsync(async () => (await platform.PostsAsync(task)).Count == 1, "the restarted evaluator's post", Patience, second);
        Assert.That(await NonceAsync(platform, DevKeys.Evaluator), Is.EqualTo(nonceBefore + 1), "one transaction in all");
    }

    [Test]
    public async Task An_evaluator_killed_right_after_sending_does_not_send_again_after_a_restart()
    {
        using TestPlatform platform = await TestPlatform.DeployAsync();
        TestTask task = await platform.CreateTaskWithModelsAsync(seed: 22);
        await platform.RevealTestSetAsync(task);
        ulong nonceBefore = await NonceAsync(platform, DevKeys.Evaluator);
        await AnvilCheats.SetAutomineAsync(platform.Eth, false);
        try
        {
            await using (NodeHost first = await NodeHost.StartAsync(platform, NodeRoles.Evaluator, EvaluatorKeys(DevKeys.Evaluator)))
            {
                await NodeHost.WaitForAsync(() => Task.FromResult(first.Logs.Contains("Submitted 0x")), "the first node's send", Patience, first);
            }
            // The post waits in the pool; a restarted node sees no result at the latest block, but its simulation on
            // the pending block does, so it sends nothing.
            await using NodeHost second = await NodeHost.StartAsync(platform, NodeRoles.Evaluator, EvaluatorKeys(DevKeys.Evaluator));
            await NodeHost.WaitForAsync(() => Task.FromResult(second.Logs.Contains("Skipped OptimisticVerifier.postResult")), "the restarted node standing down", Patience, second);
            Assert.That(second.Logs.Lines.Where(l => l.Contains("Submitted ", StringComparison.Ordinal)), Is.Empty);
        }
        finally
        {
            await AnvilCheats.SetAutomineAsync(platform.Eth, true);
            await AnvilCheats.MineAsync(platform.Eth);
        }
        Assert.That(await platform.PostsAsync(task), Has.Count.EqualTo(1));
        Assert.That(await NonceAsync(platform, DevKeys.Evaluator), Is.EqualTo(nonceBefore + 1));
    }

    [Test]
    public async Task Two_evaluator_nodes_post_exactly_one_result()
    {
        using TestPlatform platform = await TestPlatform.DeployAsync();
        TestTask task = await platform.CreateTaskWithModelsAsync(seed: 23);
        await using NodeHost one = await NodeHost.StartAsync(platform, NodeRoles.Evaluator, EvaluatorKeys(DevKeys.Evaluator));
        await using NodeHost two = await NodeHost.StartAsync(platform, NodeRoles.Evaluator, EvaluatorKeys(DevKeys.SecondEvaluator));
        await platform.RevealTestSetAsync(task);
        await NodeHost.WaitForAsync(async () => (await platform.PostsAsync(task)).Count == 1, "a post", Patience, one, two);
        // Let both nodes see the post's block and finish whatever they had started.
        await AnvilCheats.MineAsync(platform.Eth);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.That(await platform.PostsAsync(task), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Two_evaluator_nodes_sharing_one_PostgreSQL_job_storage_post_exactly_one_result()
    {
        string binaries = PostgresCluster.FindBinaries()
            ?? throw new IgnoreException("No PostgreSQL server binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin: install postgresql to run this test.");
        using PostgresCluster cluster = PostgresCluster.Start(binaries);
        var storage = new Dictionary<string, string?>
        {
            ["Jobs:Storage:Kind"] = "PostgreSql",
            ["Jobs:Storage:ConnectionString"] = cluster.ConnectionString,
            ["Jobs:Storage:QueuePollInterval"] = "00:00:00.200",
        };
        using TestPlatform platform = await TestPlatform.DeployAsync();
        TestTask task = await platform.CreateTaskWithModelsAsync(seed: 25);
        ulong[] noncesBefore = [await NonceAsync(platform, DevKeys.Evaluator), await NonceAsync(platform, DevKeys.SecondEvaluator)];
        await using NodeHost one = await NodeHost.StartAsync(platform, NodeRoles.Evaluator, EvaluatorKeys(DevKeys.Evaluator), extra: storage);
        await using NodeHost two = await NodeHost.StartAsync(platform, NodeRoles.Evaluator, EvaluatorKeys(DevKeys.SecondEvaluator), extra: storage);
        await platform.RevealTestSetAsync(task);
        await NodeHost.WaitForAsync(async () => (await platform.PostsAsync(task)).Count == 1, "a post", Patience, one, two);
        await AnvilCheats.MineAsync(platform.Eth);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.That(await platform.PostsAsync(task), Has.Count.EqualTo(1));
        ulong sent = await NonceAsync(platform, DevKeys.Evaluator) - noncesBefore[0] + await NonceAsync(platform, DevKeys.SecondEvaluator) - noncesBefore[1];
        Assert.That(sent, Is.EqualTo(1UL), "the shared queue and its per-task lock let one node send, and only once");
    }

    [Test]
    public async Task A_post_dropped_from_the_pool_is_sent_again_with_the_same_nonce()
    {
        using TestPlatform platform = await TestPlatform.DeployAsync();
        TestTask task = await platform.CreateTaskWithModelsAsync(seed: 24);
        await platform.RevealTestSetAsync(task);
        ulong nonceBefore = await NonceAsync(platform, DevKeys.Evaluator);
        await AnvilCheats.SetAutomineAsync(platform.Eth, false);
        try
        {
            await using NodeHost node = await NodeHost.StartAsync(
                platform, NodeRoles.Evaluator, EvaluatorKeys(DevKeys.Evaluator), receiptTimeout: TimeSpan.FromSeconds(2));
            await NodeHost.WaitForAsync(() => Task.FromResult(node.Logs.Contains("Submitted 0x")), "the send", Patience, node);
            string hash = SentHash().Match(node.Logs.Lines.First(l => l.Contains("Submitted 0x", StringComparison.Ordinal))).Value;
            await AnvilCheats.DropTransactionAsync(platform.Eth, hash);
            await AnvilCheats.SetAutomineAsync(platform.Eth, true);
            await NodeHost.WaitForAsync(async () => (await platform.PostsAsync(task)).Count == 1, "the post sent again", Patience, node);
            // The dropped post was sent again under its nonce: by the transaction manager's resubmission when its
            // timer comes first (docs/transactions.md), else by the job's retry after the 2 s receipt timeout (the
            // manager forgets the nonce, and a dropped one leaves no gap). Either way, every send used the one nonce.
            string[] sends = [.. node.Logs.Lines.Where(static l => l.Contains("Submitted 0x", StringComparison.Ordinal) || l.Contains("Resubmitted 0x", StringComparison.Ordinal))];
            Assert.That(sends, Has.Length.GreaterThanOrEqualTo(2), string.Join(Environment.NewLine, node.Logs.Lines));
            Assert.That(sends.Select(static l => SentNonce().Match(l).Groups[1].Value), Is.All.EqualTo(nonceBefore.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        finally
        {
            await AnvilCheats.SetAutomineAsync(platform.Eth, true);
        }
        Assert.That(await NonceAsync(platform, DevKeys.Evaluator), Is.EqualTo(nonceBefore + 1));
    }

    [GeneratedRegex("0x[0-9a-f]{64}")]
    private static partial Regex SentHash();

    [GeneratedRegex(@"nonce (\d+)")]
    private static partial Regex SentNonce();
}
