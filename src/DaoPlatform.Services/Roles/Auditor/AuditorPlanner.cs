using System.Numerics;
using DaoPlatform.Services.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DaoPlatform.Services.Roles.Auditor;

/// <summary>
/// The auditor: samples every committed large model in its availability window (and challenges what it cannot fetch),
/// re-evaluates every posted result, and plays the prediction game it opened.
/// </summary>
public sealed class AuditorPlanner(NodeKeys keys) : IRolePlanner
{
    /// <inheritdoc/>
    public NodeRoles Role => NodeRoles.Auditor;

    /// <inheritdoc/>
    public IEnumerable<PlannedJob> Plan(TaskSnapshot task)
    {
        ArgumentNullException.ThrowIfNull(task);
        ulong taskId = task.TaskId;
        string resultHash = task.ResultHashHex;
        // Models are committed in the reveal window and may be challenged until a day after it (docs/training-tasks.md §8.5).
        if (task.IsLargeModelTask && task.Timestamp >= task.Config.CommitDeadline
            && task.Timestamp < AvailabilitySampling.ChallengeDeadline(task.Config.RevealDeadline))
        {
            yield return PlannedJob.Of<AvailabilityAuditJob>(JobKeys.AuditAvailability(taskId), j => j.RunAsync(taskId, CancellationToken.None));
        }
        // Every challenger plays its own game: only the auditor's own game holds it back (docs/training-tasks.md §8.2).
        task = task.ForChallenger(keys.For(Role).Address);
        if (Decisions.AuditorWhyNot(task) is null)
        {
            yield return PlannedJob.Of<AuditorJob>(JobKeys.Audit(taskId, resultHash), j => j.RunAsync(taskId, resultHash, CancellationToken.None));
        }
        if (Decisions.AuditorGame(task, keys.For(Role).Address) != GameMove.None)
        {
            ulong openedAt = task.Game.OpenedAt;
            yield return PlannedJob.Of<AuditorGameJob>(JobKeys.PlayGame(taskId, resultHash, openedAt), j => j.RunAsync(taskId, resultHash, openedAt, CancellationToken.None));
        }
    }

    /// <inheritdoc/>
    public BigInteger AtStake(TaskSnapshot task) =>
        task?.ForChallenger(keys.For(Role).Address) is { HasOpenGame: true } own ? own.Game.Bond : BigInteger.Zero;

    /// <summary>Registers the role: its options (section <c>Auditor</c>), planner and jobs.</summary>
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditorOptions>().Bind(configuration.GetSection(AuditorOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AuditedModels>();
        services.AddSingleton<DisputedTraces>();
        services.AddTransient<AvailabilityAuditJob>();
        services.AddSingleton<IRolePlanner, AuditorPlanner>();
        services.AddTransient<AuditorJob>();
        services.AddTransient<AuditorGameJob>();
    }
}
