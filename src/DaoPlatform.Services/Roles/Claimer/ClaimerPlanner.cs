using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Services.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Roles.Claimer;

/// <summary>
/// The claimer (op-challenger's claimer): every <see cref="ClaimerOptions.EveryBlocks"/> blocks, one job that withdraws
/// whatever the task and verifier contracts owe the node's accounts, in ETH and in every ERC-20 token seen in the
/// followed tasks or configured. Keyed by nothing but itself: one claim runs at a time. For a large-model task, it also
/// slashes the challenges of committed models that nobody resolved in time (<see cref="SlashUnavailableJob"/>).
/// </summary>
public sealed class ClaimerPlanner(IOptions<ClaimerOptions> options) : IRolePlanner
{
    private readonly Lock _lock = new();
    private readonly SortedSet<string> _tokens = new(options.Value.Tokens.Select(t => Address.Parse(t).ToString()), StringComparer.Ordinal);
    private ulong? _lastPlanned;

    /// <inheritdoc/>
    public NodeRoles Role => NodeRoles.Claimer;

    /// <inheritdoc/>
    public IEnumerable<PlannedJob> Plan(TaskSnapshot task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Config.Token != Address.Zero)
        {
            lock (_lock)
            {
                _tokens.Add(task.Config.Token.ToString());
            }
        }
        // A challenge of a committed model's chunk can be slashed a resolve window after it was made, so from a window
        // after the first commitments on; the task's payouts wait for every challenge to end (docs/training-tasks.md §8.5).
        if (task.IsLargeModelTask && !task.State.Settled && task.Timestamp >= task.Config.CommitDeadline + AvailabilitySampling.ResolveWindow)
        {
            ulong taskId = task.TaskId;
            return [PlannedJob.Of<SlashUnavailableJob>(JobKeys.SlashUnavailable(taskId), j => j.RunAsync(taskId, CancellationToken.None))];
        }
        return [];
    }

    /// <inheritdoc/>
    public IEnumerable<PlannedJob> PlanBlock(BlockHeader block)
    {
        ArgumentNullException.ThrowIfNull(block);
        string[] tokens;
        lock (_lock)
        {
            if (_lastPlanned is { } last && block.Number < last + options.Value.EveryBlocks && block.Number >= last)
            {
                return [];
            }
            _lastPlanned = block.Number;
            tokens = [.. _tokens];
        }
        return [PlannedJob.Of<ClaimerJob>(JobKeys.Claim(), j => j.RunAsync(tokens, CancellationToken.None))];
    }

    /// <summary>Registers the role: its options (section <c>Claimer</c>), planner and job.</summary>
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClaimerOptions>().Bind(configuration.GetSection(ClaimerOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.Tokens.All(t => Address.TryParse(t, out _)), "Claimer:Tokens must be 0x-prefixed 20-byte addresses").ValidateOnStart();
        services.AddSingleton<IRolePlanner, ClaimerPlanner>();
        services.AddTransient<ClaimerJob>();
        services.AddTransient<SlashUnavailableJob>();
    }
}
