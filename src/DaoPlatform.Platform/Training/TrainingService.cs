using System.Numerics;
using System.Security.Cryptography;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Evaluation.Model;
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
        // long as asked (the contract refuses one under a day) while the transaction waits for its block.
        ulong now = await chain.LatestTimestampAsync(cancellationToken).ConfigureAwait(false);
        ulong commit = now + CreationMargin + parameters.CommitWindow;
        ulong reveal = commit + parameters.RevealWindow;
        return new TrainingTasks.TaskConfig(
            Address.Zero, parameters.Reward, parameters.Stake, testSet.Tree.Root, (uint)testSet.Tree.Size, checked((ushort)testSet.InputSize), checked((ushort)classes),
            parameters.ChunkSize, parameters.MaxTrainers, parameters.MaxLayers, parameters.MaxMacs, parameters.MaxModelBytes,
            commit, reveal, reveal + parameters.TestSetRevealWindow, parameters.MinScore);
    }

    /// <summary>Creates the task from the sender, paying the reward; returns its id.</summary>
    public async Task<(BigInteger TaskId, TransactionOutcome Outcome)> CreateAsync(TrainingTasks.TaskConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var receipt = await platform.Tasks.CreateTaskAsync(config, config.Reward, cancellationToken).ConfigureAwait(false);
        return (TaskIdOf(receipt), new TransactionOutcome("TrainingTasks.createTask", receipt));
    }

    /// <summary>The id of the task a receipt created (also when the vault created it).</summary>
    /// <exception cref="PlatformException">The transaction created no task.</exception>
    public BigInteger TaskIdOf(DaoPlatform.Ethereum.JsonRpc.TransactionReceipt receipt) =>
        platform.Tasks.DecodeTaskCreatedEvents(receipt) is { Count: > 0 } created
            ? created[0].TaskId
            : throw PlatformException.NotFound($"transaction {receipt?.TransactionHash} created no task");

    /// <summary>
    /// Commits <paramref name="model"/> to task <paramref name="taskId"/> with the task's stake, under a fresh random
    /// salt. Returns the commit file the trainer needs to reveal.
    /// </summary>
    public async Task<(CommitFile Commit, TransactionOutcome Outcome)> CommitAsync(BigInteger taskId, string modelPath, byte[] model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        Address trainer = chain.RequireAccount("commit a model");
        var config = await RequireTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        byte[] modelHash = Keccak256.Hash(model);
        byte[] salt = RandomNumberGenerator.GetBytes(32);
        byte[] commitment = Commitment(modelHash, salt, trainer, taskId);
        var receipt = await platform.Tasks.CommitAsync(taskId, commitment, config.Stake, cancellationToken).ConfigureAwait(false);
        return (new CommitFile(platform.Tasks.Address, chain.ChainId, taskId, trainer, modelPath, modelHash, salt), new("TrainingTasks.commit", receipt));
    }

    /// <summary>Reveals the committed model (its bytes go into the calldata, checked against the commitment).</summary>
    /// <exception cref="PlatformException">The model file changed since the commit, or the file is for another deployment.</exception>
    public async Task<TransactionOutcome> RevealAsync(CommitFile commit, byte[] model, string uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(model);
        if (commit.Tasks != platform.Tasks.Address || commit.ChainId != chain.ChainId)
        {
            throw PlatformException.BadInput($"the commit is for TrainingTasks {commit.Tasks} on chain {commit.ChainId}, not {platform.Tasks.Address} on chain {chain.ChainId}");
        }
        if (!Keccak256.Hash(model).AsSpan().SequenceEqual(commit.ModelHash))
        {
            throw PlatformException.BadInput($"the model file {commit.ModelPath} no longer hashes to the committed model hash");
        }
        return new("TrainingTasks.reveal", await platform.Tasks.RevealAsync(commit.TaskId, commit.Salt, uri, model, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Checks that <paramref name="testSet"/> is the one task <paramref name="taskId"/> committed to and returns the
    /// chunks still to reveal: (chunk index, calldata of <c>revealTestSetChunk</c>), in order.
    /// </summary>
    public async Task<IReadOnlyList<(int Chunk, byte[] Calldata)>> PendingChunksAsync(BigInteger taskId, HiddenTestSet testSet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(testSet);
        var config = await RequireTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (!testSet.Tree.Root.AsSpan().SequenceEqual(config.TestSetRoot))
        {
            throw PlatformException.BadInput($"this test set is not the one task {taskId} committed to (its Merkle root differs)");
        }
        var state = await platform.Tasks.TaskStateAsync(taskId, cancellationToken: cancellationToken).ConfigureAwait(false);
        var chunks = new List<(int, byte[])>();
        for (int c = (int)state.RevealedChunks; c < TestSetTree.ChunkCount(testSet.Tree.Size, config.ChunkSize); c++)
        {
            (byte[] records, IReadOnlyList<byte[]> proof) = Chunk(testSet, config, c);
            chunks.Add((c, TrainingTasks.EncodeRevealTestSetChunkCall(taskId, c, records, proof)));
        }
        return chunks;
    }

    /// <summary>Chunk <paramref name="chunkIndex"/> of <paramref name="testSet"/>: its records and the proof of its subtree root.</summary>
    public static (byte[] Records, IReadOnlyList<byte[]> Proof) Chunk(HiddenTestSet testSet, TrainingTasks.TaskConfig config, int chunkIndex)
    {
        ArgumentNullException.ThrowIfNull(testSet);
        ArgumentNullException.ThrowIfNull(config);
        int recordSize = config.InputSize + 1;
        (int first, int count) = TestSetTree.ChunkRange(testSet.Tree.Size, config.ChunkSize, chunkIndex);
        return (testSet.Records.AsSpan(first * recordSize, count * recordSize).ToArray(), testSet.Tree.ChunkProof(chunkIndex, config.ChunkSize));
    }

    /// <summary>Reveals the test set's remaining chunks from the sender (the task's submitter), reporting each.</summary>
    public async Task<IReadOnlyList<TransactionOutcome>> RevealTestSetAsync(BigInteger taskId, HiddenTestSet testSet, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<TransactionOutcome>();
        var config = await RequireTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        foreach ((int chunk, _) in await PendingChunksAsync(taskId, testSet, cancellationToken).ConfigureAwait(false))
        {
            (byte[] records, IReadOnlyList<byte[]> proof) = Chunk(testSet, config, chunk);
            outcomes.Add(new("TrainingTasks.revealTestSetChunk", await platform.Tasks.RevealTestSetChunkAsync(taskId, chunk, records, proof, cancellationToken).ConfigureAwait(false)));
            progress?.Report(chunk);
        }
        return outcomes;
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
        var receipt = await platform.Tasks.WithdrawAsync(Address.Zero, cancellationToken).ConfigureAwait(false);
        return (credit, new("TrainingTasks.withdraw", receipt));
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

    /// <summary>A dataset as a hidden test set: its records and their Merkle tree.</summary>
    public static HiddenTestSet TestSetOf(Dataset dataset, string source)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.Count == 0)
        {
            throw PlatformException.BadInput($"the test set {source} is empty");
        }
        byte[] records = ModelFiles.Records(dataset);
        return new HiddenTestSet(source, dataset.InputSize, records, new TestSetTree(records, dataset.InputSize + 1));
    }
}
