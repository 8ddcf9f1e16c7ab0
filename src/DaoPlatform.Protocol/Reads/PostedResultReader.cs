using System.Numerics;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Protocol.Rules;

namespace DaoPlatform.Protocol.Reads;

/// <summary>A pending result as posted: the <c>Result</c> the disputes repeat, and the predictions from the post's calldata.</summary>
public sealed record PostedResult(OptimisticVerifier.Result Result, TaskResult Claimed, string TransactionHash);

/// <summary>
/// Rebuilds the pending result of a task from its <c>ResultPosted</c> event and the <c>postResult</c> calldata,
/// checking that the calldata's predictions hash to the event's prediction hashes.
/// </summary>
public sealed class PostedResultReader
{
    private readonly PlatformContracts _contracts;
    private readonly ReadOptions _options;
    private readonly AbiFunction _post;

    /// <summary>Reads through <paramref name="contracts"/> in ranges of <paramref name="options"/>' size, from each task's creation block.</summary>
    public PostedResultReader(PlatformContracts contracts, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        ArgumentNullException.ThrowIfNull(options);
        _contracts = contracts;
        _options = options;
        _post = contracts.VerifierAbi.GetFunction("postResult");
    }

    /// <summary>The task's pending result.</summary>
    /// <exception cref="InvalidDataException">No matching event, a transaction that is not a direct postResult call, or calldata that does not match the event.</exception>
    public async Task<PostedResult> ReadAsync(TaskSnapshot task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var id = new BigInteger(task.TaskId);
        var logs = await LogRanges.QueryAsync(
            task.CreatedBlock, task.BlockNumber, _options.MaxLogRange,
            (from, to) => _contracts.Verifier.QueryResultPostedEventsAsync(from, to, taskId: id, cancellationToken: cancellationToken)).ConfigureAwait(false);
        EventLog<OptimisticVerifier.ResultPostedEvent> log = logs.LastOrDefault(l => l.Event.ResultHash.AsSpan().SequenceEqual(task.Claim.ResultHash))
            ?? throw new InvalidDataException($"task {task.TaskId}: no ResultPosted event for pending result {task.ResultHashHex} up to block {task.BlockNumber}");
        string hash = log.Log.TransactionHash;
        TransactionInput transaction = await TransactionInput.FetchAsync(_contracts.Eth, hash, cancellationToken).ConfigureAwait(false);
        if (transaction.To != _contracts.Verifier.Address || _contracts.VerifierAbi.FindFunction(transaction.Input) != _post)
        {
            throw new InvalidDataException($"transaction {hash} is not a direct call of OptimisticVerifier.postResult (to {transaction.To})");
        }
        AbiValues call;
        try
        {
            call = _post.DecodeCall(transaction.Input);
        }
        catch (AbiException e)
        {
            throw new InvalidDataException($"transaction {hash}: malformed postResult calldata: {e.Message}", e);
        }
        OptimisticVerifier.Result result = log.Event.Result;
        byte[] predictions = ContractValues.ToBytes(call["predictions"]);
        int models = result.Scores.Count;
        int size = checked((int)task.Config.TestSetSize);
        if (models == 0 || predictions.Length != models * size || result.PredictionHashes.Count != models)
        {
            throw new InvalidDataException($"transaction {hash}: {predictions.Length} prediction bytes for {models} models of {size} samples");
        }
        var perModel = new List<byte[]>(models);
        for (int m = 0; m < models; m++)
        {
            byte[] slice = predictions[(m * size)..((m + 1) * size)];
            if (!Keccak256.Hash(slice).AsSpan().SequenceEqual(result.PredictionHashes[m]))
            {
                throw new InvalidDataException($"transaction {hash}: the predictions of model {m} do not hash to the posted prediction hash");
            }
            perModel.Add(slice);
        }
        return new PostedResult(result, new TaskResult(perModel, result.Scores, TaskResult.WinnerFrom(result.Winner)), hash);
    }
}
