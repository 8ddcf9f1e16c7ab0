using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Keystore;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Services.Chain;
using DaoPlatform.Services.Health;
using DaoPlatform.Services.Jobs;
using DaoPlatform.Services.Roles;
using DaoPlatform.Services.Roles.Auditor;
using DaoPlatform.Services.Roles.Claimer;
using DaoPlatform.Services.Roles.Evaluator;
using DaoPlatform.Services.Roles.Finalizer;
using DaoPlatform.Services.ContentStore;
using DaoPlatform.Services.Roles.Relayer;
using DaoPlatform.Services.Roles.Sentinel;
using DaoPlatform.Services.Roles.Submitter;
using DaoPlatform.Services.Sending;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services;

/// <summary>Registers the node's services in a host.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>The configuration section of the evaluation back end (<see cref="EvaluationBackendOptions"/>).</summary>
    public const string EvaluationSection = "Evaluation";

    /// <summary>
    /// Adds the node: options bound from <paramref name="configuration"/> (sections <c>Node</c>, <c>Jobs</c>,
    /// <c>Jobs:Storage</c>, <c>Jobs:Dashboard</c>, <c>Submitter</c>, <c>Auditor</c>, <c>Claimer</c>, <c>ContentStore</c>, <c>Relayer</c>, <c>Health</c>; <c>Node:HealthUrl</c> serves the health report and the metrics) and validated when the host starts, so a bad setting stops it with one message; the chain
    /// follower; the role jobs; a Hangfire server on the storage <c>Jobs:Storage</c> describes (in memory by default); the evaluation back end <see cref="EvaluationBackendFactory"/> picks from section <c>Evaluation</c> (the GPU when a CUDA device is present, else the vectorised CPU back end) unless an <see cref="IEvaluationBackend"/> is. The caller registers
    /// the <see cref="NodeKeys"/>.
    /// </summary>
    public static IServiceCollection AddDaoPlatformNode(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<NodeOptions>()
            .Bind(configuration.GetSection(NodeOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => Address.TryParse(o.TrainingTasks, out _) && Address.TryParse(o.Verifier, out _),
                "Node:TrainingTasks and Node:Verifier must be 0x-prefixed 20-byte addresses")
            .Validate(o => o.Governor is null ? !o.Roles.HasFlag(NodeRoles.Relayer) : Address.TryParse(o.Governor, out _),
                "Node:Governor must be the DaoGovernor's 0x-prefixed 20-byte address (required with the relayer role)")
            .Validate(o => o.HealthUrl is null || o.HealthUrl.IsLoopback, "Node:HealthUrl must be a loopback address such as http://127.0.0.1:8081/")
            // Checked at start: a path the follower cannot write would fail every tick instead.
            .Validate(o => o.StateFile is null || (!Directory.Exists(o.StateFile) && Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(o.StateFile)))),
                "Node:StateFile must name a file in an existing folder, not a folder")
            .ValidateOnStart();
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SubmitterOptions>().Bind(configuration.GetSection(SubmitterOptions.Section));
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OpenedKeystores>();
        services.AddJobStorage(configuration.GetSection(JobStorageOptions.Section));
        services.AddJobDashboard(configuration.GetSection(JobDashboardOptions.Section));
        services.AddSingleton<NodeMetrics>();
        services.AddSingleton<NodeHealth>();
        services.AddSingleton<HealthProbe>();
        // Hosted services start in this order: the ports first, so one in use stops the node before any job runs.
        if (configuration.GetSection(NodeOptions.Section)[nameof(NodeOptions.HealthUrl)] is { Length: > 0 })
        {
            services.AddSingleton<NodeEndpoint>();
            services.AddHostedService(provider => provider.GetRequiredService<NodeEndpoint>());
        }
        if (configuration.GetSection(NodeOptions.Section).GetValue<NodeRoles>(nameof(NodeOptions.Roles)).HasFlag(NodeRoles.Hub))
        {
            services.AddHostedService<Hosting.HubEndpoint>();
        }
        services.AddHostedService<HealthMonitor>();
        services.AddOptions<EvaluationBackendOptions>().Bind(configuration.GetSection(EvaluationSection));
        services.TryAddSingleton<IEvaluationBackend>(provider => new EvaluationBackendFactory(
            provider.GetRequiredService<IOptions<EvaluationBackendOptions>>().Value,
            provider.GetService<ILogger<EvaluationBackendFactory>>()).Create());
        services.AddSingleton(provider => new EthRpcClient(new JsonRpcClient(
            provider.GetRequiredService<IOptions<NodeOptions>>().Value.RpcUrl!,
            new HttpClient(new RpcMetricsHandler(provider.GetRequiredService<NodeMetrics>())) { Timeout = TimeSpan.FromSeconds(30) })));
        services.AddSingleton(provider =>
        {
            NodeOptions options = provider.GetRequiredService<IOptions<NodeOptions>>().Value;
            return new PlatformContracts(new Ethereum.Contracts.ContractConnection(provider.GetRequiredService<EthRpcClient>()),
                new PlatformAddresses(Address.Parse(options.TrainingTasks!), Address.Parse(options.Verifier!))
                {
                    DaoGovernor = options.Governor is null ? null : Address.Parse(options.Governor),
                });
        });
        services.AddSingleton(provider =>
        {
            NodeOptions options = provider.GetRequiredService<IOptions<NodeOptions>>().Value;
            return new ReadOptions { StartBlock = options.StartBlock, MaxLogRange = options.MaxLogRange };
        });
        services.AddSingleton<TaskCreationBlocks>();
        services.AddSingleton<ChainReader>();
        services.AddSingleton<RevealedDataReader>();
        services.AddSingleton<PostedResultReader>();
        services.AddSingleton<GameReader>();
        services.AddSingleton<AvailabilityReader>();
        // The content store (section ContentStore; a local folder by default) holds committed models' bytes: the
        // auditor fetches them, the sentinel resolves from them. Opened on first use.
        services.AddContentStore(configuration.GetSection(ContentStoreOptions.Section));
        services.AddSingleton<HiddenTestSets>();
        services.AddSingleton<AuditedResults>();
        services.AddSingleton<RoleSenders>();
        services.AddSingleton<JobFilters>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<JobLocks>();
        services.AddSingleton<JobRunner>();
        // The roles: each folder's planner and jobs. The follower asks the planners of the configured roles.
        EvaluatorPlanner.Register(services);
        AuditorPlanner.Register(services, configuration);
        FinalizerPlanner.Register(services);
        SubmitterPlanner.Register(services);
        ClaimerPlanner.Register(services, configuration);
        RelayerPlanner.Register(services, configuration);
        SentinelPlanner.Register(services);
        services.AddHostedService<HangfireServerService>();
        services.AddHostedService<ChainFollower>();
        return services;
    }
}
