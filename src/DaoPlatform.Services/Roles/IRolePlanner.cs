using System.Linq.Expressions;
using System.Numerics;
using DaoPlatform.Ethereum.JsonRpc;
using Hangfire.Common;

namespace DaoPlatform.Services.Roles;

/// <summary>
/// A role's planner: from what the follower read, the jobs the role's decisions call for, each keyed by what it acts
/// on. The follower knows no role; it asks every planner of the configured roles (registered in DI as
/// <see cref="IRolePlanner"/>: a new role is one folder with its planner and jobs, and one registration).
/// Planners are pure over their inputs; their jobs re-read the chain and decide again before acting.
/// </summary>
public interface IRolePlanner
{
    /// <summary>The role this planner plans for (its jobs sign with that role's key).</summary>
    NodeRoles Role { get; }

    /// <summary>The jobs for one open task, read at the follower's cursor.</summary>
    IEnumerable<PlannedJob> Plan(TaskSnapshot task);

    /// <summary>The jobs for a new block, whatever the tasks (accounts rather than tasks: the claimer).</summary>
    IEnumerable<PlannedJob> PlanBlock(BlockHeader block) => [];

    /// <summary>
    /// <paramref name="taskId"/> left the open set (settled, or its creation reorganised away): the planner forgets what
    /// it kept about it. Not called again for the task unless it is created anew.
    /// </summary>
    void Left(ulong taskId)
    {
    }

    /// <summary>What the role's account has locked in <paramref name="task"/> (wei or token units), for the bonds-at-stake metric.</summary>
    BigInteger AtStake(TaskSnapshot task) => BigInteger.Zero;
}

/// <summary>A job to enqueue under <paramref name="Key"/> (what it acts on: the same key never runs twice at once).</summary>
public sealed record PlannedJob(string Key, Job Job)
{
    /// <summary>The job calling <paramref name="run"/> on a <typeparamref name="TJob"/> from DI.</summary>
    public static PlannedJob Of<TJob>(string key, Expression<Func<TJob, Task>> run) => new(key, Job.FromExpression(run));
}
