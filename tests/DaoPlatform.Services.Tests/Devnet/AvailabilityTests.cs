using System.Numerics;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.LargeModels;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Protocol.Content;
using DaoPlatform.Protocol.Moves;
using DaoPlatform.Protocol.Rules;
using DaoPlatform.Protocol.TestSets;
using DaoPlatform.Services;
using ModelCommitment = DaoPlatform.Evaluation.LargeModels.ModelCommitment;

// In the namespace of the shared Devnet [SetUpFixture], so that it starts a devnet for these tests.
namespace DaoPlatform.Ethereum.IntegrationTests.Services;

/// <summary>
/// The node's services for large models committed without publication (docs/training-tasks.md §8.5), on the devnet
/// with the real contracts: the auditor samples every committed model and challenges what it cannot fetch, the
/// claimer slashes what nobody resolved, and the trainer's sentinel resolves challenges to its own model by itself.
/// The model (784-160-10) has 3 availability chunks of 64 rows, so the default sample of 4 takes them all.
/// </summary>
public sealed class AvailabilityTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private const long ResolveWindow = TestPlatform.Day;

    [Test]
    public async Task A_trainer_that_withholds_a_chunk_is_caught_by_sampling_and_slashed()
    {
        using TestPlatform platform = await TestPlatform.DeployAsync();
        string content = Directory.CreateTempSubdirectory("availability-").FullName;
        var store = new LocalContentStore(content, 1 << 20);
        // The trainer commits to its model but serves other rows in chunk 1 (rows 64..127): the committed chunk is
        // withheld, and the content at the CID does not prove against the root.
        TestTask task = await platform.CreateCommittedLargeTaskAsync(seed: 60, async model =>
            (await store.PutAsync(Dqm1.Write(WithRowAltered(model, layer: 0, neuron: 100)))).ToString());
        Address auditor = DevKeys.Key(DevKeys.Auditor).Address;
        ModelAvailability game = await platform.AvailabilityAsync(DevKeys.Deployer);

        await using NodeHost node = await NodeHost.StartAsync(platform, NodeRoles.Auditor | NodeRoles.Claimer, RoleFlowTests.AllKeys(), extra: new Dictionary<string, string?>
        {
            ["ContentStore:LocalPath"] = content,
            ["Claimer:EveryBlocks"] = "1",
        });
        // The sample is drawn from the hash of the block after the commitment.
        await AnvilCheats.MineAsync(platform.Eth);
        await NodeHost.WaitForAsync(async () => (await game.QueryChunkChallengedEventsAsync(platform.StartBlock, taskId: task.Id)).Count == 3,
            "the auditor's challenges of the 3 sampled chunks", Patience, node);
        var challenged = await game.QueryChunkChallengedEventsAsync(platform.StartBlock, taskId: task.Id);
        Assert.That(challenged.Select(c => (int)c.Event.Chunk), Is.EquivalentTo(Enumerable.Range(0, 3)));
        Assert.That(challenged.All(c => c.Event.Challenger == auditor && c.Event.Entry == 0), Is.True);
        BigInteger bonds = challenged.Aggregate(BigInteger.Zero, (sum, c) => sum + c.Event.Bond);
        Assert.That(challenged[0].Event.Bond, Is.GreaterThanOrEqualTo(await game.ChallengeBondAsync()), "the bond read from the chain");

        // Nobody resolves: after the window the claimer slashes each challenge (the stake once) and withdraws the credits.
        await AnvilCheats.AdvanceAsync(platform.Eth, ResolveWindow + 1);
        await NodeHost.WaitForAsync(async () =>
        {
            await AnvilCheats.MineAsync(platform.Eth);
            // The claimer may withdraw between two slashes: what counts is that every bond comes back.
            return (await game.QueryChunkUnavailableEventsAsync(platform.StartBlock, taskId: task.Id)).Count == 3
                && await WithdrawnAsync(game, platform, auditor) >= bonds;
        }, "the claimer's slashUnavailable of the 3 challenges and its withdrawals", Patience, node);
        var excluded = (await platform.Tasks.QueryModelExcludedEventsAsync(platform.StartBlock, taskId: task.Id)).Single().Event;
        Assert.That(excluded.Challenger, Is.EqualTo(auditor));
        Assert.That(excluded.ToChallenger + excluded.ToTreasury, Is.EqualTo(TestPlatform.Stake), "the whole stake, split");
        Assert.That((await game.QueryChunkUnavailableEventsAsync(platform.StartBlock, taskId: task.Id)).Count(u => u.Event.Slashed), Is.EqualTo(1), "slashed once");
        Assert.That(await WithdrawnAsync(game, platform, auditor), Is.EqualTo(bonds), "every bond back");
        Assert.That(await game.OpenChallengesAsync(task.Id), Is.EqualTo(BigInteger.Zero));
        Assert.That((await platform.Tasks.RevealedModelsAsync(task.Id)).EntryIndexes, Is.Empty, "the model is excluded");
    }

    [Test]
    public async Task A_trainers_sentinel_resolves_a_challenge_by_itself_and_an_available_model_is_not_challenged()
    {
        using TestPlatform platform = await TestPlatform.DeployAsync();
        string content = Directory.CreateTempSubdirectory("availability-").FullName;
        var store = new LocalContentStore(content, 1 << 20);
        TestTask task = await platform.CreateCommittedLargeTaskAsync(seed: 61, StoredIn(store));
        Address trainer = DevKeys.Key(DevKeys.TrainerA).Address;
        ModelAvailability asMallory = await platform.AvailabilityAsync(DevKeys.Mallory);

        await using NodeHost node = await NodeHost.StartAsync(platform, NodeRoles.Auditor | NodeRoles.Sentinel,
            RoleFlowTests.AllKeys().Set(NodeRoles.Sentinel, DevKeys.Key(DevKeys.TrainerA)),
            extra: new Dictionary<string, string?> { ["ContentStore:LocalPath"] = content });
        await AnvilCheats.MineAsync(platform.Eth);
        await NodeHost.WaitForAsync(() => Task.FromResult(node.Logs.Contains("is available at")), "the auditor's sampling", Patience, node);

        // A griefer challenges chunk 2 (the short last one); the trainer's node resolves it and takes the bond.
        BigInteger bond = await asMallory.ChallengeBondAsync();
        await asMallory.ChallengeChunkAsync(task.Id, 0, 2, bond);
        await NodeHost.WaitForAsync(async () => (await asMallory.QueryChunkResolvedEventsAsync(platform.StartBlock, taskId: task.Id)).Count == 1,
            "the sentinel's resolveChunk", Patience, node);
        var resolved = (await asMallory.QueryChunkResolvedEventsAsync(platform.StartBlock, taskId: task.Id)).Single().Event;
        Assert.That((int)resolved.Chunk, Is.EqualTo(2));
        Assert.That(resolved.Resolver, Is.EqualTo(trainer));
        Assert.That(await asMallory.CreditsAsync(Address.Zero, trainer), Is.EqualTo(bond), "the bond pays the resolver");
        Assert.That((await asMallory.ChallengesAsync(task.Id, 0, 2)).Resolved, Is.True);
        Assert.That((await asMallory.QueryChunkChallengedEventsAsync(platform.StartBlock, taskId: task.Id)).Single().Event.Challenger,
            Is.EqualTo(DevKeys.Key(DevKeys.Mallory).Address), "the auditor found the model available and challenged nothing");
        Assert.That(await asMallory.OpenChallengesAsync(task.Id), Is.EqualTo(BigInteger.Zero));
    }

    [Test]
    public async Task The_node_evaluates_a_committed_model_from_the_content_store_and_its_auditor_agrees()
    {
        using TestPlatform platform = await TestPlatform.DeployAsync();
        string content = Directory.CreateTempSubdirectory("availability-").FullName;
        var store = new LocalContentStore(content, 1 << 20);
        // Entry 0 is committed (its bytes only in the store), entry 1 published in chunks and revealed: one result covers both.
        TestTask task = await platform.CreateCommittedLargeTaskAsync(seed: 62, StoredIn(store),
            withPublishedModel: true);
        await RevealTestSetAfterTheGameAsync(platform, task);
        TaskResult honest = task.Honest();
        Assert.That(honest.Winner, Is.EqualTo(0), "the seed's committed model wins");

        await using NodeHost node = await NodeHost.StartAsync(platform, NodeRoles.Evaluator | NodeRoles.Auditor, RoleFlowTests.AllKeys(),
            extra: new Dictionary<string, string?> { ["ContentStore:LocalPath"] = content });
        await NodeHost.WaitForAsync(async () => (await platform.PostsAsync(task)).Count == 1, "the evaluator's post", Patience, node);
        OptimisticVerifier.ResultPostedEvent post = (await platform.PostsAsync(task)).Single().Event;
        Assert.That(post.Evaluator, Is.EqualTo(DevKeys.Key(DevKeys.Evaluator).Address));
        Assert.That(post.Result.Scores.Select(v => (uint)v), Is.EqualTo(honest.Scores), "both models scored");
        Assert.That(post.Result.Winner, Is.EqualTo(honest.WinnerValue));
        await NodeHost.WaitForAsync(() => Task.FromResult(node.Logs.Contains("is correct: no challenge")), "the auditor's verdict", Patience, node);
        Assert.That(await platform.OverturnsAsync(task), Is.Empty);
        Assert.That(await platform.Verifier.QueryGameOpenedEventsAsync(platform.StartBlock, taskId: task.Id), Is.Empty, "no game opened");
    }

    [Test]
    public async Task Without_the_content_the_node_evaluates_a_committed_model_from_its_resolved_chunks()
    {
        using TestPlatform platform = await TestPlatform.DeployAsync();
        // The node's store is empty: the model's bytes reach it only through the calldata of the resolved chunks.
        string content = Directory.CreateTempSubdirectory("availability-").FullName;
        var elsewhere = new LocalContentStore(Directory.CreateTempSubdirectory("availability-").FullName, 1 << 20);
        TestTask task = await platform.CreateCommittedLargeTaskAsync(seed: 64, StoredIn(elsewhere),
            withPublishedModel: true);
        ModelAvailability asMallory = await platform.AvailabilityAsync(DevKeys.Mallory);
        var commitment = new ModelCommitment(Dqm1.Read(task.Models[0]));
        using var resolver = new DevnetSession(DevKeys.TrainerB, rpc: new JsonRpcClient(platform.Url));
        for (int chunk = 0; chunk < 3; chunk++)
        {
            await asMallory.ChallengeChunkAsync(task.Id, 0, chunk, await asMallory.ChallengeBondAsync());
            await resolver.Sender.SendAndWaitAsync(AvailabilityMoves.Resolve(asMallory.Address, task.Id, 0, chunk, commitment).ToRequest());
        }
        await RevealTestSetAfterTheGameAsync(platform, task);
        TaskResult honest = task.Honest();

        await using NodeHost node = await NodeHost.StartAsync(platform, NodeRoles.Evaluator, RoleFlowTests.AllKeys(),
            extra: new Dictionary<string, string?> { ["ContentStore:LocalPath"] = content });
        await NodeHost.WaitForAsync(async () => (await platform.PostsAsync(task)).Count == 1, "the evaluator's post", Patience, node);
        OptimisticVerifier.ResultPostedEvent post = (await platform.PostsAsync(task)).Single().Event;
        Assert.That(post.Result.Scores.Select(v => (uint)v), Is.EqualTo(honest.Scores), "both models scored");
        Assert.That(post.Result.Winner, Is.EqualTo(honest.WinnerValue));
    }

    [Test]
    public async Task A_committed_model_whose_bytes_cannot_be_had_is_reported_not_evaluated()
    {
        using TestPlatform platform = await TestPlatform.DeployAsync();
        string content = Directory.CreateTempSubdirectory("availability-").FullName;
        // The CID names content nobody stored; no challenge is made, so nothing excludes the model.
        var elsewhere = new LocalContentStore(Directory.CreateTempSubdirectory("availability-").FullName, 1 << 20);
        TestTask task = await platform.CreateCommittedLargeTaskAsync(seed: 63, StoredIn(elsewhere),
            withPublishedModel: true);
        await RevealTestSetAfterTheGameAsync(platform, task);

        await using NodeHost node = await NodeHost.StartAsync(platform, NodeRoles.Evaluator, RoleFlowTests.AllKeys(),
            extra: new Dictionary<string, string?> { ["ContentStore:LocalPath"] = content });
        await NodeHost.WaitForAsync(() => Task.FromResult(node.Logs.Contains("cannot be had")), "the evaluator's report", Patience, node);
        Assert.That(node.Logs.Contains($"Evaluator skipped task {task.Id}: task {task.Id} entry 0: the bytes of committed model"), Is.True);
        Assert.That(await platform.PostsAsync(task), Is.Empty, "no result from a partial evaluation");
    }

    [Test]
    public async Task A_game_that_needs_an_unpublished_row_forces_it_the_sentinel_resolves_and_the_lie_is_proven()
    {
        using TestPlatform platform = await TestPlatform.DeployAsync();
        // The auditor's store has the committed model when it audits; the trainer's store keeps it for good.
        string content = Directory.CreateTempSubdirectory("availability-").FullName;
        string trainerContent = Directory.CreateTempSubdirectory("availability-").FullName;
        var store = new LocalContentStore(content, 1 << 20);
        var trainerStore = new LocalContentStore(trainerContent, 1 << 20);
        TestTask task = await platform.CreateCommittedLargeTaskAsync(seed: 65, async model =>
        {
            await trainerStore.PutAsync(Dqm1.Write(model));
            return (await store.PutAsync(Dqm1.Write(model))).ToString();
        });
        await AnvilCheats.AdvanceToAsync(platform.Eth, task.Config.RevealDeadline);
        await platform.RevealTestSetAsync(task);
        await AnvilCheats.AdvanceToAsync(platform.Eth, task.Config.RevealDeadline + 2 * TestPlatform.Day + 1);
        const int sample = 3;
        TaskResult honest = task.Honest();
        byte[] forgedPredictions = (byte[])honest.Predictions[0].Clone();
        forgedPredictions[sample] = (byte)((forgedPredictions[sample] + 1) % task.Config.Classes);
        uint[] scores = [TaskResult.Score(forgedPredictions, TestSetRecords.ToDataset(task.Records, task.InputSize).Labels)];
        await platform.PostAsync(task, new TaskResult([forgedPredictions], scores, TaskResult.WinnerOf(scores, task.Config.MinScore)), DevKeys.Mallory);

        await using NodeHost auditor = await NodeHost.StartAsync(platform, NodeRoles.Auditor, RoleFlowTests.AllKeys(),
            extra: new Dictionary<string, string?> { ["ContentStore:LocalPath"] = content });
        await NodeHost.WaitForAsync(async () => (await platform.Verifier.QueryGameOpenedEventsAsync(platform.StartBlock, taskId: task.Id)).Count == 1,
            "the auditor's openGame", Patience, auditor);
        // The bytes vanish from the auditor's store, and no chunk is on chain: the model cannot be rebuilt any more.
        Directory.Delete(content, recursive: true);
        Directory.CreateDirectory(content);

        // The liar answers with the true hidden layer and forged logits: the row the proof needs is an output row, in chunk 2.
        QuantizedModel model = Dqm1.Read(task.Models[0]);
        int[][] trace = ScalarBackend.Trace(model, TestSetRecords.ToDataset(task.Records, task.InputSize).Input(sample));
        trace[^1][forgedPredictions[sample]] = trace[^1].Max() + 1;
        var commitment = new ModelCommitment(model);
        Address challenger = DevKeys.Key(DevKeys.Auditor).Address;
        await platform.As(DevKeys.Mallory).Verifier.AnswerGameAsync(task.Id, challenger, commitment.Header, commitment.RowsRoot, Traces.Encode(trace));

        await NodeHost.WaitForAsync(async () => (await platform.Verifier.QueryChunkForcedEventsAsync(platform.StartBlock, taskId: task.Id)).Count == 1,
            "the auditor's forceChunk", Patience, auditor);
        OptimisticVerifier.ChunkForcedEvent forced = (await platform.Verifier.QueryChunkForcedEventsAsync(platform.StartBlock, taskId: task.Id)).Single().Event;
        Assert.That(forced.Challenger, Is.EqualTo(challenger));
        Assert.That(((int)forced.Entry, (int)forced.Chunk), Is.EqualTo((0, 160 >> 6)), "the chunk of the forged logit's row");
        Assert.That(await platform.OverturnsAsync(task), Is.Empty, "nothing to prove with until the chunk is on chain");

        // The trainer's sentinel resolves the forced challenge like any other; the auditor proves from the posted rows.
        await using NodeHost sentinel = await NodeHost.StartAsync(platform, NodeRoles.Sentinel,
            RoleFlowTests.AllKeys().Set(NodeRoles.Sentinel, DevKeys.Key(DevKeys.TrainerA)),
            extra: new Dictionary<string, string?> { ["ContentStore:LocalPath"] = trainerContent });
        ModelAvailability availability = await platform.AvailabilityAsync(DevKeys.Deployer);
        await NodeHost.WaitForAsync(async () => (await availability.QueryChunkResolvedEventsAsync(platform.StartBlock, taskId: task.Id)).Count == 1,
            "the sentinel's resolveChunk", Patience, sentinel, auditor);
        Assert.That((await availability.QueryChunkResolvedEventsAsync(platform.StartBlock, taskId: task.Id)).Single().Event.Resolver,
            Is.EqualTo(DevKeys.Key(DevKeys.TrainerA).Address));
        await NodeHost.WaitForAsync(async () => (await platform.OverturnsAsync(task)).Count == 1, "the auditor's proveNeuron", Patience, auditor, sentinel);
        Assert.That((await platform.OverturnsAsync(task)).Single().Event.Challenger, Is.EqualTo(challenger));
        await NodeHost.WaitForAsync(() => Task.FromResult(auditor.Logs.Contains($"Proved the answered trace wrong from a resolved chunk (prove neuron {forgedPredictions[sample]} of layer 1 ")),
            "the auditor's proof of the forged logit", Patience, auditor);
        Assert.That(await platform.Tasks.QueryModelExcludedEventsAsync(platform.StartBlock, taskId: task.Id), Is.Empty, "the available model is not slashed");
    }

    private static async Task<BigInteger> WithdrawnAsync(ModelAvailability game, TestPlatform platform, Address account) =>
        (await game.QueryWithdrawnEventsAsync(platform.StartBlock, account: account))
            .Aggregate(BigInteger.Zero, (sum, w) => sum + w.Event.Amount);

    /// <summary><paramref name="model"/> with one weight of neuron <paramref name="neuron"/> of layer <paramref name="layer"/> changed.</summary>
    private static QuantizedModel WithRowAltered(QuantizedModel model, int layer, int neuron)
    {
        QuantizedLayer[] layers = [.. model.Layers];
        QuantizedLayer old = layers[layer];
        sbyte[] weights = (sbyte[])old.Weights.Clone();
        weights[neuron * old.Inputs] = (sbyte)(weights[neuron * old.Inputs] == 0 ? 1 : 0);
        layers[layer] = new QuantizedLayer(old.Inputs, old.Outputs, old.Shift, weights, old.Biases);
        return new QuantizedModel(layers);
    }

    /// <summary>Where a test's model bytes go: the store <paramref name="store"/>, at the CID it returns.</summary>
    private static Func<QuantizedModel, Task<string>> StoredIn(LocalContentStore store) =>
        async model => (await store.PutAsync(Dqm1.Write(model))).ToString();

    /// <summary>
    /// Reveals the test set after the reveal deadline, then moves past the availability game (its challenge window and a
    /// resolve window after it), from when a result may be posted.
    /// </summary>
    private static async Task RevealTestSetAfterTheGameAsync(TestPlatform platform, TestTask task)
    {
        await AnvilCheats.AdvanceToAsync(platform.Eth, task.Config.RevealDeadline);
        await platform.RevealTestSetAsync(task);
        await AnvilCheats.AdvanceToAsync(platform.Eth, task.Config.RevealDeadline + 2 * TestPlatform.Day + 1);
    }
}
