using System.Collections.Concurrent;
using System.Numerics;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Evaluation.Backends.Cpu;
using DaoPlatform.Platform.Deployment;
using DaoPlatform.Protocol;
using DaoPlatform.Protocol.Moves;
using DaoPlatform.Protocol.Reads;
using DaoPlatform.Protocol.Rules;

namespace DaoPlatform.Hub.Writes;

/// <summary>
/// The hub's own verdict on a task's pending result: <see cref="Dispute"/> is null when the hub's re-evaluation agrees
/// with every posted prediction, score and the winner; otherwise it is the cheapest dispute that proves the result
/// wrong (<see cref="DisputeSolver"/>), which the Challenge button sends.
/// </summary>
public sealed record TaskVerdict(TaskSnapshot Task, PostedResult Posted, IReadOnlyList<RevealedModel> Models, byte[] Records, Dispute? Dispute)
{
    /// <summary>True when the hub's evaluation agrees with the posted result.</summary>
    public bool Verified => Dispute is null;

    /// <summary>The verdict in words: "verified" or where the posted result is wrong ("wrong at sample 17, model 2").</summary>
    public string Words => Dispute switch
    {
        null => $"verified: the hub re-ran {Models.Count} model{(Models.Count == 1 ? "" : "s")} on {Task.Config.TestSetSize} samples with the CPU back end and got every posted prediction, score and the winner",
        Dispute.Prediction p => $"wrong at sample {p.Sample}, model {p.Model}: posted class {p.Posted}, the model predicts {p.Correct}",
        Dispute.Score s => $"wrong score of model {s.Model}: posted {s.Posted}, its posted predictions score {s.Correct}",
        Dispute.Winner w => $"wrong winner: posted {Name(w.Posted)}, the posted scores name {Name(w.Correct)}",
        _ => Dispute.ToString()!,
    };

    private static string Name(int winner) => winner == TaskResult.NoWinner ? "no winner" : $"model {winner}";
}

/// <summary>
/// Re-evaluates posted results the way the auditor role does, through the protocol layer alone: the task's snapshot
/// (<see cref="ChainReader"/>), the result from its <c>postResult</c> calldata (<see cref="PostedResultReader"/>), the
/// revealed models and test set from their reveal transactions (<see cref="RevealedDataReader"/>), the one evaluation
/// path <see cref="TaskResult.Evaluate(Evaluation.Backends.IEvaluationBackend, IReadOnlyList{Evaluation.Model.QuantizedModel}, Evaluation.Model.Dataset, uint, CancellationToken)"/>
/// on the CPU back end, and <see cref="DisputeSolver"/>. A verdict is kept per result hash, so a page view
/// evaluates a result once.
/// </summary>
public sealed class TaskVerdicts
{
    private readonly PlatformContracts _contracts;
    private readonly ReadOptions _options;
    private readonly TaskCreationBlocks _creations;
    private readonly ConcurrentDictionary<string, Task<Dispute?>> _disputes = new(StringComparer.Ordinal);

    /// <summary>Reads through <paramref name="eth"/> on <paramref name="deployment"/>.</summary>
    public TaskVerdicts(EthRpcClient eth, DeploymentRecord deployment)
    {
        ArgumentNullException.ThrowIfNull(eth);
        ArgumentNullException.ThrowIfNull(deployment);
        _contracts = new PlatformContracts(new ContractConnection(eth), deployment.ToAddresses());
        _options = new ReadOptions { StartBlock = deployment.DeploymentBlock };
        _creations = new TaskCreationBlocks(_contracts, _options);
    }

    /// <summary>The verifier's address.</summary>
    public Address Verifier => _contracts.Verifier.Address;

    /// <summary>
    /// The verdict on task <paramref name="taskId"/>'s pending result as of the latest block, or null when no result
    /// is pending or the test set is not wholly revealed (nothing to evaluate against).
    /// </summary>
    /// <exception cref="InvalidDataException">The chain's reveals or the posted calldata do not match what the contracts stored.</exception>
    public async Task<TaskVerdict?> CheckAsync(ulong taskId, CancellationToken cancellationToken = default)
    {
        TaskSnapshot task = await new ChainReader(_contracts, _creations).ReadLatestAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (!task.HasPendingResult || !task.TestSetRevealed)
        {
            return null;
        }
        PostedResult posted = await new PostedResultReader(_contracts, _options).ReadAsync(task, cancellationToken).ConfigureAwait(false);
        var reader = new RevealedDataReader(_contracts, _options);
        RevealedTask revealed = await reader.ReadAsync(task, cancellationToken).ConfigureAwait(false);
        string key = $"{taskId}:{HexConvert.Encode(task.Claim.ResultHash)}";
        Task<Dispute?> dispute = _disputes.GetOrAdd(key, _ => Task.Run(() =>
        {
            TaskResult honest = TaskResult.Evaluate(new CpuBackend(), [.. revealed.Models.Select(m => m.Model)], revealed.TestSet, task.Config.MinScore, CancellationToken.None);
            return DisputeSolver.Solve(posted.Claimed, honest, revealed.TestSet.Labels, task.Config.MinScore);
        }, CancellationToken.None));
        try
        {
            return new TaskVerdict(task, posted, revealed.Models, revealed.Records, await dispute.WaitAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _disputes.TryRemove(key, out _);
            throw;
        }
    }

    /// <summary>
    /// The moves that overturn the result <paramref name="verdict"/> found wrong, sent by <paramref name="challenger"/>
    /// (<see cref="ResultMoves.Challenge"/>; on a large-model task the prediction game's opening move with its bond).
    /// </summary>
    /// <exception cref="InvalidOperationException">The verdict found the result right.</exception>
    public async Task<IReadOnlyList<Move>> ChallengeAsync(TaskVerdict verdict, Address challenger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        Dispute dispute = verdict.Dispute ?? throw new InvalidOperationException($"task {verdict.Task.TaskId}'s result was verified: nothing to challenge");
        TaskSnapshot task = verdict.Task.ForChallenger(challenger);
        BigInteger gameBond = task.IsLargeModelTask
            ? await _contracts.Verifier.GameBondAsync(task.TaskId, cancellationToken: cancellationToken).ConfigureAwait(false)
            : BigInteger.Zero;
        return ResultMoves.Challenge(Verifier, task, verdict.Posted, dispute, verdict.Models, verdict.Records, gameBond);
    }
}
