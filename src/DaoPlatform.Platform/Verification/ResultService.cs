using System.Numerics;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Protocol.Reads;
using DaoPlatform.Protocol.Rules;
using DaoPlatform.Protocol.TestSets;

namespace DaoPlatform.Platform.Verification;

/// <summary>What a challenge did: the dispute it chose and its transaction.</summary>
public sealed record ChallengeOutcome(Dispute Dispute, TransactionOutcome Outcome);

/// <summary>
/// The optimistic verifier's roles from the command line, on the node's own readers and decisions: evaluators post
/// a bonded result (scores, winner, every prediction in calldata); auditors re-run the models and overturn a wrong
/// result with the dispute <see cref="DisputeSolver"/> picks; anyone finalizes once the window has passed.
/// Everything is read from the chain: model bytes from the reveals' calldata, the test set from the chunk reveals,
/// predictions from the result's calldata.
/// </summary>
public sealed class ResultService
{
    private readonly PlatformContracts _platform;
    private readonly ReadOptions _options;

    /// <summary>Reads and sends through <paramref name="chain"/> on the deployment <paramref name="platform"/>.</summary>
    public ResultService(ChainConnection chain, PlatformContracts platform)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(platform);
        _platform = platform;
        _options = new ReadOptions { StartBlock = platform.Addresses.DeploymentBlock };
    }

    /// <summary>The task's state now.</summary>
    /// <exception cref="PlatformException">No such task.</exception>
    public async Task<TaskSnapshot> SnapshotAsync(BigInteger taskId, CancellationToken cancellationToken = default)
    {
        try
        {
            TaskSnapshot snapshot = await new ChainReader(_platform).ReadLatestAsync((ulong)taskId, cancellationToken).ConfigureAwait(false);
            return snapshot.Config.TestSetSize == 0 ? throw PlatformException.NotFound($"task {taskId} does not exist") : snapshot;
        }
        catch (Ethereum.Contracts.ContractRevertException e) when (e.ErrorSignature?.StartsWith("TaskNotFound", StringComparison.Ordinal) == true)
        {
            throw PlatformException.NotFound($"task {taskId} does not exist");
        }
    }

    /// <summary>The task's revealed test set, read from the chunk reveals and checked against its root.</summary>
    /// <exception cref="PlatformException">The test set is not revealed yet.</exception>
    public async Task<Dataset> RevealedTestSetAsync(TaskSnapshot task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!task.TestSetRevealed)
        {
            throw PlatformException.BadInput($"task {task.TaskId}'s test set is not revealed yet ({task.State.RevealedChunks} of {task.ChunkCount} chunks)");
        }
        byte[] records = await new RevealedDataReader(_platform, _options).ReadTestSetAsync(task, cancellationToken).ConfigureAwait(false);
        return TestSetRecords.ToDataset(records, task.Config.InputSize);
    }

    /// <summary>Evaluates the task's revealed models on its revealed test set with <paramref name="backend"/>.</summary>
    public async Task<TaskResult> EvaluateAsync(BigInteger taskId, IEvaluationBackend backend, CancellationToken cancellationToken = default)
    {
        TaskSnapshot task = await SnapshotAsync(taskId, cancellationToken).ConfigureAwait(false);
        Dataset testSet = await RevealedTestSetAsync(task, cancellationToken).ConfigureAwait(false);
        var models = await new RevealedDataReader(_platform, _options).ReadModelsAsync(task, cancellationToken).ConfigureAwait(false);
        if (models.Count == 0)
        {
            throw PlatformException.NotFound($"task {taskId} has no revealed model to evaluate");
        }
        return TaskResult.Evaluate(backend, [.. models.Select(m => m.Model)], testSet, task.Config.MinScore, cancellationToken);
    }

    /// <summary>A result from given predictions (one byte per sample per model), scored against the revealed labels.</summary>
    public async Task<TaskResult> ResultFromPredictionsAsync(BigInteger taskId, IReadOnlyList<byte[]> predictions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        TaskSnapshot task = await SnapshotAsync(taskId, cancellationToken).ConfigureAwait(false);
        Dataset testSet = await RevealedTestSetAsync(task, cancellationToken).ConfigureAwait(false);
        if (predictions.Any(p => p.Length != testSet.Count))
        {
            throw PlatformException.BadInput($"every model needs {testSet.Count} predictions (one per test sample)");
        }
        uint[] scores = [.. predictions.Select(p => TaskResult.Score(p, testSet.Labels))];
        return new TaskResult(predictions, scores, TaskResult.WinnerOf(scores, task.Config.MinScore));
    }

    /// <summary>Posts <paramref name="result"/> for the task with the bond the verifier requires for it (ETH tasks).</summary>
    public async Task<(BigInteger Bond, TransactionOutcome Outcome)> PostAsync(BigInteger taskId, TaskResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        TaskSnapshot task = await SnapshotAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (task.Config.Token != Address.Zero)
        {
            throw PlatformException.BadInput($"task {taskId} is paid in the token {task.Config.Token}: its bond is that token's, which this command does not approve; post ETH tasks only");
        }
        BigInteger bond = await _platform.Verifier.RequiredBondAsync(taskId, cancellationToken: cancellationToken).ConfigureAwait(false);
        var receipt = await _platform.Verifier.PostResultAsync(taskId, result.Scores, result.WinnerValue, result.ConcatenatedPredictions(), bond, cancellationToken).ConfigureAwait(false);
        return (bond, new("OptimisticVerifier.postResult", receipt));
    }

    /// <summary>The task's pending result, or null when none is pending.</summary>
    public async Task<(TaskSnapshot Task, PostedResult? Posted)> PendingAsync(BigInteger taskId, CancellationToken cancellationToken = default)
    {
        TaskSnapshot task = await SnapshotAsync(taskId, cancellationToken).ConfigureAwait(false);
        return (task, task.HasPendingResult ? await new PostedResultReader(_platform, _options).ReadAsync(task, cancellationToken).ConfigureAwait(false) : null);
    }

    /// <summary>
    /// Re-evaluates the task and, when its pending result is wrong, overturns it with the cheapest dispute that
    /// proves it (<see cref="DisputeSolver"/>). Returns null when the result is right.
    /// </summary>
    /// <exception cref="PlatformException">No pending result.</exception>
    public async Task<ChallengeOutcome?> ChallengeAsync(BigInteger taskId, IEvaluationBackend backend, CancellationToken cancellationToken = default)
    {
        (TaskSnapshot task, PostedResult? posted) = await PendingAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (posted is null)
        {
            throw PlatformException.NotFound($"task {taskId} has no pending result to challenge");
        }
        var reader = new RevealedDataReader(_platform, _options);
        byte[] records = await reader.ReadTestSetAsync(task, cancellationToken).ConfigureAwait(false);
        Dataset testSet = TestSetRecords.ToDataset(records, task.Config.InputSize);
        var models = await reader.ReadModelsAsync(task, cancellationToken).ConfigureAwait(false);
        TaskResult honest = TaskResult.Evaluate(backend, [.. models.Select(m => m.Model)], testSet, task.Config.MinScore, cancellationToken);
        Dispute? dispute = DisputeSolver.Solve(posted.Claimed, honest, testSet.Labels, task.Config.MinScore);
        if (dispute is null)
        {
            return null;
        }
        var verifier = _platform.Verifier;
        var receipt = dispute switch
        {
            Dispute.Winner => await verifier.ChallengeWinnerAsync(taskId, posted.Result, cancellationToken).ConfigureAwait(false),
            Dispute.Score s => await verifier.ChallengeScoreAsync(taskId, posted.Result, s.Model, posted.Claimed.Predictions[s.Model], testSet.Labels, cancellationToken).ConfigureAwait(false),
            Dispute.Prediction p => await verifier.ChallengePredictionAsync(taskId, posted.Result, p.Model, posted.Claimed.Predictions[p.Model], models[p.Model].Bytes, Sample(records, task, p.Sample), cancellationToken).ConfigureAwait(false),
            _ => throw new InvalidOperationException($"unknown dispute {dispute}"),
        };
        string step = dispute switch { Dispute.Winner => "challengeWinner", Dispute.Score => "challengeScore", _ => "challengePrediction" };
        return new ChallengeOutcome(dispute, new TransactionOutcome("OptimisticVerifier." + step, receipt));
    }

    /// <summary>Finalizes the task's result once its challenge window has passed; the task pays its winner.</summary>
    public async Task<TransactionOutcome> FinalizeAsync(BigInteger taskId, CancellationToken cancellationToken = default) =>
        new("OptimisticVerifier.finalize", await _platform.Verifier.FinalizeAsync(taskId, cancellationToken).ConfigureAwait(false));

    /// <summary>The ETH credits <paramref name="account"/> can withdraw from the verifier.</summary>
    public Task<BigInteger> CreditsAsync(Address account, CancellationToken cancellationToken = default) =>
        _platform.Verifier.CreditsAsync(Address.Zero, account, cancellationToken: cancellationToken);

    /// <summary>Withdraws the sender's ETH verifier credits (returned bonds, challenge rewards).</summary>
    public async Task<(BigInteger Amount, TransactionOutcome Outcome)> WithdrawAsync(Address account, CancellationToken cancellationToken = default)
    {
        BigInteger credit = await CreditsAsync(account, cancellationToken).ConfigureAwait(false);
        if (credit.IsZero)
        {
            throw PlatformException.NotFound($"{account} has no verifier credits to withdraw");
        }
        return (credit, new("OptimisticVerifier.withdraw", await _platform.Verifier.WithdrawAsync(Address.Zero, cancellationToken).ConfigureAwait(false)));
    }

    private static OptimisticVerifier.Sample Sample(byte[] records, TaskSnapshot task, int index)
    {
        int recordSize = task.Config.InputSize + 1;
        var tree = new TestSetTree(records, recordSize);
        return new OptimisticVerifier.Sample(index, records.AsSpan(index * recordSize, recordSize).ToArray(), tree.SampleProof(index));
    }
}
