using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// In the namespace of the shared Devnet [SetUpFixture], so that it starts a devnet for these tests.
namespace DaoPlatform.Ethereum.IntegrationTests.Services;

/// <summary>A node host in this process (its own in-memory Hangfire storage) following a <see cref="TestPlatform"/>.</summary>
internal sealed class NodeHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private NodeHost(IHost host, LogCollector logs)
    {
        _host = host;
        Logs = logs;
    }

    public LogCollector Logs { get; }

    public static async Task<NodeHost> StartAsync(
        TestPlatform platform, NodeRoles roles, NodeKeys keys, IEvaluationBackend? backend = null, TimeSpan? receiptTimeout = null,
        IReadOnlyDictionary<string, string?>? extra = null, Uri? rpcUrl = null)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var settings = new Dictionary<string, string?>
        {
            ["Node:Roles"] = roles.ToString(),
            ["Node:RpcUrl"] = (rpcUrl ?? platform.Url).ToString(),
            ["Node:ChainId"] = "10",
            ["Node:TrainingTasks"] = platform.TasksAddress.ToString(),
            ["Node:Verifier"] = platform.VerifierAddress.ToString(),
            ["Node:StartBlock"] = platform.StartBlock.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Node:PollInterval"] = "00:00:00.200",
            ["Node:ReceiptTimeout"] = (receiptTimeout ?? TimeSpan.FromSeconds(30)).ToString(),
            ["Jobs:RetryDelaysSeconds:0"] = "1",
            ["Jobs:SchedulePollingInterval"] = "00:00:01",
            ["Jobs:ReplanAfter"] = "00:00:05",
            // The devnet makes blocks only for transactions.
            ["Health:ChainIdle"] = "true",
        };
        foreach ((string key, string? value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new LogCollector();
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton(keys);
        if (backend is not null)
        {
            builder.Services.AddSingleton(backend);
        }
        builder.Services.AddDaoPlatformNode(builder.Configuration);
        IHost host = builder.Build();
        await host.StartAsync();
        return new NodeHost(host, logs);
    }

    public T Service<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>Stops the host as a kill would leave things: nothing waits for its jobs.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _host.StopAsync(quick.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with the host's log after <paramref name="timeout"/>.</summary>
    public static async Task WaitForAsync(Func<Task<bool>> condition, string what, TimeSpan timeout, params NodeHost[] hosts)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}. Node log:\n" + string.Join("\n", hosts.SelectMany(h => h.Logs.Lines)));
            }
            await Task.Delay(100);
        }
    }
}
