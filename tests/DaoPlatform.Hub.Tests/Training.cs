using System.Numerics;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Platform;
using DaoPlatform.Protocol;
using DaoPlatform.Protocol.Rules;
using DaoPlatform.Protocol.TestSets;

namespace DaoPlatform.Ethereum.IntegrationTests.Hub;

/// <summary>A task the tests arranged: id, terms, hidden test set (records and tree) and the models they trained for it.</summary>
internal sealed record HubTask(BigInteger Id, TrainingTasks.TaskConfig Config, byte[] Records, TestSetTree Tree, IReadOnlyList<byte[]> Models)
{
    /// <summary>The honest result of <see cref="Models"/> on the test set, by the scalar reference.</summary>
    public TaskResult Honest() => TaskResult.Evaluate(
        new ScalarBackend(), [.. Models.Select(m => Dqm1.Read(m))], TestSetRecords.ToDataset(Records, Config.InputSize), Config.MinScore);
}

/// <summary>
/// Training steps the tests arrange with the members' own keys on the hub's deployment: a task (8 random inputs,
/// 3 classes, 16 samples in chunks of 4) whose labels are the first model's predictions except every fourth, models
/// committed and revealed, the test set revealed, a result posted.
/// </summary>
internal static class Training
{
    public const long Day = 24 * 3600;
    public static readonly BigInteger Reward = 3 * BigInteger.Pow(10, 17);
    // Creation requires (maxTrainers - 1) x stake >= reward: 3 x 0.1 ETH covers 0.3 ETH.
    public static readonly BigInteger Stake = BigInteger.Pow(10, 17);

    /// <summary>Two random 8-6-3 models from <paramref name="seed"/>, DQM1-encoded.</summary>
    public static byte[][] Models(int seed)
    {
        var random = new Random(seed);
        return [Dqm1.Write(RandomModel(random)), Dqm1.Write(RandomModel(random))];
    }

    /// <summary>Creates a task as <paramref name="submitter"/> whose labels follow <paramref name="models"/>[0]; nothing committed yet.</summary>
    public static async Task<HubTask> CreateAsync(string submitter, IReadOnlyList<byte[]> models, int seed, int samples = 16)
    {
        (TrainingTasks.TaskConfig config, byte[] records, TestSetTree tree) = await ArrangeAsync(models[0], seed, samples);
        using ChainConnection chain = await OpenAsync(submitter);
        TrainingTasks tasks = TasksOf(chain);
        TransactionReceipt created = await tasks.CreateTaskAsync(config, Reward);
        return new HubTask(tasks.DecodeTaskCreatedEvents(created).Single().TaskId, config, records, tree, models);
    }

    /// <summary>
    /// The terms of a task (8 inputs, 3 classes, <paramref name="samples"/> samples in chunks of 4, windows of a day from
    /// the chain's clock) whose labels are <paramref name="labeler"/>'s predictions except every fourth, with its records and tree.
    /// </summary>
    public static async Task<(TrainingTasks.TaskConfig Config, byte[] Records, TestSetTree Tree)> ArrangeAsync(byte[] labeler, int seed, int samples = 16)
    {
        var random = new Random(seed);
        QuantizedModel model = Dqm1.Read(labeler);
        const int inputSize = 8, classes = 3;
        byte[] records = new byte[samples * (inputSize + 1)];
        random.NextBytes(records);
        for (int i = 0; i < samples; i++)
        {
            int[][] trace = ScalarBackend.Trace(model, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(records.AsSpan(i * (inputSize + 1) + 1, inputSize)));
            records[i * (inputSize + 1)] = (byte)(i % 4 == 3 ? random.Next(classes) : ScalarBackend.ArgMax(trace[^1]));
        }
        var tree = new TestSetTree(records, inputSize + 1);
        EthRpcClient eth = Devnet.Client();
        BlockHeader latest;
        try
        {
            latest = (await eth.GetBlockByNumberAsync(BlockTag.Latest))!;
        }
        finally
        {
            eth.Rpc.Dispose();
        }
        var config = new TrainingTasks.TaskConfig(
            Address.Zero, Reward, Stake, tree.Root, (uint)samples, inputSize, classes, ChunkSize: 4, MaxTrainers: 4, MaxLayers: 3,
            MaxMacs: 1000, MaxModelBytes: 10_000, latest.Timestamp + Day + 100, latest.Timestamp + 2 * Day + 200, latest.Timestamp + 3 * Day + 300,
            MinScore: (uint)(samples / classes + 1));
        return (config, records, tree);
    }

    /// <summary>Commits model <c>i</c> as <paramref name="trainers"/>[i], reveals them after the commit window and the test set after the reveal window.</summary>
    public static async Task CommitRevealAndRevealTestSetAsync(HubTask task, string submitter, params string[] trainers)
    {
        byte[][] salts = [.. trainers.Select((t, i) => Keccak256.Hash([(byte)i, .. System.Text.Encoding.UTF8.GetBytes(t)]))];
        for (int i = 0; i < trainers.Length; i++)
        {
            using ChainConnection chain = await OpenAsync(trainers[i]);
            TrainingTasks tasks = TasksOf(chain);
            await tasks.CommitAsync(task.Id, await tasks.CommitmentOfAsync(Keccak256.Hash(task.Models[i]), salts[i], HubFixture.AddressOf(trainers[i]), task.Id), Stake);
        }
        await AdvanceToAsync(task.Config.CommitDeadline);
        for (int i = 0; i < trainers.Length; i++)
        {
            using ChainConnection chain = await OpenAsync(trainers[i]);
            await TasksOf(chain).RevealAsync(task.Id, salts[i], $"test://model-{i}", task.Models[i]);
        }
        await AdvanceToAsync(task.Config.RevealDeadline);
        await RevealTestSetAsync(task, submitter);
    }

    /// <summary>Reveals the whole test set as <paramref name="submitter"/>.</summary>
    public static async Task RevealTestSetAsync(HubTask task, string submitter)
    {
        using ChainConnection chain = await OpenAsync(submitter);
        TrainingTasks tasks = TasksOf(chain);
        int recordSize = task.Config.InputSize + 1;
        for (int c = 0; c < TestSetTree.ChunkCount(task.Config.TestSetSize, task.Config.ChunkSize); c++)
        {
            (int first, int count) = TestSetTree.ChunkRange(task.Config.TestSetSize, task.Config.ChunkSize, c);
            await tasks.RevealTestSetChunkAsync(task.Id, c, task.Records[(first * recordSize)..((first + count) * recordSize)], task.Tree.ChunkProof(c, task.Config.ChunkSize));
        }
    }

    /// <summary>Posts <paramref name="result"/> as <paramref name="evaluator"/> with the bond the verifier requires.</summary>
    public static async Task PostAsync(HubTask task, TaskResult result, string evaluator)
    {
        using ChainConnection chain = await OpenAsync(evaluator);
        var verifier = new OptimisticVerifier(HubFixture.Deployment.AddressOf(nameof(OptimisticVerifier)), chain.Contracts);
        await verifier.PostResultAsync(task.Id, result.Scores, result.WinnerValue, result.ConcatenatedPredictions(), await verifier.RequiredBondAsync(task.Id));
    }

    /// <summary>
    /// <paramref name="honest"/> with model <paramref name="model"/>'s prediction of sample <paramref name="sample"/>
    /// changed and the scores and winner made consistent with it: only re-running the model shows the lie.
    /// </summary>
    public static TaskResult Forge(TaskResult honest, byte[] labels, int model, int sample, int classes, uint minScore)
    {
        byte[][] predictions = [.. honest.Predictions.Select(p => (byte[])p.Clone())];
        predictions[model][sample] = (byte)((predictions[model][sample] + 1) % classes);
        uint[] scores = [.. predictions.Select(p => TaskResult.Score(p, labels))];
        return new TaskResult(predictions, scores, TaskResult.WinnerOf(scores, minScore));
    }

    /// <summary>Whether task <paramref name="id"/>'s result was overturned, read from the chain.</summary>
    public static async Task<int> OverturnsAsync(BigInteger id)
    {
        using ChainConnection chain = await OpenAsync("deployer");
        var verifier = new OptimisticVerifier(HubFixture.Deployment.AddressOf(nameof(OptimisticVerifier)), chain.Contracts);
        return (await verifier.QueryResultOverturnedEventsAsync(HubFixture.Deployment.DeploymentBlock, taskId: id)).Count;
    }

    /// <summary>Task <paramref name="id"/>'s entries as the chain stores them.</summary>
    public static async Task<IReadOnlyList<TrainingTasks.Entry>> EntriesAsync(BigInteger id)
    {
        using ChainConnection chain = await OpenAsync("deployer");
        TrainingTasks tasks = TasksOf(chain);
        var state = await tasks.TaskStateAsync(id);
        var entries = new List<TrainingTasks.Entry>();
        for (int i = 0; i < state.EntryCount; i++)
        {
            entries.Add(await tasks.EntryAtAsync(id, i));
        }
        return entries;
    }

    /// <summary>Moves the chain's clock to <paramref name="timestamp"/> and mines a block.</summary>
    public static async Task AdvanceToAsync(ulong timestamp)
    {
        EthRpcClient eth = Devnet.Client();
        try
        {
            await AnvilCheats.AdvanceToAsync(eth, timestamp);
        }
        finally
        {
            eth.Rpc.Dispose();
        }
    }

    private static async Task<ChainConnection> OpenAsync(string member) =>
        await ChainConnection.OpenAsync(Devnet.Url, null, EthereumKey.FromHex(HubFixture.Keys[member]));

    private static TrainingTasks TasksOf(ChainConnection chain) => new(HubFixture.Deployment.AddressOf(nameof(TrainingTasks)), chain.Contracts);

    /// <summary>A random 8-6-3 model with small weights (well inside the overflow rule).</summary>
    private static QuantizedModel RandomModel(Random random)
    {
        QuantizedLayer Layer(int n, int m, byte shift)
        {
            sbyte[] weights = new sbyte[n * m];
            for (int i = 0; i < weights.Length; i++)
            {
                weights[i] = (sbyte)random.Next(-60, 61);
            }
            int[] biases = [.. Enumerable.Range(0, m).Select(_ => random.Next(-500, 501))];
            return new QuantizedLayer(n, m, shift, weights, biases);
        }
        return new QuantizedModel([Layer(8, 6, 6), Layer(6, 3, 2)]);
    }

    /// <summary>Registers <paramref name="model"/> as <paramref name="owner"/>'s model asset (commit, then register) and returns its token.</summary>
    public static async Task<BigInteger> RegisterModelAsync(ChainConnection owner, PlatformContracts platform, byte[] model)
    {
        DaoPlatform.Contracts.Registry.AssetRegistry registry = platform.Registry;
        byte[] contentHash = Keccak256.Hash(model);
        byte[] salt = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        Address account = owner.Key!.Address;
        string cid = DaoPlatform.Protocol.Content.Cid.ForRawBlock(model).ToString();
        await registry.CommitRegistrationAsync(await registry.RegistrationCommitmentAsync(contentHash, account, salt, account));
        await registry.RegisterCommittedAsync(0, contentHash, cid, "ipfs://" + cid, account, salt);
        return await registry.TokenOfContentAsync(contentHash);
    }
}
