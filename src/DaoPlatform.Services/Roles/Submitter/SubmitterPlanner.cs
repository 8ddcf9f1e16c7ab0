using DaoPlatform.Services.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace DaoPlatform.Services.Roles.Submitter;

/// <summary>The submitter: reveals its hidden test set chunk by chunk once the task's reveal window opens.</summary>
public sealed class SubmitterPlanner : IRolePlanner
{
    /// <inheritdoc/>
    public NodeRoles Role => NodeRoles.Submitter;

    /// <inheritdoc/>
    public IEnumerable<PlannedJob> Plan(TaskSnapshot task)
    {
        ArgumentNullException.ThrowIfNull(task);
        ulong taskId = task.TaskId;
        if (Decisions.SubmitterWhyNot(task) is null)
        {
            yield return PlannedJob.Of<SubmitterJob>(JobKeys.RevealTestSet(taskId), j => j.RunAsync(taskId, CancellationToken.None));
        }
    }

    /// <summary>Registers the role: its planner and job (the hidden test sets are registered with the node).</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<IRolePlanner, SubmitterPlanner>();
        services.AddTransient<SubmitterJob>();
    }
}
