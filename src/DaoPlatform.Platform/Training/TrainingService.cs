using System.Numerics;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Protocol.Moves;
using DaoPlatform.Protocol.TestSets;

namespace DaoPlatform.Platform.Training;

/// <summary>A task's configuration, state and entries, as read from the chain.</summary>
public sealed record TaskStatus(BigInteger TaskId, TrainingTasks.TaskConfig Config, TrainingTasks.TaskState State, IReadOnlyList<TrainingTasks.Entry> Entries, bool TestSetRevealed);

/// <summary>
/// Training tasks (docs/training-tasks.md): a submitter escrows a reward and commits to a hidden test set; trainers
/// commit keccak256(abi.encode(modelHash, salt, trainer, taskId)) with a stake, then reveal the model bytes; the
/// submitter reveals the test set in Merkle-proven chunks.
/// </summary>
public sealed class TrainingService(ChainConnection chain, PlatformContracts platform)
{
    /// <summary>Seconds added to the commit window for the creation transaction to be mined.</summary>
    public const ulong CreationMargin = 600;

    /// <summary>
    /// The task configuration for <paramref name="testSet"/>, with deadlines counted from the latest block plus
    /// <see cref="CreationMargin"/>.
    /// </summary>
    public async Task<TrainingTasks.TaskConfig> BuildConfigAsync(HiddenTestSet testSet, int classes, TaskParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(testSet);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.ChunkSize == 0 || (parameters.ChunkSize & (parameters.ChunkSize - 1)) != 0)
        {
            throw PlatformException.BadInput($"chunk size {parameters.ChunkSize} is not a power of two");
        }
        // The windows count from when the creation is mined: ten minutes of margin keep the commit window at least as
        // long as asked (the contract refuses one under a day) while the transaction waits for its block. The next
        // block is stamped no earlier than the latest, nor (on anvil and OP nodes) than the clock: on a chain idle for
        // longer than the margin, the latest block's time alone would make the window too short.
        ulong latest = await chain.LatestTimestampAsync(cancellationToken).ConfigureAwait(false);
        ulong now = Math.Max(latest, (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        ulong commit = now + CreationMargin + parameters.CommitWindow;
        ulong reveal = commit + parameters.RevealWindow;
        return new TrainingTasks.TaskConfig(
            Address.Zero, parameters.Reward, parameters.Stake, testSet.Tree.Root, (uint)testSet.Tree.Size, checked((ushort)testSet.InputSize), checked((ushort)classes),
            parameters.ChunkSize, parameters.MaxTrainers, parameters.MaxLayers, parameters.MaxMacs, parameters.MaxModelBytes,
            commit, reveal, reveal + parameters.TestSetRevealWindow, parameters.MinScore);
    }

    /// <summary>
    /// Creates the task from the sender, paying the reward (<see cref="TaskMoves.Create"/>: a token task's approval
    /// first); returns its id and the transactions, the creation last.
    /// </summary>
    public async Task<(BigInteger TaskId, IReadOnlyList<TransactionOutcome> Outcomes)> CreateAsync(TrainingTasks.TaskConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var outcomes = await new MoveSender(chain).SendAllAsync(TaskMoves.Create(platform.Tasks.Address, config), cancellationToken).ConfigureAwait(false);
        return (TaskIdOf(outcomes[^1].Receipt), outcomes);
    }

    /// <summary>The id of the task a receipt created (also when the vault created it).</summary>
    /// <exception cref="PlatformException">The transaction created no task.</exception>
    public BigInteger TaskIdOf(DaoPlatform.Ethereum.JsonRpc.TransactionReceipt receipt) =>
        platform.Tasks.DecodeTaskCreatedEvents(receipt) is { Count: > 0 } created
            ? created[0].TaskId
            : throw PlatformException.NotFound($"transaction {receipt?.TransactionHash} created no task");

    /// <summary>
    /// Sends <paramref name="commit"/>'s commitment to its task with the task's stake (<see cref="TaskMoves.Commit"/>: a
    /// token task's approval first). The commit file, which holds the salt, must be on disk before this is called.
    /// </summary>
    /// <exception cref="PlatformException">The commit is for another deployment or trainer, or the task does not exist.</exception>
    public async Task<IReadOnlyList<TransactionOutcome>> CommitAsync(CommitFile commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        CheckFor(commit);
        if (commit.Trainer != chain.RequireAccount("commit a model"))
        {
            throw PlatformException.BadInput($"the commit is for trainer {commit.Trainer}, but the account is {chain.Key!.Address}");
        }
        var config = await RequireTaskAsync(commit.TaskId, cancellationToken).ConfigureAwait(false);
        byte[] commitment = Commitment(commit.ModelHash, commit.Salt, commit.Trainer, commit.TaskId);
        return await new MoveSender(chain).SendAllAsync(TaskMoves.Commit(platform.Tasks.Address, TaskNumber(commit.TaskId), config, commitment), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Reveals the committed model (its bytes go into the calldata, checked against the commitment).</summary>
    /// <exception cref="PlatformException">The model file changed since the commit, or the file is for another deployment.</exception>
    public async Task<TransactionOutcome> RevealAsync(CommitFile commit, byte[] model, string uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(model);
        CheckFor(commit);
        if (!Keccak256.Hash(model).AsSpan().SequenceEqual(commit.ModelHash))
        {
            throw PlatformException.BadInput($"the model file {commit.ModelPath} no longer hashes to the committed model hash");
        }
        return await new MoveSender(chain).SendAsync(TaskMoves.Reveal(platform.Tasks.Address, TaskNumber(commit.TaskId), commit.Salt, uri, model), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Checks that <paramref name="testSet"/> is the one task <paramref name="taskId"/> committed to and returns the
    /// chunks still to reveal, in order: each chunk's index and its <see cref="TaskMoves.RevealTestSetChunk"/> move
    /// (what the node's submitter sends for the same chunk).
    /// </summary>
    /// <exception cref="PlatformException">No such task, or another test set.</exception>
    public async Task<IReadOnlyList<(int Chunk, Move Move)>> PendingChunksAsync(BigInteger taskId, HiddenTestSet testSet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(testSet);
        var config = await RequireTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (!testSet.Tree.Root.AsSpan().SequenceEqual(config.TestSetRoot) || testSet.Tree.Size != config.TestSetSize || testSet.InputSize != config.InputSize)
        {
            throw PlatformException.BadInput($"this test set is not the one task {taskId} committed to (its Merkle root, size or input size differs)");
        }
        var state = await platform.Tasks.TaskStateAsync(taskId, cancellationToken: cancellationToken).ConfigureAwait(false);
        var chunks = new List<(int, Move)>();
        for (int c = (int)state.RevealedChunks; c < TestSetTree.ChunkCount(testSet.Tree.Size, config.ChunkSize); c++)
        {
            chunks.Add((c, TaskMoves.RevealTestSetChunk(platform.Tasks.Address, TaskNumber(taskId), config, testSet, c)));
        }
        return chunks;
    }

    /// <summary>
    /// Reveals the test set's remaining chunks from the sender (the task's submitter), one transaction each, in order;
    /// <paramref name="progress"/> hears the index of each chunk revealed.
    /// </summary>
    public async Task<IReadOnlyList<TransactionOutcome>> RevealTestSetAsync(BigInteger taskId, HiddenTestSet testSet, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var chunks = await PendingChunksAsync(taskId, testSet, cancellationToken).ConfigureAwait(false);
        IProgress<int>? sent = progress is null ? null : new ChunkProgress(chunks, progress);
        return await new MoveSender(chain).SendAllAsync([.. chunks.Select(c => c.Move)], sent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The task's configuration, state and entries.</summary>
    public async Task<TaskStatus> StatusAsync(BigInteger taskId, CancellationToken cancellationToken = default)
    {
        var config = await RequireTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        var state = await platform.Tasks.TaskStateAsync(taskId, cancellationToken: cancellationToken).ConfigureAwait(false);
        var entries = new List<TrainingTasks.Entry>();
        for (int i = 0; i < state.EntryCount; i++)
        {
            entries.Add(await platform.Tasks.EntryAtAsync(taskId, i, cancellationToken: cancellationToken).ConfigureAwait(false));
        }
        bool revealed = await platform.Tasks.IsTestSetRevealedAsync(taskId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new TaskStatus(taskId, config, state, entries, revealed);
    }

    /// <summary>Withdraws the sender's ETH credits (reward, returned stake).</summary>
    public async Task<(BigInteger Amount, TransactionOutcome Outcome)> WithdrawAsync(CancellationToken cancellationToken = default)
    {
        Address account = chain.RequireAccount("withdraw");
        BigInteger credit = await platform.Tasks.CreditsAsync(Address.Zero, account, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (credit.IsZero)
        {
            throw PlatformException.NotFound($"{account} has nothing to withdraw from TrainingTasks");
        }
        return (credit, await new MoveSender(chain).SendAsync(WithdrawalMoves.TaskCredits(platform.Tasks.Address, Address.Zero, credit), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The task's configuration.</summary>
    /// <exception cref="PlatformException">No such task.</exception>
    public async Task<TrainingTasks.TaskConfig> RequireTaskAsync(BigInteger taskId, CancellationToken cancellationToken = default)
    {
        try
        {
            var config = await platform.Tasks.TaskConfigAsync(taskId, cancellationToken: cancellationToken).ConfigureAwait(false);
            return config.Reward.IsZero && config.TestSetSize == 0 ? throw PlatformException.NotFound($"task {taskId} does not exist") : config;
        }
        catch (ContractRevertException e) when (e.ErrorSignature?.StartsWith("TaskNotFound", StringComparison.Ordinal) == true)
        {
            throw PlatformException.NotFound($"task {taskId} does not exist");
        }
    }

    /// <summary>The task id as the moves take it.</summary>
    /// <exception cref="PlatformException">The id is above 2^64 - 1 (no such task).</exception>
    private static ulong TaskNumber(BigInteger taskId) =>
        taskId >= BigInteger.Zero && taskId <= ulong.MaxValue ? (ulong)taskId : throw PlatformException.NotFound($"task {taskId} does not exist");

    private void CheckFor(CommitFile commit)
    {
        if (commit.Tasks != platform.Tasks.Address || commit.ChainId != chain.ChainId)
        {
            throw PlatformException.BadInput($"the commit is for TrainingTasks {commit.Tasks} on chain {commit.ChainId}, not {platform.Tasks.Address} on chain {chain.ChainId}");
        }
    }

    /// <summary>Reports the chunk index of each move sent (the sender reports the move's position in the plan).</summary>
    private sealed class ChunkProgress(IReadOnlyList<(int Chunk, Move Move)> chunks, IProgress<int> progress) : IProgress<int>
    {
        public void Report(int value) => progress.Report(chunks[value].Chunk);
    }

    /// <summary>keccak256(abi.encode(bytes32 modelHash, bytes32 salt, address trainer, uint256 taskId)), as TrainingTasks.commitmentOf.</summary>
    public static byte[] Commitment(byte[] modelHash, byte[] salt, Address trainer, BigInteger taskId)
    {
        ArgumentNullException.ThrowIfNull(modelHash);
        ArgumentNullException.ThrowIfNull(salt);
        byte[] encoded = new byte[128];
        modelHash.CopyTo(encoded, 0);
        salt.CopyTo(encoded, 32);
        trainer.Bytes.CopyTo(encoded.AsSpan(64 + 12));
        byte[] id = taskId.ToByteArray(isUnsigned: true, isBigEndian: true);
        id.CopyTo(encoded.AsSpan(128 - id.Length));
        return Keccak256.Hash(encoded);
    }

    /// <summary>The dataset's shape as the task needs it: classes are one more than the largest label.</summary>
    public static int ClassesOf(Dataset dataset) => dataset is null ? 0 : Math.Max(2, dataset.Labels.Max() + 1);
}
