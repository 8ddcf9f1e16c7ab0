using DaoPlatform.Contracts.Training;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Protocol.Reads;
using DaoPlatform.Services.Roles;
using DaoPlatform.Services.Roles.Evaluator;
using DaoPlatform.Services.Roles.Finalizer;
using Microsoft.Extensions.Logging.Abstractions;

namespace DaoPlatform.Services.Tests.Roles;

/// <summary>
/// The planners' memory of waiting tasks (<see cref="WaitingTasks"/>) holds one entry per open task at most: a task that
/// settles, or leaves the open set otherwise, while it waits is forgotten (a long-running node leaked one per such task).
/// </summary>
public sealed class WaitingTasksTests
{
    private static readonly Address Someone = Address.Parse("0x00000000000000000000000000000000000000aa");

    [Test]
    public void A_wait_is_reported_once_and_forgotten_when_it_ends_or_its_task_leaves()
    {
        var waiting = new WaitingTasks();
        Assert.That(waiting.Changed(1, "the availability game"), Is.True, "a new wait is logged");
        Assert.That(waiting.Changed(1, "the availability game"), Is.False, "the same wait is not logged again");
        Assert.That(waiting.Changed(1, "a chunk challenge is open"), Is.True, "a new reason is logged");
        Assert.That(waiting.Changed(2, "the availability game"), Is.True);
        Assert.That(waiting.Count, Is.EqualTo(2));

        Assert.That(waiting.Changed(2, null), Is.False, "an ended wait is not logged");
        waiting.Forget(1);
        Assert.That(waiting.Count, Is.Zero, "nothing kept for a task that left while waiting");
        Assert.That(waiting.Changed(1, "the availability game"), Is.True, "a task created anew under the id is new");
    }

    /// <summary>
    /// Tasks that wait for the availability game and then leave the open set (as the follower reports each with
    /// <see cref="IRolePlanner.Left"/>): neither planner keeps anything for them.
    /// </summary>
    [Test]
    public void The_evaluator_and_finalizer_forget_the_tasks_that_leave_the_open_set_while_they_wait()
    {
        var evaluator = new EvaluatorPlanner(new NodeKeys().Set(NodeRoles.Evaluator, EthereumKey.Generate()), NullLogger<EvaluatorPlanner>.Instance);
        var finalizer = new FinalizerPlanner(NullLogger<FinalizerPlanner>.Instance);
        const int Tasks = 100;
        for (ulong id = 1; id <= Tasks; id++)
        {
            _ = evaluator.Plan(Waiting(id, now: 250)).ToList();
            _ = finalizer.Plan(Waiting(id, now: 1000)).ToList();
        }
        Assert.That(evaluator.WaitingCount, Is.EqualTo(Tasks), "the evaluator waits for each task");
        Assert.That(finalizer.WaitingCount, Is.EqualTo(Tasks), "the finalizer waits to settle each task");

        for (ulong id = 1; id <= Tasks; id++)
        {
            ((IRolePlanner)evaluator).Left(id);
            ((IRolePlanner)finalizer).Left(id);
        }
        Assert.That(evaluator.WaitingCount, Is.Zero);
        Assert.That(finalizer.WaitingCount, Is.Zero);
    }

    // 16 samples in chunks of 4, two models revealed, the test set revealed (4 of 4 chunks); results until 1000; a
    // committed model's availability game pending until 200 + 2 days.
    private static TaskSnapshot Waiting(ulong taskId, ulong now) => new(
        taskId,
        new TrainingTasks.TaskConfig(Address.Zero, 1, 0, new byte[32], 16, 8, 3, 4, 4, 3, 1000, 10_000, 100, 200, 300, 6),
        new TrainingTasks.TaskState(Someone, 2, 2, 4, false, new byte[32]),
        1000,
        new OptimisticVerifier.ClaimsOutput(Address.Zero, 0, 0, 5000, 0, Address.Zero, 0, 0, new byte[32]),
        new OptimisticVerifier.GamesOutput(Address.Zero, 0, 0, 0, 0, 0, 0, new byte[32]),
        10, now, CreatedBlock: 1)
    {
        AvailabilityPending = true,
        AvailabilityEnds = 200 + 2 * 86_400,
    };
}
