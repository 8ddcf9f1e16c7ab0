using DaoPlatform.Services.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace DaoPlatform.Services.Roles.Sentinel;

/// <summary>
/// The sentinel: the trainer's guard of its committed large models (docs/training-tasks.md §8.5). From the task's creation
/// (an incumbent, §9.3, is committed and challengeable from then) until the task settles, one job per task resolves every
/// open challenge of a chunk of the node's own models and of the incumbent: those of the availability window, and those
/// a prediction game forces later (a task with an open challenge cannot settle).
/// </summary>
public sealed class SentinelPlanner : IRolePlanner
{
    /// <inheritdoc/>
    public NodeRoles Role => NodeRoles.Sentinel;

    /// <inheritdoc/>
    public IEnumerable<PlannedJob> Plan(TaskSnapshot task)
    {
        ArgumentNullException.ThrowIfNull(task);
        ulong taskId = task.TaskId;
        if (task.IsLargeModelTask && !task.State.Settled)
        {
            yield return PlannedJob.Of<SentinelJob>(JobKeys.ResolveChunks(taskId), j => j.RunAsync(taskId, CancellationToken.None));
        }
    }

    /// <summary>Registers the role: its planner and job.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<IRolePlanner, SentinelPlanner>();
        services.AddTransient<SentinelJob>();
    }
}
