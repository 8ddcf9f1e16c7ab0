using System.Numerics;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Evaluation;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.LargeModels;
using DaoPlatform.Protocol.TestSets;

namespace DaoPlatform.Protocol.Reads;

/// <summary>A revealed model: its index among the revealed models, its entry (commit order), bytes and decoded form.</summary>
public sealed record RevealedModel(int Index, int EntryIndex, byte[] Bytes, QuantizedModel Model);

/// <summary>What a task reveals on chain: its models, its test-set records (label ‖ inputs each) and the same as a dataset.</summary>
public sealed record RevealedTask(IReadOnlyList<RevealedModel> Models, byte[] Records, Dataset TestSet);

/// <summary>
/// Rebuilds a task's revealed models and test set from the calldata of the reveal transactions, the source of
/// truth (no third-party storage): each model is checked against the hash the contract stored, each chunk against
/// the task's test-set root. A mismatch or a transaction that is not a direct call of the reveal function is an
/// <see cref="InvalidDataException"/> naming the task, the entry or chunk, and the transaction.
/// </summary>
public sealed class RevealedDataReader
{
    private readonly PlatformContracts _contracts;
    private readonly ReadOptions _options;
    private readonly AbiFunction _reveal;
    private readonly AbiFunction _revealChunk;
    private readonly AbiFunction _revealLarge;
    private readonly AbiFunction _publishChunk;

    /// <summary>Reads through <paramref name="contracts"/> in ranges of <paramref name="options"/>' size, from each task's creation block.</summary>
    public RevealedDataReader(PlatformContracts contracts, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        ArgumentNullException.ThrowIfNull(options);
        _contracts = contracts;
        _options = options;
        _reveal = contracts.TasksAbi.GetFunction("reveal");
        _revealChunk = contracts.TasksAbi.GetFunction("revealTestSetChunk");
        _revealLarge = contracts.TasksAbi.GetFunction("revealLargeModel");
        _publishChunk = contracts.TasksAbi.GetFunction("publishModelChunk");
    }

    /// <summary>The task's revealed models and its whole test set.</summary>
    public async Task<RevealedTask> ReadAsync(TaskSnapshot task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        IReadOnlyList<RevealedModel> models = await ReadModelsAsync(task, cancellationToken).ConfigureAwait(false);
        byte[] records = await ReadTestSetAsync(task, cancellationToken).ConfigureAwait(false);
        return new RevealedTask(models, records, TestSetRecords.ToDataset(records, task.Config.InputSize));
    }

    /// <summary>The revealed models of the task, in the order the verifier indexes them.</summary>
    public async Task<IReadOnlyList<RevealedModel>> ReadModelsAsync(TaskSnapshot task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var id = new BigInteger(task.TaskId);
        TrainingTasks.RevealedModelsOutput revealed = await _contracts.Tasks.RevealedModelsAsync(id, task.BlockNumber, cancellationToken).ConfigureAwait(false);
        List<EventLog<TrainingTasks.ModelRevealedEvent>> logs = await LogRanges.QueryAsync(
            task.CreatedBlock, task.BlockNumber, _options.MaxLogRange,
            (from, to) => _contracts.Tasks.QueryModelRevealedEventsAsync(from, to, taskId: id, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var models = new List<RevealedModel>(revealed.EntryIndexes.Count);
        for (int m = 0; m < revealed.EntryIndexes.Count; m++)
        {
            int entry = (int)revealed.EntryIndexes[m];
            byte[] expectedHash = revealed.ModelHashes[m];
            EventLog<TrainingTasks.ModelRevealedEvent> log = logs.LastOrDefault(l => l.Event.EntryIndex == entry)
                ?? throw new InvalidDataException($"task {task.TaskId}: no ModelRevealed log for entry {entry} up to block {task.BlockNumber}");
            (AbiFunction function, AbiValues call) = await DecodeCallAsync(log.Log.TransactionHash, [_reveal, _revealLarge], cancellationToken).ConfigureAwait(false);
            if (function == _revealLarge)
            {
                QuantizedModel large = await ReadLargeModelAsync(task, entry, expectedHash, call, cancellationToken).ConfigureAwait(false);
                models.Add(new RevealedModel(m, entry, Dqm1.Write(large), large));
                continue;
            }
            byte[] bytes = ContractValues.ToBytes(call["model"]);
            byte[] hash = Keccak256.Hash(bytes);
            if (!hash.AsSpan().SequenceEqual(expectedHash))
            {
                throw new InvalidDataException(
                    $"task {task.TaskId} entry {entry}: the model in transaction {log.Log.TransactionHash} hashes to {HexConvert.Encode(hash)}, " +
                    $"the contract holds {HexConvert.Encode(expectedHash)}");
            }
            QuantizedModel model;
            try
            {
                model = Dqm1.Read(bytes);
            }
            catch (EvaluationException e)
            {
                throw new InvalidDataException($"task {task.TaskId} entry {entry}: malformed model in transaction {log.Log.TransactionHash}: {e.Message}", e);
            }
            models.Add(new RevealedModel(m, entry, bytes, model));
        }
        return models;
    }

    /// <summary>The task's whole test set (records in index order), every chunk checked against the task's root.</summary>
    public async Task<byte[]> ReadTestSetAsync(TaskSnapshot task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var id = new BigInteger(task.TaskId);
        List<EventLog<TrainingTasks.TestSetChunkRevealedEvent>> logs = await LogRanges.QueryAsync(
            task.CreatedBlock, task.BlockNumber, _options.MaxLogRange,
            (from, to) => _contracts.Tasks.QueryTestSetChunkRevealedEventsAsync(from, to, taskId: id, cancellationToken: cancellationToken)).ConfigureAwait(false);
        TrainingTasks.TaskConfig config = task.Config;
        int recordSize = config.InputSize + 1;
        int height = TestSetTree.ChunkHeight(config.TestSetSize, config.ChunkSize);
        byte[] records = new byte[config.TestSetSize * recordSize];
        for (int c = 0; c < task.ChunkCount; c++)
        {
            EventLog<TrainingTasks.TestSetChunkRevealedEvent> log = logs.LastOrDefault(l => l.Event.ChunkIndex == c)
                ?? throw new InvalidDataException($"task {task.TaskId}: no TestSetChunkRevealed log for chunk {c} up to block {task.BlockNumber}");
            (_, AbiValues call) = await DecodeCallAsync(log.Log.TransactionHash, [_revealChunk], cancellationToken).ConfigureAwait(false);
            byte[] chunk = ContractValues.ToBytes(call["records"]);
            IReadOnlyList<byte[]> proof = ContractValues.ToList(call["proof"], ContractValues.ToBytes);
            (int first, int count) = TestSetTree.ChunkRange(config.TestSetSize, config.ChunkSize, c);
            bool sameTask = ContractValues.ToBigInteger(call["taskId"]) == id && ContractValues.ToBigInteger(call["chunkIndex"]) == c;
            if (!sameTask || chunk.Length != count * recordSize
                || !TestSetTree.ProcessProof(TestSetTree.SubtreeRoot(chunk, recordSize, first, height), c, proof).AsSpan().SequenceEqual(config.TestSetRoot))
            {
                throw new InvalidDataException(
                    $"task {task.TaskId} chunk {c}: transaction {log.Log.TransactionHash} does not carry records proven against the test-set root {HexConvert.Encode(config.TestSetRoot)}");
            }
            chunk.CopyTo(records, first * recordSize);
        }
        return records;
    }

    /// <summary>
    /// A large model (docs/training-tasks.md §8.1) rebuilt from the calldata of its <c>publishModelChunk</c> transactions,
    /// each chunk proven against the revealed rows root, the whole against the model root the contract holds. The
    /// chunks are looked for from the task's creation block, and before it only while the first row is missing.
    /// </summary>
    private async Task<QuantizedModel> ReadLargeModelAsync(TaskSnapshot task, int entry, byte[] modelRoot, AbiValues reveal, CancellationToken cancellationToken)
    {
        var assembler = new ModelAssembler(ContractValues.ToBytes(reveal["header"]), ContractValues.ToBytes(reveal["rowsRoot"]));
        if (!assembler.ModelRoot.AsSpan().SequenceEqual(modelRoot))
        {
            throw new InvalidDataException(
                $"task {task.TaskId} entry {entry}: the revealed header and rows root give {HexConvert.Encode(assembler.ModelRoot)}, the contract holds {HexConvert.Encode(modelRoot)}");
        }
        Task<IReadOnlyList<EventLog<TrainingTasks.ModelChunkPublishedEvent>>> Chunks(ulong from, ulong to) =>
            _contracts.Tasks.QueryModelChunkPublishedEventsAsync(from, to, modelRoot: modelRoot, cancellationToken: cancellationToken);
        List<EventLog<TrainingTasks.ModelChunkPublishedEvent>> logs = await LogRanges.QueryAsync(
            task.CreatedBlock, task.BlockNumber, _options.MaxLogRange, Chunks).ConfigureAwait(false);
        // A model is published once for every task (ModelAlreadyPublished), in row order: one published for an earlier
        // task, or ahead of this one, has chunks before this task's creation. Look back, newest range first, only
        // until its first row is found, never further than the start block.
        for (ulong end = task.CreatedBlock; !logs.Any(l => l.Event.FirstRow.IsZero) && end > _options.StartBlock;)
        {
            ulong start = end - _options.StartBlock > _options.MaxLogRange ? end - _options.MaxLogRange : _options.StartBlock;
            logs.InsertRange(0, await LogRanges.QueryAsync(start, end - 1, _options.MaxLogRange, Chunks).ConfigureAwait(false));
            end = start;
        }
        foreach (EventLog<TrainingTasks.ModelChunkPublishedEvent> log in logs)
        {
            (_, AbiValues call) = await DecodeCallAsync(log.Log.TransactionHash, [_publishChunk], cancellationToken).ConfigureAwait(false);
            try
            {
                assembler.Add((int)ContractValues.ToBigInteger(call["firstRow"]), (int)ContractValues.ToBigInteger(call["height"]),
                    ContractValues.ToBytes(call["rows"]), ContractValues.ToList(call["proof"], ContractValues.ToBytes));
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"task {task.TaskId} entry {entry}: transaction {log.Log.TransactionHash}: {e.Message}", e);
            }
        }
        if (!assembler.IsComplete)
        {
            throw new InvalidDataException(
                $"task {task.TaskId} entry {entry}: {assembler.PublishedRows} of {assembler.RowCount} rows of model {HexConvert.Encode(modelRoot)} are published up to block {task.BlockNumber}");
        }
        return assembler.ToModel();
    }

    private async Task<(AbiFunction Function, AbiValues Call)> DecodeCallAsync(string transactionHash, AbiFunction[] functions, CancellationToken cancellationToken)
    {
        TransactionInput transaction = await TransactionInput.FetchAsync(_contracts.Eth, transactionHash, cancellationToken).ConfigureAwait(false);
        AbiFunction? function = transaction.To == _contracts.Tasks.Address ? _contracts.TasksAbi.FindFunction(transaction.Input) : null;
        if (function is null || !functions.Contains(function))
        {
            throw new InvalidDataException(
                $"transaction {transactionHash} is not a direct call of TrainingTasks.{string.Join(" or ", functions.Select(f => f.Name))} (to {transaction.To}); " +
                "reveals made through another contract are not read yet");
        }
        try
        {
            return (function, function.DecodeCall(transaction.Input));
        }
        catch (AbiException e)
        {
            throw new InvalidDataException($"transaction {transactionHash}: malformed {function.Name} calldata: {e.Message}", e);
        }
    }
}
