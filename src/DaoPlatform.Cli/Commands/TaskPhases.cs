using System.Numerics;
using DaoPlatform.Platform;
using DaoPlatform.Protocol.Reads;
using DaoPlatform.Protocol.Rules;

namespace DaoPlatform.Cli.Commands;

/// <summary>A training task's phase by name, from its deadlines and state (docs/training-tasks.md).</summary>
internal static class TaskPhases
{
    /// <summary>The phases in order, as <c>task status</c> and <c>task list --phase</c> name them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["commit", "reveal", "test-set-reveal", "evaluation", "expired", "settled"];

    /// <summary>The phase of <paramref name="task"/> at chain time <paramref name="now"/>.</summary>
    public static string Of(Platform.Training.TaskStatus task, ulong now)
    {
        ArgumentNullException.ThrowIfNull(task);
        // The protocol's rule, as the index and the hub apply it; the CLI reads no pending result here.
        return TaskLifecycle.Name(TaskLifecycle.PhaseOf(task.Config, new TaskProgress(task.State.Settled, task.TestSetRevealed, null), now));
    }

    /// <summary>The winning entry of a settled task, from its <c>ResultFinalized</c> event (logs read in bounded ranges), or null.</summary>
    public static async Task<BigInteger?> FinalWinnerAsync(ChainConnection chain, Protocol.PlatformContracts platform, BigInteger taskId, CancellationToken cancellationToken)
    {
        ulong head = await chain.Eth.BlockNumberAsync(cancellationToken).ConfigureAwait(false);
        var logs = await LogRanges.QueryAsync(platform.Addresses.DeploymentBlock, head, new ReadOptions().MaxLogRange,
            (from, to) => platform.Verifier.QueryResultFinalizedEventsAsync(from, to, taskId, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return logs.Count > 0 ? logs[^1].Event.WinnerEntry : null;
    }
}
