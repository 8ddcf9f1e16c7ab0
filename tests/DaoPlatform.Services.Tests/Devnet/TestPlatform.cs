using System.Numerics;
using DaoPlatform.Contracts.Registry;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.LargeModels;
using ModelCommitment = DaoPlatform.Evaluation.LargeModels.ModelCommitment;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Protocol.Moves;
using DaoPlatform.Protocol.Rules;
using DaoPlatform.Protocol.TestSets;

// In the namespace of the shared Devnet [SetUpFixture], so that it starts a devnet for these tests.
namespace DaoPlatform.Ethereum.IntegrationTests.Services;

/// <summary>A task on the devnet: its id, terms, models (in commit order), trainers and hidden test set.</summary>
internal sealed record TestTask(
    ulong Id, TrainingTasks.TaskConfig Config, IReadOnlyList<byte[]> Models, IReadOnlyList<Address> Trainers, byte[] Records, TestSetTree Tree)
{
    public int InputSize => Config.InputSize;

    /// <summary>The honest result, computed here with the scalar reference.</summary>
    public TaskResult Honest() => TaskResult.Evaluate(
        new ScalarBackend(), [.. Models.Select(m => Dqm1.Read(m))], TestSetRecords.ToDataset(Records, InputSize), Config.MinScore);
}

/// <summary>
/// A fresh TrainingTasks + OptimisticVerifier pair on the devnet (one per test, so hosts of different tests never see
/// each other's tasks), and the steps of a task's life that the tests play as submitter and trainers.
/// </summary>
internal sealed class TestPlatform : IDisposable
{
    public const long Day = 24 * 3600;
    public const long ChallengeWindow = Day;
    public static readonly BigInteger MinBond = BigInteger.Pow(10, 17);
    public static readonly BigInteger Reward = 3 * BigInteger.Pow(10, 17);
    // Creation requires (maxTrainers - 1) x stake >= reward: 3 x 0.1 ETH covers 0.3 ETH.
    public static readonly BigInteger Stake = BigInteger.Pow(10, 17);

    private readonly List<DevnetSession> _sessions = [];

    private TestPlatform(Uri url, Address tasks, Address verifier, ulong startBlock, Address registry)
    {
        Url = url;
        Eth = new EthRpcClient(new JsonRpcClient(url));
        TasksAddress = tasks;
        VerifierAddress = verifier;
        StartBlock = startBlock;
        RegistryAddress = registry;
    }

    /// <summary>The asset registry the tasks name assets from (zero unless deployed with one).</summary>
    public Address RegistryAddress { get; }

    /// <summary>The node the platform lives on.</summary>
    public Uri Url { get; }

    public EthRpcClient Eth { get; }

    public Address TasksAddress { get; }

    public Address VerifierAddress { get; }

    public ulong StartBlock { get; }

    /// <summary>Deploys on the shared devnet, or on the node at <paramref name="url"/>; with <paramref name="withRegistry"/> an AssetRegistry too, whose assets tasks may name.</summary>
    public static async Task<TestPlatform> DeployAsync(Uri? url = null, bool withRegistry = false)
    {
        url ??= Devnet.Url;
        using var deployer = new DevnetSession(DevKeys.Deployer, rpc: new JsonRpcClient(url));
        ulong startBlock = await deployer.Eth.BlockNumberAsync();
        ulong nonce = await deployer.Eth.GetTransactionCountAsync(deployer.Key.Address, BlockTag.Pending);
        Address predictedVerifier = ContractAddress.OfCreate(deployer.Key.Address, nonce + 1);
        Address predictedRegistry = withRegistry ? ContractAddress.OfCreate(deployer.Key.Address, nonce + 2) : Address.Zero;
        var connection = new ContractConnection(deployer.Eth, deployer.Sender);
        TrainingTasks tasks = await TrainingTasks.DeployAsync(connection, predictedVerifier, predictedRegistry);
        OptimisticVerifier verifier = await OptimisticVerifier.DeployAsync(
            connection, tasks.Address, deployer.Key.Address, ChallengeWindow, MinBond, 5000, DevKeys.Key(DevKeys.Treasury).Address);
        Assert.That(verifier.Address, Is.EqualTo(predictedVerifier), "the verifier landed where TrainingTasks expects it");
        if (withRegistry)
        {
            AssetRegistry registry = await AssetRegistry.DeployAsync(connection, tasks.Address);
            Assert.That(registry.Address, Is.EqualTo(predictedRegistry), "the registry landed where TrainingTasks expects it");
        }
        return new TestPlatform(url, tasks.Address, verifier.Address, startBlock, predictedRegistry);
    }

    /// <summary>The registry's bindings sending from <paramref name="key"/>.</summary>
    public AssetRegistry RegistryAs(string key)
    {
        var session = new DevnetSession(key, rpc: new JsonRpcClient(Url));
        _sessions.Add(session);
        return new AssetRegistry(RegistryAddress, new ContractConnection(session.Eth, session.Sender));
    }

    /// <summary>
    /// A large-model task on a platform deployed with a registry (docs/training-tasks.md §9.3): the submitter (standing for
    /// the DAO) registers a random 784-160-10 model under its model root and creates the task with it as the incumbent,
    /// entered by its commitment with the CID <paramref name="serve"/> returns; trainer A commits another such model
    /// without publishing it. The labels are <paramref name="labeler"/>'s predictions (0: the incumbent, 1: the trainer's)
    /// except every fourth. Time ends after the commit deadline; the test set is not revealed. Models are in entry order.
    /// </summary>
    public async Task<(TestTask Task, BigInteger IncumbentAsset)> CreateLargeTaskWithIncumbentAsync(int seed, int labeler, Func<QuantizedModel, Task<string>> serve, int samples = 8)
    {
        var random = new Random(seed);
        QuantizedModel[] models = [RandomModel(random, [784, 160, 10], [10, 8]), RandomModel(random, [784, 160, 10], [10, 8])];
        var incumbent = new ModelCommitment(models[0]);
        var entry = new ModelCommitment(models[1]);
        AssetRegistry asOwner = RegistryAs(DevKeys.Submitter);
        Address owner = DevKeys.Key(DevKeys.Submitter).Address;
        byte[] registrationSalt = Keccak256.Hash([(byte)seed, 9]);
        await asOwner.CommitRegistrationAsync(await asOwner.RegistrationCommitmentAsync(incumbent.ModelRoot, owner, registrationSalt, owner));
        await asOwner.RegisterCommittedAsync(0, incumbent.ModelRoot, DaoPlatform.Evaluation.Identifiers.ContentId.Of(Dqm1.Write(models[0])), "test://incumbent", owner, registrationSalt);
        BigInteger asset = await asOwner.TokenOfContentAsync(incumbent.ModelRoot);

        (TrainingTasks.TaskConfig config, byte[] records, TestSetTree tree) = await TaskTermsAsync(
            models[labeler], random, samples, classes: 10, maxLayers: 2, maxMacs: 200_000, maxModelBytes: 200_000);
        // The incumbent takes a slot: 4 trainers' slots keep (slots - 1) x stake above the reward.
        config = config with { MaxTrainers = 5 };
        var commitmentBytes = new DaoPlatform.Platform.Registry.LargeIncumbent(incumbent, DaoPlatform.Protocol.Content.Cid.Parse(await serve(models[0]))).Encode();
        TrainingTasks asSubmitter = As(DevKeys.Submitter).Tasks;
        TransactionReceipt created = await asSubmitter.CreateTaskWithAssetsAsync(config, asset, commitmentBytes, BigInteger.Zero, Reward);
        ulong id = (ulong)asSubmitter.DecodeTaskCreatedEvents(created).Single().TaskId;

        byte[] salt = Keccak256.Hash([(byte)seed, 1]);
        TrainingTasks asTrainer = As(DevKeys.TrainerA).Tasks;
        await asTrainer.CommitAsync(id, await asTrainer.CommitmentOfAsync(entry.ModelRoot, salt, DevKeys.Key(DevKeys.TrainerA).Address, id), Stake);
        await AnvilCheats.AdvanceToAsync(Eth, config.CommitDeadline);
        await asTrainer.CommitLargeModelAsync(id, salt, "test://entry", entry.Header, entry.RowsRoot, await serve(models[1]), AvailabilityChunks.Count(entry));
        return (new TestTask(id, config, [.. models.Select(Dqm1.Write)], [Address.Zero, DevKeys.Key(DevKeys.TrainerA).Address], records, tree), asset);
    }

    /// <summary>Bindings that send from <paramref name="key"/>.</summary>
    public (TrainingTasks Tasks, OptimisticVerifier Verifier) As(string key)
    {
        var session = new DevnetSession(key, rpc: new JsonRpcClient(Url));
        _sessions.Add(session);
        var connection = new ContractConnection(session.Eth, session.Sender);
        return (new TrainingTasks(TasksAddress, connection), new OptimisticVerifier(VerifierAddress, connection));
    }

    public TrainingTasks Tasks => As(DevKeys.Deployer).Tasks;

    /// <summary>The availability game the tasks deployed (docs/training-tasks.md §8.5), sending from <paramref name="key"/>.</summary>
    public async Task<ModelAvailability> AvailabilityAsync(string key)
    {
        var session = new DevnetSession(key, rpc: new JsonRpcClient(Url));
        _sessions.Add(session);
        var connection = new ContractConnection(session.Eth, session.Sender);
        return new ModelAvailability(await new TrainingTasks(TasksAddress, connection).AvailabilityAsync(), connection);
    }

    public OptimisticVerifier Verifier => As(DevKeys.Deployer).Verifier;

    /// <summary>
    /// Creates a task with a test set of <paramref name="samples"/> samples (8 random inputs, 3 classes, chunks of 4)
    /// and two random 8-6-3 models, commits and reveals them; the test set is not revealed. The labels are the first
    /// model's predictions except every fourth, so it clears the baseline (more than a third right) and wins.
    /// </summary>
    public async Task<TestTask> CreateTaskWithModelsAsync(int seed, int samples = 16)
    {
        var random = new Random(seed);
        const int inputSize = 8, classes = 3;
        byte[][] models = [RandomModel(random, inputSize, 6, classes), RandomModel(random, inputSize, 6, classes)];
        (ulong id, TrainingTasks.TaskConfig config, byte[] records, TestSetTree tree) = await CreateTaskAsync(
            Dqm1.Read(models[0]), random, samples, classes, maxLayers: 3, maxMacs: 1000, maxModelBytes: 10_000);

        string[] trainers = [DevKeys.TrainerA, DevKeys.TrainerB];
        byte[][] salts = [Keccak256.Hash([(byte)seed, 1]), Keccak256.Hash([(byte)seed, 2])];
        for (int t = 0; t < 2; t++)
        {
            TrainingTasks asTrainer = As(trainers[t]).Tasks;
            byte[] commitment = await asTrainer.CommitmentOfAsync(Keccak256.Hash(models[t]), salts[t], DevKeys.Key(trainers[t]).Address, id);
            await asTrainer.CommitAsync(id, commitment, Stake);
        }
        await AnvilCheats.AdvanceToAsync(Eth, config.CommitDeadline);
        for (int t = 0; t < 2; t++)
        {
            await As(trainers[t]).Tasks.RevealAsync(id, salts[t], $"test://model-{t}", models[t]);
        }
        await AnvilCheats.AdvanceToAsync(Eth, config.RevealDeadline);
        return new TestTask(id, config, models, [.. trainers.Select(k => DevKeys.Key(k).Address)], records, tree);
    }

    /// <summary>
    /// Creates a large-model task (docs/training-tasks.md §8: maxModelBytes above 100,000) with a test set of
    /// <paramref name="samples"/> random 784-input samples (10 classes, chunks of 4) and one random 784-160-10 model
    /// (over the small-task limits, so its predictions are disputed by the game), committed by its model root,
    /// published in chunks and revealed by root; the test set is not revealed. The labels are the model's
    /// predictions except every fourth, so it wins.
    /// </summary>
    public async Task<TestTask> CreateLargeTaskAsync(int seed, int samples = 8)
    {
        var random = new Random(seed);
        LargeModelEntry entry = await CreateLargeTaskWithCommitmentAsync(seed, random, samples);
        await AnvilCheats.AdvanceToAsync(Eth, entry.Config.CommitDeadline);
        await PublishAndRevealLargeModelAsync(entry.Trainer, entry.Id, entry.Salt, entry.Commitment, "test://large-model");
        await AnvilCheats.AdvanceToAsync(Eth, entry.Config.RevealDeadline);
        return new TestTask(entry.Id, entry.Config, [Dqm1.Write(entry.Model)], [DevKeys.Key(DevKeys.TrainerA).Address], entry.Records, entry.Tree);
    }

    /// <summary>
    /// Creates a large-model task as <see cref="CreateLargeTaskAsync"/> does, except that the trainer enters its model
    /// without publishing it (<c>commitLargeModel</c>, docs/training-tasks.md §8.5), at the CID <paramref name="serve"/>
    /// returns for it (what the content store holds there is up to the test). Time stays in the reveal window, so the
    /// availability game is open; the commitment's block is the chain's last. With <paramref name="withPublishedModel"/>, a
    /// second trainer enters an ordinary large model (784-16-10, published in chunks and revealed by root) before it.
    /// </summary>
    public async Task<TestTask> CreateCommittedLargeTaskAsync(int seed, Func<QuantizedModel, Task<string>> serve, int samples = 8, bool withPublishedModel = false)
    {
        var random = new Random(seed);
        LargeModelEntry entry = await CreateLargeTaskWithCommitmentAsync(seed, random, samples);
        QuantizedModel? published = withPublishedModel ? RandomModel(random, [entry.Config.InputSize, 16, entry.Config.Classes], [10, 6]) : null;
        var publishedCommitment = published is null ? null : new ModelCommitment(published);
        byte[] publishedSalt = Keccak256.Hash([(byte)seed, 2]);
        TrainingTasks asSecond = As(DevKeys.TrainerB).Tasks;
        if (publishedCommitment is not null)
        {
            await asSecond.CommitAsync(entry.Id, await asSecond.CommitmentOfAsync(publishedCommitment.ModelRoot, publishedSalt, DevKeys.Key(DevKeys.TrainerB).Address, entry.Id), Stake);
        }
        await AnvilCheats.AdvanceToAsync(Eth, entry.Config.CommitDeadline);
        if (publishedCommitment is not null)
        {
            await PublishAndRevealLargeModelAsync(asSecond, entry.Id, publishedSalt, publishedCommitment, "test://published-model");
        }
        string cid = await serve(entry.Model);
        using var trainer = new DevnetSession(DevKeys.TrainerA, rpc: new JsonRpcClient(Url));
        await trainer.Sender.SendAndWaitAsync(AvailabilityMoves.Commit(TasksAddress, entry.Id, entry.Salt, "test://committed-model", entry.Commitment, cid).ToRequest());
        return published is null
            ? new TestTask(entry.Id, entry.Config, [Dqm1.Write(entry.Model)], [DevKeys.Key(DevKeys.TrainerA).Address], entry.Records, entry.Tree)
            : new TestTask(entry.Id, entry.Config, [Dqm1.Write(entry.Model), Dqm1.Write(published)],
                [DevKeys.Key(DevKeys.TrainerA).Address, DevKeys.Key(DevKeys.TrainerB).Address], entry.Records, entry.Tree);
    }

    /// <summary>A large-model task and the one model trainer A has committed to it (by its model root), still in the commit window.</summary>
    private sealed record LargeModelEntry(
        ulong Id, TrainingTasks.TaskConfig Config, byte[] Records, TestSetTree Tree, QuantizedModel Model, ModelCommitment Commitment, byte[] Salt, TrainingTasks Trainer);

    /// <summary>
    /// Creates a large-model task (docs/training-tasks.md §8: maxModelBytes above 100,000) with a test set of
    /// <paramref name="samples"/> random 784-input samples (10 classes, chunks of 4) labelled by one random 784-160-10
    /// model, which trainer A commits to by its model root.
    /// </summary>
    private async Task<LargeModelEntry> CreateLargeTaskWithCommitmentAsync(int seed, Random random, int samples)
    {
        const int inputSize = 784, classes = 10;
        QuantizedModel model = RandomModel(random, [inputSize, 160, classes], [10, 8]);
        (ulong id, TrainingTasks.TaskConfig config, byte[] records, TestSetTree tree) = await CreateTaskAsync(
            model, random, samples, classes, maxLayers: 2, maxMacs: 200_000, maxModelBytes: 200_000);
        var commitment = new ModelCommitment(model);
        byte[] salt = Keccak256.Hash([(byte)seed, 1]);
        TrainingTasks asTrainer = As(DevKeys.TrainerA).Tasks;
        await asTrainer.CommitAsync(id, await asTrainer.CommitmentOfAsync(commitment.ModelRoot, salt, DevKeys.Key(DevKeys.TrainerA).Address, id), Stake);
        return new LargeModelEntry(id, config, records, tree, model, commitment, salt, asTrainer);
    }

    /// <summary>Enters a committed large model after the commit deadline: claims its authorship, publishes it in chunks and reveals it by root.</summary>
    private static async Task PublishAndRevealLargeModelAsync(TrainingTasks asTrainer, ulong id, byte[] salt, ModelCommitment commitment, string uri)
    {
        // The author is recorded before any byte is public (issue 20, fault 1).
        await asTrainer.ClaimModelAuthorshipAsync(id, salt, commitment.ModelRoot);
        foreach (ModelChunk chunk in ModelChunks.Plan(commitment))
        {
            await asTrainer.PublishModelChunkAsync(commitment.Header, commitment.RowsRoot, chunk.FirstRow, chunk.Height, chunk.Rows, chunk.Proof);
        }
        await asTrainer.RevealLargeModelAsync(id, salt, uri, commitment.Header, commitment.RowsRoot);
    }

    /// <summary>
    /// Creates a task (as the submitter) over <paramref name="samples"/> random samples labelled with
    /// <paramref name="labeler"/>'s predictions except every fourth, so that it clears the baseline (more than a
    /// third right) and wins. Every window lasts at least a day (TrainingTasks.MIN_WINDOW); the baseline beats a
    /// constant guess.
    /// </summary>
    private async Task<(ulong Id, TrainingTasks.TaskConfig Config, byte[] Records, TestSetTree Tree)> CreateTaskAsync(
        QuantizedModel labeler, Random random, int samples, int classes, byte maxLayers, uint maxMacs, uint maxModelBytes)
    {
        (TrainingTasks.TaskConfig config, byte[] records, TestSetTree tree) = await TaskTermsAsync(labeler, random, samples, classes, maxLayers, maxMacs, maxModelBytes);
        TrainingTasks asSubmitter = As(DevKeys.Submitter).Tasks;
        TransactionReceipt created = await asSubmitter.CreateTaskAsync(config, Reward);
        return ((ulong)asSubmitter.DecodeTaskCreatedEvents(created).Single().TaskId, config, records, tree);
    }

    /// <summary>The terms and test set of a task <see cref="CreateTaskAsync"/> creates.</summary>
    private async Task<(TrainingTasks.TaskConfig Config, byte[] Records, TestSetTree Tree)> TaskTermsAsync(
        QuantizedModel labeler, Random random, int samples, int classes, byte maxLayers, uint maxMacs, uint maxModelBytes)
    {
        int inputSize = labeler.InputSize;
        byte[] records = new byte[samples * (inputSize + 1)];
        random.NextBytes(records);
        for (int i = 0; i < samples; i++)
        {
            int[][] trace = ScalarBackend.Trace(labeler, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(records.AsSpan(i * (inputSize + 1) + 1, inputSize)));
            records[i * (inputSize + 1)] = (byte)(i % 4 == 3 ? random.Next(classes) : ScalarBackend.ArgMax(trace[^1]));
        }
        var tree = new TestSetTree(records, inputSize + 1);
        BlockHeader latest = (await Eth.GetBlockByNumberAsync(BlockTag.Latest))!;
        var config = new TrainingTasks.TaskConfig(
            Address.Zero, Reward, Stake, tree.Root, (uint)samples, (ushort)inputSize, (ushort)classes, ChunkSize: 4, MaxTrainers: 4, maxLayers,
            maxMacs, maxModelBytes, latest.Timestamp + Day + 100, latest.Timestamp + 2 * Day + 200, latest.Timestamp + 3 * Day + 300,
            MinScore: (uint)(samples / classes + 1));
        return (config, records, tree);
    }

    /// <summary>Reveals the whole test set as the submitter.</summary>
    public async Task RevealTestSetAsync(TestTask task)
    {
        TrainingTasks asSubmitter = As(DevKeys.Submitter).Tasks;
        int chunks = TestSetTree.ChunkCount(task.Config.TestSetSize, task.Config.ChunkSize);
        int recordSize = task.InputSize + 1;
        for (int c = 0; c < chunks; c++)
        {
            (int first, int count) = TestSetTree.ChunkRange(task.Config.TestSetSize, task.Config.ChunkSize, c);
            await asSubmitter.RevealTestSetChunkAsync(
                task.Id, c, task.Records[(first * recordSize)..((first + count) * recordSize)], task.Tree.ChunkProof(c, task.Config.ChunkSize));
        }
    }

    /// <summary>Posts <paramref name="result"/> as <paramref name="key"/> with the required bond.</summary>
    public async Task<TransactionReceipt> PostAsync(TestTask task, TaskResult result, string key) =>
        await As(key).Verifier.PostResultAsync(task.Id, result.Scores, result.WinnerValue, result.ConcatenatedPredictions(), await BondAsync(task));

    public async Task<BigInteger> BondAsync(TestTask task) => await Verifier.RequiredBondAsync(task.Id);

    public async Task<IReadOnlyList<EventLog<OptimisticVerifier.ResultPostedEvent>>> PostsAsync(TestTask task) =>
        await Verifier.QueryResultPostedEventsAsync(StartBlock, taskId: task.Id);

    public async Task<IReadOnlyList<EventLog<OptimisticVerifier.ResultOverturnedEvent>>> OverturnsAsync(TestTask task) =>
        await Verifier.QueryResultOverturnedEventsAsync(StartBlock, taskId: task.Id);

    public async Task<TrainingTasks.TaskState> StateAsync(TestTask task) => await Tasks.TaskStateAsync(task.Id);

    public void Dispose()
    {
        foreach (DevnetSession session in _sessions)
        {
            session.Dispose();
        }
        Eth.Rpc.Dispose();
    }

    /// <summary>A random model with small weights (well inside the overflow rule), DQM1-encoded.</summary>
    private static byte[] RandomModel(Random random, int inputs, int hidden, int classes) =>
        Dqm1.Write(RandomModel(random, [inputs, hidden, classes], [6, 2]));

    /// <summary>A random model of widths <paramref name="dims"/> with small weights (well inside the overflow rule).</summary>
    private static QuantizedModel RandomModel(Random random, int[] dims, byte[] shifts)
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
        return new QuantizedModel([.. Enumerable.Range(0, shifts.Length).Select(l => Layer(dims[l], dims[l + 1], shifts[l]))]);
    }
}
