using DaoPlatform.Services.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace DaoPlatform.Services.Roles.Finalizer;

/// <summary>The finalizer: finalizes results whose window closed, ends games whose turn passed, settles tasks that need no evaluation.</summary>
public sealed class FinalizerPlanner : IRolePlanner
{
    /// <inheritdoc/>
    public NodeRoles Role => NodeRoles.Finalizer;

    /// <inheritdoc/>
    public IEnumerable<PlannedJob> Plan(TaskSnapshot task)
    {
        ArgumentNullException.ThrowIfNull(task);
        ulong taskId = task.TaskId;
        if (Decisions.Finalizer(task) != FinalizerAction.None)
        {
            yield return PlannedJob.Of<FinalizerJob>(JobKeys.Finalize(taskId), j => j.RunAsync(taskId, CancellationToken.None));
        }
    }

    /// <summary>Registers the role: its planner and job.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<IRolePlanner, FinalizerPlanner>();
        services.AddTransient<FinalizerJob>();
    }
}
