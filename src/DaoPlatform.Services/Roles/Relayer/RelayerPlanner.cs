using DaoPlatform.Ethereum.JsonRpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Roles.Relayer;

/// <summary>
/// The relayer (gasless voting): on every new block, one job that relays the signed ballots waiting in the inbox
/// (<see cref="RelayerJob"/>). Ballots belong to no task, so it plans per block, as the claimer does; the job queue
/// plans the key once while it is in flight.
/// </summary>
public sealed class RelayerPlanner : IRolePlanner
{
    /// <inheritdoc/>
    public NodeRoles Role => NodeRoles.Relayer;

    /// <inheritdoc/>
    public IEnumerable<PlannedJob> Plan(TaskSnapshot task) => [];

    /// <inheritdoc/>
    public IEnumerable<PlannedJob> PlanBlock(BlockHeader block) =>
        [PlannedJob.Of<RelayerJob>(RelayerJob.Key, j => j.RunAsync(CancellationToken.None))];

    /// <summary>Registers the role: its options (section <c>Relayer</c>, <c>Inbox</c> required with the role), budget, inbox, planner and job.</summary>
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RelayerOptions>().Bind(configuration.GetSection(RelayerOptions.Section)).ValidateDataAnnotations()
            .Validate<IOptions<NodeOptions>>((o, node) => !node.Value.Roles.HasFlag(NodeRoles.Relayer) || !string.IsNullOrWhiteSpace(o.Inbox),
                "Relayer:Inbox must name the folder of signed ballot files when the relayer role is on")
            .ValidateOnStart();
        services.AddSingleton<RelayerBudget>();
        services.AddSingleton<RelayerInbox>();
        services.AddSingleton<IRolePlanner, RelayerPlanner>();
        services.AddTransient<RelayerJob>();
    }
}
