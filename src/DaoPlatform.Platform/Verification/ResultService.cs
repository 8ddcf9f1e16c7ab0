using System.Numerics;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Protocol.Moves;
using DaoPlatform.Protocol.Reads;
using DaoPlatform.Protocol.Rules;
using DaoPlatform.Protocol.TestSets;
using DaoPlatform.Ethereum.Abi;

namespace DaoPlatform.Platform.Verification;

/// <summary>What a challenge did: the dispute it found (null for a later move of a game already open), the move and its transaction.</summary>
public sealed record ChallengeOutcome(Dispute? Dispute, Move Move, TransactionOutcome Outcome);

/// <summary>
/// The optimistic verifier's roles from the command line, on the protocol's readers, rules and moves (the node's
/// roles build the same moves): evaluators post a bonded result (scores, winner, every prediction in calldata; a
/// token task's bond approved first); auditors re-run the models and overturn a wrong result with the dispute
/// <see cref="DisputeSolver"/> picks (on a large-model task by playing the prediction game); anyone finalizes once
/// the window has passed. Everything is read from the chain: model bytes from the reveals' calldata, the test set
/// from the chunk reveals, predictions from the result's calldata.
/// </summary>
public sealed class ResultService
{
    private readonly PlatformContracts _platform;
    private readonly ReadOptions _options;
    private readonly MoveSender _sender;
    private readonly ChainConnection _chain;

    /// <summary>Reads and sends through <paramref name="chain"/> on the deployment <paramref name="platform"/>.</summary>
    public ResultService(ChainConnection chain, PlatformContracts platform)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(platform);
        _platform = platform;
        _options = new ReadOptions { StartBlock = platform.Addresses.DeploymentBlock };
        _sender = new MoveSender(chain);
        _chain = chain;
    }

    /// <summary>The task's state now.</summary>
    /// <exception cref="PlatformException">No such task.</exception>
    public async Task<TaskSnapshot> SnapshotAsync(BigInteger taskId, CancellationToken cancellationToken = default)
    {
        try
        {
            TaskSnapshot snapshot = await new ChainReader(_platform, new TaskCreationBlocks(_platform, _options)).ReadLatestAsync((ulong)taskId, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Posts <paramref name="result"/> for the task with the bond the verifier requires for it: payable for an ETH
    /// task; for a task paid in a token, the bond's approval first (<see cref="ResultMoves.Post"/>).
    /// </summary>
    /// <exception cref="MoveRevertedException">The approval or the post reverted.</exception>
    public async Task<(BigInteger Bond, IReadOnlyList<TransactionOutcome> Outcomes)> PostAsync(BigInteger taskId, TaskResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        TaskSnapshot task = await SnapshotAsync(taskId, cancellationToken).ConfigureAwait(false);
        BigInteger bond = await _platform.Verifier.RequiredBondAsync(taskId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return (bond, await _sender.SendAllAsync(ResultMoves.Post(_platform.Verifier.Address, task, result, bond), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The task's pending result, or null when none is pending.</summary>
    public async Task<(TaskSnapshot Task, PostedResult? Posted)> PendingAsync(BigInteger taskId, CancellationToken cancellationToken = default)
    {
        TaskSnapshot task = await SnapshotAsync(taskId, cancellationToken).ConfigureAwait(false);
        return (task, task.HasPendingResult ? await new PostedResultReader(_platform, _options).ReadAsync(task, cancellationToken).ConfigureAwait(false) : null);
    }

    /// <summary>
    /// Re-evaluates the task and, when its pending result is wrong, overturns it with the cheapest dispute that
    /// proves it (<see cref="DisputeSolver"/>); on a large-model task a wrong prediction opens the prediction game.
    /// When this account's game is already open, plays its next move instead: proves a neuron of the evaluator's
    /// answered trace wrong, or ends the game once the evaluator's turn has passed. Returns null when the result is
    /// right (or the game awaits the evaluator's answer).
    /// </summary>
    /// <exception cref="PlatformException">No pending result.</exception>
    /// <exception cref="MoveRevertedException">The move reverted.</exception>
    public async Task<ChallengeOutcome?> ChallengeAsync(BigInteger taskId, IEvaluationBackend backend, CancellationToken cancellationToken = default)
    {
        (TaskSnapshot task, PostedResult? posted) = await PendingAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (posted is null)
        {
            throw PlatformException.NotFound($"task {taskId} has no pending result to challenge");
        }
        // Every challenger plays its own game: only this account's game is ours to play (docs/training-tasks.md §8.2).
        task = task.ForChallenger(_chain.RequireAccount("challenge a result"));
        var reader = new RevealedDataReader(_platform, _options);
        byte[] records = await reader.ReadTestSetAsync(task, cancellationToken).ConfigureAwait(false);
        var models = await reader.ReadModelsAsync(task, cancellationToken).ConfigureAwait(false);
        if (task.HasOpenGame)
        {
            return await PlayGameAsync(task, models, records, cancellationToken).ConfigureAwait(false);
        }
        Dataset testSet = TestSetRecords.ToDataset(records, task.Config.InputSize);
        TaskResult honest = TaskResult.Evaluate(backend, [.. models.Select(m => m.Model)], testSet, task.Config.MinScore, cancellationToken);
        Dispute? dispute = DisputeSolver.Solve(posted.Claimed, honest, testSet.Labels, task.Config.MinScore);
        if (dispute is null)
        {
            return null;
        }
        BigInteger gameBond = task.IsLargeModelTask ? await _platform.Verifier.GameBondAsync(taskId, cancellationToken: cancellationToken).ConfigureAwait(false) : BigInteger.Zero;
        IReadOnlyList<Move> moves = ResultMoves.Challenge(_platform.Verifier.Address, task, posted, dispute, models, records, gameBond);
        IReadOnlyList<TransactionOutcome> outcomes = await _sender.SendAllAsync(moves, cancellationToken).ConfigureAwait(false);
        return new ChallengeOutcome(dispute, moves[^1], outcomes[^1]);
    }

    private async Task<ChallengeOutcome?> PlayGameAsync(TaskSnapshot task, IReadOnlyList<RevealedModel> models, byte[] records, CancellationToken cancellationToken)
    {
        Move? move;
        if (task.GameTurnOver && !task.GameAnswered)
        {
            move = GameMoves.Timeout(_platform.Verifier.Address, task);
        }
        else if (task.GameAnswered && !task.GameTurnOver)
        {
            byte[] trace = await new GameReader(_platform, _options).AnsweredTraceAsync(task, cancellationToken).ConfigureAwait(false);
            move = GameMoves.ProveNeuron(_platform.Verifier.Address, task, models[task.Game.Model].Model, records, trace)
                ?? throw PlatformException.Refused($"the trace the evaluator answered on task {task.TaskId} is correct: the game cannot be won");
        }
        else if (task.GameAnswered)
        {
            throw PlatformException.Refused($"the challenger's turn in task {task.TaskId}'s game ended {UnitFormat.Timestamp(task.Game.TurnEnds)}: the evaluator can end the game");
        }
        else
        {
            return null;
        }
        return new ChallengeOutcome(null, move, await _sender.SendAsync(move, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Finalizes the task's result once its challenge window has passed; the task pays its winner.</summary>
    public Task<TransactionOutcome> FinalizeAsync(BigInteger taskId, CancellationToken cancellationToken = default) =>
        _sender.SendAsync(ResultMoves.Finalize(_platform.Verifier.Address, (ulong)taskId), cancellationToken);

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
        return (credit, await _sender.SendAsync(WithdrawalMoves.VerifierCredits(_platform.Verifier.Address, Address.Zero, credit), cancellationToken).ConfigureAwait(false));
    }
}
