using System.Net;
using System.Text.Json;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Services;
using DaoPlatform.Services.Health;
using DaoPlatform.Services.Jobs;
using DaoPlatform.Services.Tests.Jobs;
using DaoPlatform.Services.Tests.Support;
using Hangfire.InMemory;
using Microsoft.Extensions.Options;

// In the namespace of the shared Devnet [SetUpFixture], so that it starts a devnet for these tests.
namespace DaoPlatform.Ethereum.IntegrationTests.Services;

/// <summary>
/// The health report tells the truth (faults from the fault run): 503 while the chain node is frozen or the job
/// storage is down, 200 again as soon as they are back (no new block needed), each outage logged; and the metrics
/// are served in the Prometheus format.
/// </summary>
[NonParallelizable]
public sealed class NodeHealthTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_frozen_chain_node_is_reported_at_once_and_its_recovery_too()
    {
        using TestPlatform platform = await TestPlatform.DeployAsync();
        using var proxy = new FaultyRpcProxy(platform.Url) { TimeoutDelay = TimeSpan.FromSeconds(5) };
        int port = Devnet.FreePort();
        await using NodeHost node = await NodeHost.StartAsync(platform, NodeRoles.None, new NodeKeys(), rpcUrl: proxy.Url, extra: new Dictionary<string, string?>
        {
            ["Node:HealthUrl"] = $"http://127.0.0.1:{port}/",
            ["Health:RpcTimeout"] = "00:00:01",
            ["Health:ProbeInterval"] = "00:00:00.500",
        });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var health = new Uri($"http://127.0.0.1:{port}/health");
        await NodeHost.WaitForAsync(async () => (await http.GetAsync(health)).StatusCode == HttpStatusCode.OK, "a healthy node", Patience, node);

        // Frozen: the node accepts the connection and never answers.
        proxy.InjectFor(RpcFault.Timeout, TimeSpan.FromMinutes(5));
        using HttpResponseMessage frozen = await http.GetAsync(health);
        string frozenReport = await frozen.Content.ReadAsStringAsync();
        Assert.That(frozen.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), frozenReport);
        Assert.That(frozenReport, Does.Contain("chain: no answer to eth_getBlockByNumber within 1 s"));
        await NodeHost.WaitForAsync(() => Task.FromResult(node.Logs.Contains("Chain node is down: no answer")), "the outage in the log", Patience, node);

        ulong head = await platform.Eth.BlockNumberAsync();
        proxy.Clear();
        using HttpResponseMessage recovered = await http.GetAsync(health);
        Assert.That(recovered.StatusCode, Is.EqualTo(HttpStatusCode.OK), await recovered.Content.ReadAsStringAsync());
        Assert.That(await platform.Eth.BlockNumberAsync(), Is.EqualTo(head), "healthy again without a new block");
        await NodeHost.WaitForAsync(() => Task.FromResult(node.Logs.Contains("Chain node is back after")), "the recovery in the log", Patience, node);

        string metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
        Assert.That(metrics, Does.Contain("# TYPE daoplatform_rpc_duration_seconds histogram"));
        Assert.That(metrics, Does.Match("daoplatform_rpc_errors_total\\{method=\"eth_getBlockByNumber\"\\} [1-9]"), "the frozen node's unanswered requests are counted");
        Assert.That(metrics, Does.Contain("daoplatform_up{component=\"chain\"} 1"));
        Assert.That(metrics, Does.Contain($"daoplatform_cursor_lag_blocks 0"));
        Assert.That(metrics, Does.Contain("daoplatform_jobs{state=\"failed\"} 0"));
    }

    [Test]
    public async Task A_chain_whose_head_stopped_advancing_is_unhealthy_unless_it_is_known_idle()
    {
        using var rpc = new JsonRpcClient(Devnet.Url);
        var eth = new EthRpcClient(rpc);
        BlockHeader head = (await eth.GetBlockByNumberAsync(BlockTag.Latest))!;
        // Two minutes after the head's timestamp on the node's clock: no block for that long.
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeSeconds((long)head.Timestamp) + TimeSpan.FromMinutes(2));
        var follower = new NodeHealth();
        follower.Ticked(head.Number, head.Hash, head.Number, 0, clock.GetUtcNow());

        HealthReport stalled = await Probe(eth, follower, clock, idle: false).CheckAsync(CancellationToken.None);
        HealthReport idle = await Probe(eth, follower, clock, idle: true).CheckAsync(CancellationToken.None);

        Assert.That(stalled.Healthy, Is.False);
        Assert.That(stalled.Problems, Has.One.Contains($"head block {head.Number} is 120 s old (Health:MaxHeadAge 60 s)"));
        Assert.That(idle.Healthy, Is.True, string.Join("; ", idle.Problems));
    }

    [Test]
    public async Task A_job_storage_outage_is_reported_and_logged_and_so_is_its_end()
    {
        string binaries = PostgresCluster.FindBinaries()
            ?? throw new IgnoreException("No PostgreSQL server binaries (initdb, pg_ctl): install postgresql to run this test.");
        using PostgresCluster cluster = PostgresCluster.Start(binaries);
        using TestPlatform platform = await TestPlatform.DeployAsync();
        int port = Devnet.FreePort();
        await using NodeHost node = await NodeHost.StartAsync(platform, NodeRoles.None, new NodeKeys(), extra: new Dictionary<string, string?>
        {
            ["Node:HealthUrl"] = $"http://127.0.0.1:{port}/",
            ["Jobs:Storage:Kind"] = "PostgreSql",
            ["Jobs:Storage:ConnectionString"] = cluster.ConnectionString + ";Timeout=2",
            ["Health:ProbeInterval"] = "00:00:00.500",
        });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var health = new Uri($"http://127.0.0.1:{port}/health");
        await NodeHost.WaitForAsync(async () => (await http.GetAsync(health)).StatusCode == HttpStatusCode.OK, "a healthy node", Patience, node);

        cluster.Stop();
        using HttpResponseMessage down = await http.GetAsync(health);
        using (JsonDocument report = JsonDocument.Parse(await down.Content.ReadAsStringAsync()))
        {
            Assert.That(down.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(report.RootElement.GetProperty("jobStorage").GetProperty("healthy").GetBoolean(), Is.False);
            Assert.That(report.RootElement.GetProperty("jobStorage").GetProperty("kind").GetString(), Is.EqualTo("PostgreSql"));
        }
        await NodeHost.WaitForAsync(() => Task.FromResult(node.Logs.Contains("Job storage (PostgreSql) is down:")), "the outage in the log", Patience, node);

        cluster.Restart();
        await NodeHost.WaitForAsync(async () => (await http.GetAsync(health)).StatusCode == HttpStatusCode.OK, "health after the restart", TimeSpan.FromSeconds(10), node);
        await NodeHost.WaitForAsync(() => Task.FromResult(node.Logs.Contains("Job storage (PostgreSql) is back after")), "the recovery in the log", Patience, node);
    }

    private static HealthProbe Probe(EthRpcClient eth, NodeHealth follower, TimeProvider clock, bool idle) => new(
        eth, new InMemoryStorage(), follower, new NodeMetrics(), Options.Create(new HealthOptions { ChainIdle = idle }),
        Options.Create(new JobStorageOptions()), Options.Create(new NodeOptions()), clock);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
