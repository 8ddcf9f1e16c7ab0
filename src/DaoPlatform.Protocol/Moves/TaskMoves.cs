using System.Numerics;
using DaoPlatform.Contracts.OpenZeppelin;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Protocol.TestSets;
using DaoPlatform.Ethereum.Abi;

namespace DaoPlatform.Protocol.Moves;

/// <summary>
/// Training tasks' moves (docs/training-tasks.md): create with the reward, commit with the stake, reveal a model,
/// publish a large model's chunks, reveal the hidden test set chunk by chunk, settle an unevaluated task. A task paid
/// in an ERC-20 token is created and staked with that token's approval first, by construction.
/// </summary>
public static partial class TaskMoves
{
    /// <summary><c>createTask(config)</c> with the reward (payable for ETH tasks; approved first for token tasks).</summary>
    public static IReadOnlyList<Move> Create(Address tasks, TrainingTasks.TaskConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        string summary = $"create a training task paying {Amounts.Of(config.Reward, config.Token)} to the best of up to {config.MaxTrainers} trainers " +
            $"(stake {Amounts.Of(config.Stake, config.Token)}, {config.TestSetSize} test samples of {config.InputSize} inputs, " +
            $"commits until {UnitFormat.Timestamp(config.CommitDeadline)}, reveals until {UnitFormat.Timestamp(config.RevealDeadline)}, test set until {UnitFormat.Timestamp(config.TestSetRevealDeadline)})";
        return WithApproval(config.Token, tasks, config.Reward, "the task's reward",
            new Move("TrainingTasks.createTask", tasks, TrainingTasks.EncodeCreateTaskCall(config), config.Token == Address.Zero ? config.Reward : BigInteger.Zero, summary));
    }

    /// <summary><c>commit(taskId, commitment)</c> with the task's stake.</summary>
    public static IReadOnlyList<Move> Commit(Address tasks, ulong taskId, TrainingTasks.TaskConfig config, byte[] commitment)
    {
        ArgumentNullException.ThrowIfNull(config);
        return WithApproval(config.Token, tasks, config.Stake, $"the stake of task {taskId}",
            new Move("TrainingTasks.commit", tasks, TrainingTasks.EncodeCommitCall(taskId, commitment), config.Token == Address.Zero ? config.Stake : BigInteger.Zero,
                $"commit to a model for task {taskId} ({HexConvert.Encode(commitment)}) with a stake of {Amounts.Of(config.Stake, config.Token)}"));
    }

    /// <summary><c>reveal(taskId, salt, uri, model)</c>: the committed small model, whole, in calldata.</summary>
    public static Move Reveal(Address tasks, ulong taskId, byte[] salt, string uri, byte[] model) =>
        new("TrainingTasks.reveal", tasks, TrainingTasks.EncodeRevealCall(taskId, salt, uri, model), BigInteger.Zero,
            $"reveal a model of {model?.Length ?? 0} bytes for task {taskId}");

    /// <summary><c>revealLargeModel(taskId, salt, uri, header, rowsRoot)</c>: a large model by its commitment (its rows are published by chunks).</summary>
    public static Move RevealLargeModel(Address tasks, ulong taskId, byte[] salt, string uri, byte[] header, byte[] rowsRoot) =>
        new("TrainingTasks.revealLargeModel", tasks, TrainingTasks.EncodeRevealLargeModelCall(taskId, salt, uri, header, rowsRoot), BigInteger.Zero,
            $"reveal a large model for task {taskId} by its rows root {HexConvert.Encode(rowsRoot)}");

    /// <summary><c>publishModelChunk</c>: rows [firstRow, firstRow + 2^height) of a large model, proven against its rows root.</summary>
    public static Move PublishModelChunk(Address tasks, byte[] header, byte[] rowsRoot, int firstRow, int height, byte[] rows, IReadOnlyList<byte[]> proof) =>
        new("TrainingTasks.publishModelChunk", tasks, TrainingTasks.EncodePublishModelChunkCall(header, rowsRoot, firstRow, height, rows, proof), BigInteger.Zero,
            $"publish rows {firstRow} to {firstRow + (1 << height) - 1} ({rows?.Length ?? 0} bytes) of the large model {HexConvert.Encode(rowsRoot)}");

    /// <summary>
    /// <c>revealTestSetChunk</c> of chunk <paramref name="chunkIndex"/> of <paramref name="testSet"/>, its records
    /// sliced by <see cref="TestSetRecords.Chunk"/> and proven against the task's test-set root.
    /// </summary>
    /// <exception cref="ArgumentException">The test set is not the task's (another root, size or input size).</exception>
    public static Move RevealTestSetChunk(Address tasks, ulong taskId, TrainingTasks.TaskConfig config, HiddenTestSet testSet, int chunkIndex)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(testSet);
        if (!testSet.Tree.Root.AsSpan().SequenceEqual(config.TestSetRoot) || testSet.Tree.Size != config.TestSetSize || testSet.InputSize != config.InputSize)
        {
            throw new ArgumentException(
                $"test set {testSet.Source} ({testSet.Tree.Size} samples of {testSet.InputSize} inputs, root {HexConvert.Encode(testSet.Tree.Root)}) is not task {taskId}'s " +
                $"({config.TestSetSize} samples of {config.InputSize} inputs, root {HexConvert.Encode(config.TestSetRoot)})", nameof(testSet));
        }
        (int first, byte[] records) = TestSetRecords.Chunk(testSet.Records, testSet.InputSize + 1, testSet.Tree.Size, config.ChunkSize, chunkIndex);
        int chunks = TestSetTree.ChunkCount(testSet.Tree.Size, config.ChunkSize);
        return new Move("TrainingTasks.revealTestSetChunk", tasks,
            TrainingTasks.EncodeRevealTestSetChunkCall(taskId, chunkIndex, records, testSet.Tree.ChunkProof(chunkIndex, config.ChunkSize)), BigInteger.Zero,
            $"reveal chunk {chunkIndex + 1} of {chunks} of task {taskId}'s test set (samples {first} to {first + records.Length / (testSet.InputSize + 1) - 1})");
    }

    /// <summary><c>settleWithoutEvaluation(taskId)</c>: a task that can no longer be evaluated returns its reward and stakes.</summary>
    public static Move SettleWithoutEvaluation(Address tasks, ulong taskId) =>
        new("TrainingTasks.settleWithoutEvaluation", tasks, TrainingTasks.EncodeSettleWithoutEvaluationCall(taskId), BigInteger.Zero,
            $"settle task {taskId} without evaluation: its reward returns to the submitter and the revealed trainers' stakes to them");

    /// <summary>
    /// <paramref name="move"/>, preceded by <c>approve(spender, amount)</c> on <paramref name="token"/> unless it is ETH
    /// (its amount in <paramref name="info"/>'s symbol and decimals when given).
    /// </summary>
    internal static IReadOnlyList<Move> WithApproval(Address token, Address spender, BigInteger amount, string what, Move move, TokenInfo? info = null)
    {
        if (token == Address.Zero || amount.IsZero)
        {
            return [move];
        }
        return [new Move("ERC20.approve", token, Erc20.EncodeApproveCall(spender, amount), BigInteger.Zero,
                    $"allow {spender} to take {Amounts.Of(amount, token, info)} for {what}"), move];
    }
}
