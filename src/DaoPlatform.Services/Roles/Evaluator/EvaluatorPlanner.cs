using System.Numerics;
using DaoPlatform.Services.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DaoPlatform.Services.Roles.Evaluator;

/// <summary>The evaluator: posts a result once a task's test set is revealed, and answers a prediction game on its own result.</summary>
public sealed class EvaluatorPlanner(NodeKeys keys, ILogger<EvaluatorPlanner> logger) : IRolePlanner
{
    private readonly WaitingTasks _waiting = new();

    /// <inheritdoc/>
    public NodeRoles Role => NodeRoles.Evaluator;

    /// <inheritdoc/>
    public IEnumerable<PlannedJob> Plan(TaskSnapshot task)
    {
        ArgumentNullException.ThrowIfNull(task);
        ulong taskId = task.TaskId;
        string? whyNot = Decisions.EvaluatorWhyNot(task);
        // A task whose payouts wait for the availability game is not planned (its post would revert): said once.
        string? wait = whyNot is not null && task.AvailabilityPending ? whyNot : null;
        if (_waiting.Changed(taskId, wait))
        {
            logger.LogInformation("Evaluator waits for task {TaskId}: {Reason}", taskId, wait);
        }
        if (whyNot is null)
        {
            yield return PlannedJob.Of<EvaluatorJob>(JobKeys.Evaluate(taskId), j => j.RunAsync(taskId, CancellationToken.None));
        }
        if (Decisions.GameAnswerWhyNot(task, keys.For(Role).Address) is null)
        {
            (string resultHash, ulong openedAt) = (task.ResultHashHex, task.Game.OpenedAt);
            yield return PlannedJob.Of<GameAnswerJob>(JobKeys.AnswerGame(taskId, resultHash, openedAt), j => j.RunAsync(taskId, resultHash, openedAt, CancellationToken.None));
        }
    }

    /// <inheritdoc/>
    public BigInteger AtStake(TaskSnapshot task) =>
        task is { HasPendingResult: true } && task.Claim.Evaluator == keys.For(Role).Address ? task.Claim.Bond : BigInteger.Zero;

    /// <inheritdoc/>
    public void Left(ulong taskId) => _waiting.Forget(taskId);

    /// <summary>How many tasks this planner remembers as waiting (one entry per open task at most).</summary>
    internal int WaitingCount => _waiting.Count;

    /// <summary>Registers the role: its planner and jobs.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<IRolePlanner, EvaluatorPlanner>();
        services.AddTransient<EvaluatorJob>();
        services.AddTransient<GameAnswerJob>();
    }
}
