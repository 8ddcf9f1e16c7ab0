using DaoPlatform.Services.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DaoPlatform.Services.Roles.Finalizer;

/// <summary>The finalizer: finalizes results whose window closed, ends games whose turn passed, settles tasks that need no evaluation.</summary>
public sealed class FinalizerPlanner(ILogger<FinalizerPlanner> logger) : IRolePlanner
{
    private readonly WaitingTasks _waiting = new();

    /// <inheritdoc/>
    public NodeRoles Role => NodeRoles.Finalizer;

    /// <inheritdoc/>
    public IEnumerable<PlannedJob> Plan(TaskSnapshot task)
    {
        ArgumentNullException.ThrowIfNull(task);
        ulong taskId = task.TaskId;
        // A settlement that would revert AvailabilityPending is not planned: said once.
        string? wait = Decisions.FinalizerWaitsForAvailability(task) ? Decisions.AvailabilityWait(task) : null;
        if (_waiting.Changed(taskId, wait))
        {
            logger.LogInformation("Finalizer waits to settle task {TaskId} without evaluation: {Reason}", taskId, wait);
        }
        if (Decisions.Finalizer(task) != FinalizerAction.None)
        {
            yield return PlannedJob.Of<FinalizerJob>(JobKeys.Finalize(taskId), j => j.RunAsync(taskId, CancellationToken.None));
        }
    }

    /// <inheritdoc/>
    public void Left(ulong taskId) => _waiting.Forget(taskId);

    /// <summary>How many tasks this planner remembers as waiting (one entry per open task at most).</summary>
    internal int WaitingCount => _waiting.Count;

    /// <summary>Registers the role: its planner and job.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<IRolePlanner, FinalizerPlanner>();
        services.AddTransient<FinalizerJob>();
    }
}
