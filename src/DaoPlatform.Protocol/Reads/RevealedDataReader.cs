using System.Numerics;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Evaluation;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.LargeModels;
using DaoPlatform.Protocol.Content;
using DaoPlatform.Protocol.Rules;
using DaoPlatform.Protocol.TestSets;

namespace DaoPlatform.Protocol.Reads;

/// <summary>A revealed model: its index among the revealed models, its entry (commit order), bytes and decoded form.</summary>
public sealed record RevealedModel(int Index, int EntryIndex, byte[] Bytes, QuantizedModel Model);

/// <summary>What a task reveals on chain: its models, its test-set records (label ‖ inputs each) and the same as a dataset.</summary>
public sealed record RevealedTask(IReadOnlyList<RevealedModel> Models, byte[] Records, Dataset TestSet);

/// <summary>
/// One row of a committed large model with its <paramref name="Proof"/> (leaf to rows root, lowest sibling first), and the
/// model's committed <paramref name="Header"/> and <paramref name="RowsRoot"/>: what <c>proveNeuron</c> takes.
/// </summary>
public sealed record CommittedRow(byte[] Header, byte[] RowsRoot, byte[] Row, IReadOnlyList<byte[]> Proof);

/// <summary>
/// Rebuilds a task's revealed models and test set from the calldata of the reveal transactions, the source of
/// truth: each model is checked against the hash the contract stored, each chunk against the task's test-set root.
/// A large model committed without publication (docs/training-tasks.md §8.5) is the one exception: its bytes come
/// from the content store at the committed CID, or else from the calldata of its resolved availability chunks, checked
/// against the committed root either way; when neither gives them all the read is a <see cref="ModelUnavailableException"/>.
/// A task's incumbent (entry 0) comes from its creation's calldata, made directly or through the vault, the timelock
/// or the governor, and so does every reveal, publication or resolution (<see cref="ExecutedCalls"/>: the vault may
/// be a trainer). A mismatch, or a transaction that makes no such call (one made through another contract, such as a
/// smart account, cannot be told from calldata alone), is an <see cref="InvalidDataException"/> naming the task, the
/// entry or chunk, and the transaction.
/// </summary>
public sealed class RevealedDataReader
{
    private readonly PlatformContracts _contracts;
    private readonly ReadOptions _options;
    private readonly AbiFunction _reveal;
    private readonly AbiFunction _revealChunk;
    private readonly AbiFunction _revealLarge;
    private readonly AbiFunction _publishChunk;
    private readonly AbiFunction _createWithAssets;
    private readonly AbiFunction _commitLarge;
    private readonly ContractAbi _availabilityAbi;
    private readonly AbiFunction _resolveChunk;
    private readonly IContentStore? _store;

    /// <summary>
    /// Reads through <paramref name="contracts"/> in ranges of <paramref name="options"/>' size, from each task's creation
    /// block; committed models' bytes from <paramref name="store"/> (without one, only from resolved chunks).
    /// </summary>
    public RevealedDataReader(PlatformContracts contracts, ReadOptions options, IContentStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        ArgumentNullException.ThrowIfNull(options);
        _contracts = contracts;
        _options = options;
        _store = store;
        _commitLarge = contracts.TasksAbi.GetFunction("commitLargeModel");
        _availabilityAbi = ContractAbi.Parse(ModelAvailability.AbiJson);
        _resolveChunk = _availabilityAbi.GetFunction("resolveChunk");
        _reveal = contracts.TasksAbi.GetFunction("reveal");
        _revealChunk = contracts.TasksAbi.GetFunction("revealTestSetChunk");
        _revealLarge = contracts.TasksAbi.GetFunction("revealLargeModel");
        _publishChunk = contracts.TasksAbi.GetFunction("publishModelChunk");
        _createWithAssets = contracts.TasksAbi.GetFunction("createTaskWithAssets");
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
    /// <exception cref="ModelUnavailableException">A committed model's bytes are neither in the store nor all on chain.</exception>
    /// <exception cref="InvalidDataException">A model on chain does not match what the contract holds.</exception>
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
            EventLog<TrainingTasks.ModelRevealedEvent>? log = logs.LastOrDefault(l => l.Event.EntryIndex == entry);
            if (log is null && entry == 0 && task.IsLargeModelTask)
            {
                // A large-model task's incumbent (docs/training-tasks.md §9.3) is entry 0, committed at creation.
                QuantizedModel committed = await ReadCommittedModelAsync(
                    task, await ReadIncumbentCommitmentAsync(task, cancellationToken).ConfigureAwait(false), expectedHash, cancellationToken).ConfigureAwait(false);
                models.Add(new RevealedModel(m, entry, Dqm1.Write(committed), committed));
                continue;
            }
            if (log is null && entry == 0)
            {
                // A task's incumbent (docs/training-tasks.md §9.1) is entry 0, entered with its bytes at creation.
                byte[] incumbent = await ReadIncumbentAsync(task, expectedHash, cancellationToken).ConfigureAwait(false);
                models.Add(new RevealedModel(m, entry, incumbent, Dqm1.Read(incumbent)));
                continue;
            }
            if (log is null)
            {
                throw new InvalidDataException($"task {task.TaskId}: no ModelRevealed log for entry {entry} up to block {task.BlockNumber}");
            }
            (AbiFunction function, AbiValues call) = await DecodeCallAsync(
                log.Log.TransactionHash, [_reveal, _revealLarge, _commitLarge], (_, c) => Is(c, "taskId", id), cancellationToken).ConfigureAwait(false);
            if (function == _commitLarge)
            {
                var commitment = new CommittedModel(entry, expectedHash, ContractValues.ToBytes(call["rowsRoot"]), (int)ContractValues.ToBigInteger(call["chunkCount"]),
                    ContractValues.ToText(call["cid"]), ContractValues.ToBytes(call["header"]), log.Log.BlockNumber, log.Log.TransactionHash);
                QuantizedModel committed = await ReadCommittedModelAsync(task, commitment, expectedHash, cancellationToken).ConfigureAwait(false);
                models.Add(new RevealedModel(m, entry, Dqm1.Write(committed), committed));
                continue;
            }
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

    /// <summary>
    /// Row <paramref name="row"/> of entry <paramref name="entry"/>'s committed model with its proof against the committed
    /// rows root, from the calldata of the resolution of the availability chunk that holds it (docs/training-tasks.md
    /// §8.5), with the committed header and rows root; null when that chunk was not resolved up to the snapshot's block.
    /// What a game reads after forcing the chunk, when the model's bytes are in no content store.
    /// </summary>
    /// <exception cref="InvalidDataException">The entry committed no model, the row is outside it, or a resolution does not prove against the committed root.</exception>
    public async Task<CommittedRow?> ReadResolvedRowAsync(TaskSnapshot task, int entry, int row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var id = new BigInteger(task.TaskId);
        List<EventLog<TrainingTasks.ModelCommittedEvent>> committed = await LogRanges.QueryAsync(
            task.CreatedBlock, task.BlockNumber, _options.MaxLogRange,
            (from, to) => _contracts.Tasks.QueryModelCommittedEventsAsync(from, to, taskId: id, cancellationToken: cancellationToken)).ConfigureAwait(false);
        TrainingTasks.ModelCommittedEvent commitment = committed.LastOrDefault(l => l.Event.EntryIndex == entry)?.Event
            ?? throw new InvalidDataException($"task {task.TaskId}: entry {entry} committed no model up to block {task.BlockNumber}");
        var assembler = new ModelAssembler(commitment.Header, commitment.RowsRoot);
        if (row < 0 || row >= assembler.RowCount)
        {
            throw new InvalidDataException($"task {task.TaskId} entry {entry}: row {row} is outside the model's {assembler.RowCount} rows");
        }
        int height = assembler.AvailabilityHeight;
        int chunk = ForcedChunks.ChunkOf(row, height);
        int[] widths = ForcedChunks.RowWidths(commitment.Header);
        Address availability = await _contracts.Tasks.AvailabilityAsync(task.BlockNumber, cancellationToken).ConfigureAwait(false);
        var game = new ModelAvailability(availability, _contracts.Connection);
        List<EventLog<ModelAvailability.ChunkResolvedEvent>> logs = await LogRanges.QueryAsync(
            task.CreatedBlock, task.BlockNumber, _options.MaxLogRange,
            (from, to) => game.QueryChunkResolvedEventsAsync(from, to, taskId: id, entry: entry, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (logs.LastOrDefault(l => l.Event.Chunk == chunk) is not { } resolved)
        {
            return null;
        }
        (_, AbiValues call) = await DecodeCallAsync(resolved.Log.TransactionHash, availability, _availabilityAbi, [_resolveChunk],
            (_, c) => Is(c, "taskId", id) && Is(c, "entry", entry) && Is(c, "chunk", chunk), cancellationToken).ConfigureAwait(false);
        byte[] rows = ContractValues.ToBytes(call["rows"]);
        IReadOnlyList<byte[]> chunkProof = ContractValues.ToList(call["proof"], ContractValues.ToBytes);
        int first = chunk << height;
        var records = new List<byte[]>();
        for (int r = first, offset = 0; r < Math.Min(first + (1 << height), assembler.RowCount); r++)
        {
            int width = widths[r];
            if (offset + width > rows.Length)
            {
                throw new InvalidDataException($"task {task.TaskId} entry {entry}: transaction {resolved.Log.TransactionHash} holds {rows.Length} bytes, too few for chunk {chunk}");
            }
            records.Add(rows.AsSpan(offset, width).ToArray());
            offset += width;
        }
        byte[] root = PositionalTree.ProcessProof(PositionalTree.SubtreeRoot(records, first, height), chunk, chunkProof);
        if (!root.AsSpan().SequenceEqual(commitment.RowsRoot))
        {
            throw new InvalidDataException(
                $"task {task.TaskId} entry {entry}: chunk {chunk} in transaction {resolved.Log.TransactionHash} proves to {HexConvert.Encode(root)}, not the rows root {HexConvert.Encode(commitment.RowsRoot)}");
        }
        // The row's siblings inside the chunk's subtree (padding leaves are zero), then the chunk's own proof.
        var level = new byte[1 << height][];
        for (int i = 0; i < level.Length; i++)
        {
            level[i] = i < records.Count ? PositionalTree.Leaf(first + i, records[i]) : new byte[32];
        }
        var proof = new List<byte[]>(height + chunkProof.Count);
        for (int index = row - first; level.Length > 1; index >>= 1)
        {
            proof.Add(level[index ^ 1]);
            var above = new byte[level.Length / 2][];
            for (int i = 0; i < above.Length; i++)
            {
                above[i] = PositionalTree.Parent(level[2 * i], level[2 * i + 1]);
            }
            level = above;
        }
        proof.AddRange(chunkProof);
        return new CommittedRow(commitment.Header, commitment.RowsRoot, records[row - first], proof);
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
            (_, AbiValues call) = await DecodeCallAsync(log.Log.TransactionHash, [_revealChunk], (_, v) => Is(v, "taskId", id) && Is(v, "chunkIndex", c), cancellationToken).ConfigureAwait(false);
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
        byte[] rowsRoot = ContractValues.ToBytes(reveal["rowsRoot"]);
        var assembler = new ModelAssembler(ContractValues.ToBytes(reveal["header"]), rowsRoot);
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
            (_, AbiValues call) = await DecodeCallAsync(log.Log.TransactionHash, [_publishChunk],
                (_, c) => ContractValues.ToBytes(c["rowsRoot"]).AsSpan().SequenceEqual(rowsRoot) && Is(c, "firstRow", log.Event.FirstRow), cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// The commitment of a large-model task's incumbent (entry 0): the <c>ModelCommitted</c> log of the task's creation,
    /// which carries the rows root, the header and the content store's CID that <c>createTaskWithAssets</c> entered.
    /// </summary>
    private async Task<CommittedModel> ReadIncumbentCommitmentAsync(TaskSnapshot task, CancellationToken cancellationToken)
    {
        var id = new BigInteger(task.TaskId);
        List<EventLog<TrainingTasks.ModelCommittedEvent>> logs = await LogRanges.QueryAsync(
            task.CreatedBlock, task.BlockNumber, _options.MaxLogRange,
            (from, to) => _contracts.Tasks.QueryModelCommittedEventsAsync(from, to, taskId: id, cancellationToken: cancellationToken)).ConfigureAwait(false);
        EventLog<TrainingTasks.ModelCommittedEvent> log = logs.FirstOrDefault(l => l.Event.EntryIndex == 0)
            ?? throw new InvalidDataException($"task {task.TaskId}: its incumbent (entry 0) has no ModelCommitted log up to block {task.BlockNumber}");
        return new CommittedModel(0, log.Event.ModelRoot, log.Event.RowsRoot, (int)log.Event.ChunkCount, log.Event.Cid, log.Event.Header,
            log.Log.BlockNumber, log.Log.TransactionHash);
    }

    /// <summary>
    /// The incumbent's bytes from the calldata of the <c>createTaskWithAssets</c> call that created the task, made
    /// directly or through the vault, the timelock or the governor (<see cref="ExecutedCalls"/>): the call to
    /// TrainingTasks whose incumbent hashes to <paramref name="expectedHash"/>, the hash the contract stored.
    /// </summary>
    private async Task<byte[]> ReadIncumbentAsync(TaskSnapshot task, byte[] expectedHash, CancellationToken cancellationToken)
    {
        var id = new BigInteger(task.TaskId);
        var created = await LogRanges.QueryAsync(
            task.CreatedBlock, task.BlockNumber, _options.MaxLogRange,
            (from, to) => _contracts.Tasks.QueryTaskCreatedEventsAsync(from, to, taskId: id, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (created.Count == 0)
        {
            throw new InvalidDataException($"task {task.TaskId}: no TaskCreated log up to block {task.BlockNumber}");
        }
        string transactionHash = created[0].Log.TransactionHash;
        TransactionInput transaction = await TransactionInput.FetchAsync(_contracts.Eth, transactionHash, cancellationToken).ConfigureAwait(false);
        int creations = 0;
        foreach (ExecutedCall call in ExecutedCalls.Of(transaction.To, transaction.Input))
        {
            if (call.Target != _contracts.Tasks.Address || _contracts.TasksAbi.FindFunction(call.Data) != _createWithAssets)
            {
                continue;
            }
            creations++;
            byte[] bytes;
            try
            {
                bytes = ContractValues.ToBytes(_createWithAssets.DecodeCall(call.Data)["incumbentModel"]);
            }
            catch (AbiException)
            {
                continue;
            }
            if (Keccak256.Hash(bytes).AsSpan().SequenceEqual(expectedHash))
            {
                return bytes;
            }
        }
        throw new InvalidDataException(creations == 0
            ? $"task {task.TaskId}: transaction {transactionHash} (to {transaction.To}) makes no createTaskWithAssets call to TrainingTasks, " +
              "directly or through the vault, timelock or governor; the incumbent's bytes cannot be read from it"
            : $"task {task.TaskId}: none of the {creations} createTaskWithAssets calls in transaction {transactionHash} carries an incumbent " +
              $"hashing to {HexConvert.Encode(expectedHash)}, the hash the contract holds");
    }

    /// <summary>
    /// A large model committed without publication (docs/training-tasks.md §8.5): the content at the committed CID when
    /// the store has it and it proves against the committed header and rows root, else the rows of its resolved
    /// availability chunks (calldata of <c>resolveChunk</c>, each proven against the rows root) when they cover it.
    /// </summary>
    private async Task<QuantizedModel> ReadCommittedModelAsync(TaskSnapshot task, CommittedModel committed, byte[] modelRoot, CancellationToken cancellationToken)
    {
        int entry = committed.Entry;
        var assembler = new ModelAssembler(committed.Header, committed.RowsRoot);
        if (!assembler.ModelRoot.AsSpan().SequenceEqual(modelRoot))
        {
            throw new InvalidDataException(
                $"task {task.TaskId} entry {entry}: the committed header and rows root give {HexConvert.Encode(assembler.ModelRoot)}, the contract holds {HexConvert.Encode(modelRoot)}");
        }
        string cid = committed.Cid;
        string storeFailure = "no content store is configured";
        if (_store is not null)
        {
            (Evaluation.LargeModels.ModelCommitment? commitment, string? failure) = await CommittedModelContent.FetchAsync(_store, committed, cancellationToken).ConfigureAwait(false);
            if (commitment is not null)
            {
                return commitment.Model;
            }
            storeFailure = failure!;
        }
        Address availability = await _contracts.Tasks.AvailabilityAsync(task.BlockNumber, cancellationToken).ConfigureAwait(false);
        var game = new ModelAvailability(availability, _contracts.Connection);
        List<EventLog<ModelAvailability.ChunkResolvedEvent>> logs = await LogRanges.QueryAsync(
            task.CreatedBlock, task.BlockNumber, _options.MaxLogRange,
            (from, to) => game.QueryChunkResolvedEventsAsync(from, to, taskId: new BigInteger(task.TaskId), entry: entry, cancellationToken: cancellationToken)).ConfigureAwait(false);
        int height = assembler.AvailabilityHeight;
        // Chunks resolve in any order (a game forces one alone); the assembler takes them in order, so the model is
        // rebuilt from the resolved ones that run from chunk 0 without a gap, or not at all.
        foreach (EventLog<ModelAvailability.ChunkResolvedEvent> log in logs.DistinctBy(l => l.Event.Chunk).OrderBy(l => l.Event.Chunk))
        {
            if ((int)log.Event.Chunk << height != assembler.PublishedRows)
            {
                break;
            }
            (_, AbiValues call) = await DecodeCallAsync(log.Log.TransactionHash, availability, _availabilityAbi, [_resolveChunk],
                (_, c) => Is(c, "taskId", task.TaskId) && Is(c, "entry", entry) && Is(c, "chunk", log.Event.Chunk), cancellationToken).ConfigureAwait(false);
            try
            {
                assembler.Add((int)ContractValues.ToBigInteger(call["chunk"]) << height, height,
                    ContractValues.ToBytes(call["rows"]), ContractValues.ToList(call["proof"], ContractValues.ToBytes));
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"task {task.TaskId} entry {entry}: transaction {log.Log.TransactionHash}: {e.Message}", e);
            }
        }
        if (!assembler.IsComplete)
        {
            throw new ModelUnavailableException(task.TaskId, entry, modelRoot,
                $"the content store cannot give CID '{cid}' ({storeFailure}), and resolved chunks give {assembler.PublishedRows} of its {assembler.RowCount} rows");
        }
        return assembler.ToModel();
    }

    private Task<(AbiFunction Function, AbiValues Call)> DecodeCallAsync(
        string transactionHash, AbiFunction[] functions, Func<AbiFunction, AbiValues, bool> isTheOne, CancellationToken cancellationToken) =>
        DecodeCallAsync(transactionHash, _contracts.Tasks.Address, _contracts.TasksAbi, functions, isTheOne, cancellationToken);

    /// <summary>
    /// The call of one of <paramref name="functions"/> on <paramref name="contract"/> that a transaction makes, directly or
    /// through the vault, the timelock or the governor (<see cref="ExecutedCalls"/>), and that <paramref name="isTheOne"/>
    /// picks among them (a batch may make several): the caller then checks what it carries against the chain.
    /// </summary>
    /// <exception cref="InvalidDataException">The transaction makes no such call.</exception>
    private async Task<(AbiFunction Function, AbiValues Call)> DecodeCallAsync(
        string transactionHash, Address contract, ContractAbi abi, AbiFunction[] functions, Func<AbiFunction, AbiValues, bool> isTheOne, CancellationToken cancellationToken)
    {
        TransactionInput transaction = await TransactionInput.FetchAsync(_contracts.Eth, transactionHash, cancellationToken).ConfigureAwait(false);
        string? malformed = null;
        foreach (ExecutedCall executed in ExecutedCalls.Of(transaction.To, transaction.Input))
        {
            AbiFunction? function = executed.Target == contract ? abi.FindFunction(executed.Data) : null;
            if (function is null || !functions.Contains(function))
            {
                continue;
            }
            AbiValues call;
            try
            {
                call = function.DecodeCall(executed.Data);
            }
            catch (AbiException e)
            {
                malformed ??= $"malformed {function.Name} calldata: {e.Message}";
                continue;
            }
            if (isTheOne(function, call))
            {
                return (function, call);
            }
        }
        string name = contract == _contracts.Tasks.Address ? "TrainingTasks" : "ModelAvailability";
        throw new InvalidDataException(
            $"transaction {transactionHash} (to {transaction.To}) makes no call of {name}.{string.Join(" or ", functions.Select(f => f.Name))} for it, " +
            $"directly or through the vault, timelock or governor{(malformed is null ? "" : $" ({malformed})")}; calls made through other contracts are not read");
    }

    /// <summary>Whether <paramref name="call"/>'s integer parameter <paramref name="name"/> is <paramref name="value"/>.</summary>
    private static bool Is(AbiValues call, string name, BigInteger value) => ContractValues.ToBigInteger(call[name]) == value;
}
