using System.Numerics;
using DaoPlatform.Services.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace DaoPlatform.Services.Roles.Evaluator;

/// <summary>The evaluator: posts a result once a task's test set is revealed, and answers a prediction game on its own result.</summary>
public sealed class EvaluatorPlanner(NodeKeys keys) : IRolePlanner
{
    /// <inheritdoc/>
    public NodeRoles Role => NodeRoles.Evaluator;

    /// <inheritdoc/>
    public IEnumerable<PlannedJob> Plan(TaskSnapshot task)
    {
        ArgumentNullException.ThrowIfNull(task);
        ulong taskId = task.TaskId;
        if (Decisions.EvaluatorWhyNot(task) is null)
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

    /// <summary>Registers the role: its planner and jobs.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<IRolePlanner, EvaluatorPlanner>();
        services.AddTransient<EvaluatorJob>();
        services.AddTransient<GameAnswerJob>();
    }
}
