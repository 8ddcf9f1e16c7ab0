using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Platform.Training;

namespace DaoPlatform.Platform.Verification;

/// <summary>A task's revealed model: its entry, trainer and bytes (read back from the reveal's calldata).</summary>
public sealed record RevealedModel(BigInteger EntryIndex, Address Trainer, byte[] Bytes);

/// <summary>The dispute a challenge chose, with the model and sample it concerns (−1 where none).</summary>
public sealed record ChallengeOutcome(string Fault, int Model, int Sample, TransactionOutcome Outcome);

/// <summary>A task's pending result: its evaluator, deadline (seconds since the epoch) and bond (wei).</summary>
public sealed record PendingResult(Address Evaluator, ulong Deadline, BigInteger Bond, OptimisticVerifier.Result Result, byte[] Predictions);

/// <summary>
/// The optimistic verifier's three roles: evaluators post a bonded result (scores, winner, every prediction in
/// calldata); auditors re-run the models and overturn a wrong result in one transaction, choosing the dispute
/// (a wrong prediction, a wrong score, a wrong winner); anyone finalizes once the window has passed.
/// Everything an auditor needs is on-chain: model bytes from the reveals' calldata, predictions from the
/// result's calldata; the test set is the one revealed (its file is checked against the task's Merkle root).
/// </summary>
public sealed class ResultService(ChainConnection chain, PlatformContracts platform)
{
    private static readonly AbiFunction s_reveal = AbiFunction.Parse("reveal(uint256,bytes32,string,bytes)");
    private static readonly AbiFunction s_postResult = AbiFunction.Parse("postResult(uint256,uint32[],uint256,bytes)");

    /// <summary>The task's revealed models in the verifier's order, their bytes read from the reveal transactions.</summary>
    public async Task<IReadOnlyList<RevealedModel>> RevealedModelsAsync(BigInteger taskId, CancellationToken cancellationToken = default)
    {
        var revealed = await platform.Tasks.RevealedModelsAsync(taskId, cancellationToken: cancellationToken).ConfigureAwait(false);
        var logs = await platform.Tasks.QueryModelRevealedEventsAsync(platform.Record.DeploymentBlock, taskId: taskId, cancellationToken: cancellationToken).ConfigureAwait(false);
        var models = new List<RevealedModel>();
        for (int m = 0; m < revealed.EntryIndexes.Count; m++)
        {
            var log = logs.FirstOrDefault(l => l.Event.EntryIndex == revealed.EntryIndexes[m])
                ?? throw new InvalidOperationException($"no ModelRevealed event for task {taskId} entry {revealed.EntryIndexes[m]}");
            byte[] input = await TransactionInputAsync(log.Log.TransactionHash, cancellationToken).ConfigureAwait(false);
            byte[] bytes = s_reveal.DecodeCall(input).Get<byte[]>(3);
            if (!Keccak256.Hash(bytes).AsSpan().SequenceEqual(revealed.ModelHashes[m]))
            {
                throw new InvalidOperationException($"the reveal transaction {log.Log.TransactionHash} carries other bytes than the revealed model hash");
            }
            models.Add(new RevealedModel(revealed.EntryIndexes[m], log.Event.Trainer, bytes));
        }
        return models;
    }

    /// <summary>Evaluates the task's revealed models on <paramref name="testSet"/> (checked against the task's root).</summary>
    public async Task<EvaluationResult> EvaluateAsync(BigInteger taskId, DaoPlatform.Evaluation.Model.Dataset testSet, IEvaluationBackend backend, CancellationToken cancellationToken = default)
    {
        await CheckTestSetAsync(taskId, new TestSetTree(testSet), cancellationToken).ConfigureAwait(false);
        var models = await RevealedModelsAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (models.Count == 0)
        {
            throw PlatformException.NotFound($"task {taskId} has no revealed model to evaluate");
        }
        return EvaluationResult.Evaluate([.. models.Select((m, i) => ModelFiles.DecodeModel(m.Bytes, $"revealed model {i}"))], testSet, backend);
    }

    /// <summary>Posts <paramref name="result"/> for the task with the verifier's minimum bond.</summary>
    public async Task<TransactionOutcome> PostAsync(BigInteger taskId, EvaluationResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        BigInteger bond = await platform.Verifier.MinEvaluatorBondAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var receipt = await platform.Verifier.PostResultAsync(taskId, result.Scores, result.Winner, result.Concatenated, bond, cancellationToken).ConfigureAwait(false);
        return new("OptimisticVerifier.postResult", receipt);
    }

    /// <summary>The task's pending result, or null when none is pending.</summary>
    public async Task<PendingResult?> PendingAsync(BigInteger taskId, CancellationToken cancellationToken = default)
    {
        var claim = await platform.Verifier.ClaimsAsync(taskId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (claim.Evaluator == Address.Zero)
        {
            return null;
        }
        var posted = await platform.Verifier.QueryResultPostedEventsAsync(platform.Record.DeploymentBlock, taskId: taskId, cancellationToken: cancellationToken).ConfigureAwait(false);
        var last = posted[^1];
        byte[] predictions = s_postResult.DecodeCall(await TransactionInputAsync(last.Log.TransactionHash, cancellationToken).ConfigureAwait(false)).Get<byte[]>(3);
        return new PendingResult(claim.Evaluator, claim.Deadline, claim.Bond, last.Event.Result, predictions);
    }

    /// <summary>
    /// Checks the task's pending result against a re-evaluation on <paramref name="testSet"/> and, when it is wrong,
    /// overturns it with the cheapest dispute that proves it: a wrong prediction (one sample re-run on-chain), else a
    /// wrong score (a recount), else a wrong winner. Returns null when the result is right.
    /// </summary>
    /// <exception cref="PlatformException">No pending result.</exception>
    public async Task<ChallengeOutcome?> ChallengeAsync(BigInteger taskId, DaoPlatform.Evaluation.Model.Dataset testSet, IEvaluationBackend backend, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(testSet);
        PendingResult pending = await PendingAsync(taskId, cancellationToken).ConfigureAwait(false)
            ?? throw PlatformException.NotFound($"task {taskId} has no pending result to challenge");
        var tree = new TestSetTree(testSet);
        await CheckTestSetAsync(taskId, tree, cancellationToken).ConfigureAwait(false);
        var models = await RevealedModelsAsync(taskId, cancellationToken).ConfigureAwait(false);
        var truth = EvaluationResult.Evaluate([.. models.Select((m, i) => ModelFiles.DecodeModel(m.Bytes, $"revealed model {i}"))], testSet, backend);
        int size = testSet.Count;
        var result = pending.Result;
        for (int m = 0; m < models.Count; m++)
        {
            byte[] posted = pending.Predictions.AsSpan(m * size, size).ToArray();
            int wrong = posted.AsSpan().CommonPrefixLength(truth.Predictions[m]);
            if (wrong < size)
            {
                var receipt = await platform.Verifier.ChallengePredictionAsync(taskId, result, m, posted, models[m].Bytes, tree.Sample(wrong), cancellationToken).ConfigureAwait(false);
                return new ChallengeOutcome("prediction", m, wrong, new("OptimisticVerifier.challengePrediction", receipt));
            }
        }
        var recount = EvaluationResult.FromPredictions([.. Enumerable.Range(0, models.Count).Select(m => pending.Predictions.AsSpan(m * size, size).ToArray())], testSet.Labels);
        for (int m = 0; m < models.Count; m++)
        {
            if (recount.Scores[m] != result.Scores[m])
            {
                byte[] posted = pending.Predictions.AsSpan(m * size, size).ToArray();
                var receipt = await platform.Verifier.ChallengeScoreAsync(taskId, result, m, posted, [.. testSet.Labels], cancellationToken).ConfigureAwait(false);
                return new ChallengeOutcome("score", m, -1, new("OptimisticVerifier.challengeScore", receipt));
            }
        }
        if (recount.Winner != (int)result.Winner)
        {
            var receipt = await platform.Verifier.ChallengeWinnerAsync(taskId, result, cancellationToken).ConfigureAwait(false);
            return new ChallengeOutcome("winner", -1, -1, new("OptimisticVerifier.challengeWinner", receipt));
        }
        return null;
    }

    /// <summary>Finalizes the task's result once its challenge window has passed; the task pays its winner.</summary>
    public async Task<TransactionOutcome> FinalizeAsync(BigInteger taskId, CancellationToken cancellationToken = default) =>
        new("OptimisticVerifier.finalize", await platform.Verifier.FinalizeAsync(taskId, cancellationToken).ConfigureAwait(false));

    /// <summary>Withdraws the sender's verifier credits (returned bonds, challenge rewards).</summary>
    public async Task<(BigInteger Amount, TransactionOutcome Outcome)> WithdrawAsync(CancellationToken cancellationToken = default)
    {
        Address account = chain.RequireAccount("withdraw");
        BigInteger credit = await platform.Verifier.CreditsAsync(account, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (credit.IsZero)
        {
            throw PlatformException.NotFound($"{account} has no verifier credits to withdraw");
        }
        return (credit, new("OptimisticVerifier.withdraw", await platform.Verifier.WithdrawAsync(cancellationToken).ConfigureAwait(false)));
    }

    private async Task CheckTestSetAsync(BigInteger taskId, TestSetTree tree, CancellationToken cancellationToken)
    {
        var config = await new TrainingService(chain, platform).RequireTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (!tree.Root.AsSpan().SequenceEqual(config.TestSetRoot))
        {
            throw PlatformException.BadInput($"this test set is not the one task {taskId} committed to (its Merkle root differs)");
        }
    }

    private async Task<byte[]> TransactionInputAsync(string hash, CancellationToken cancellationToken) =>
        await chain.Eth.Rpc.SendAsync(
            new RpcCall<byte[]>("eth_getTransactionByHash", [hash], static (e, _) => DaoPlatform.Ethereum.Hex.HexConvert.Decode(e.GetProperty("input").GetString())),
            cancellationToken).ConfigureAwait(false);
}
