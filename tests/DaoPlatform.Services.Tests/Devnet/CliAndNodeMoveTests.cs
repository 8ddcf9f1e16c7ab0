using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Training;
using DaoPlatform.Platform.Verification;
using DaoPlatform.Protocol;
using DaoPlatform.Protocol.Reads;
using DaoPlatform.Protocol.Rules;
using DaoPlatform.Protocol.TestSets;
using DaoPlatform.Services;
using DaoPlatform.Services.Roles.Submitter;

// In the namespace of the shared Devnet [SetUpFixture], so that it starts a devnet for these tests.
namespace DaoPlatform.Ethereum.IntegrationTests.Services;

/// <summary>
/// The CLI's services (<see cref="ResultService"/>, what <c>daoplatform result</c> runs) and the node's roles build
/// the same moves: the CLI wins a large-model prediction game, and both send byte-identical transactions (a result's
/// post, a hidden test set's chunk reveals, a withdrawal of credits), each through its own <see cref="Ethereum.Sending.TransactionManager"/>.
/// </summary>
public sealed class CliAndNodeMoveTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Result_challenge_on_a_large_model_task_opens_the_game_and_wins_it()
    {
        using TestPlatform platform = await TestPlatform.DeployAsync();
        TestTask task = await platform.CreateLargeTaskAsync(seed: 41);
        await platform.RevealTestSetAsync(task);
        TaskResult forged = Forge(task.Honest(), task, sample: 3);
        await platform.PostAsync(task, forged, DevKeys.Mallory);
        using ChainConnection chain = await ChainConnection.OpenAsync(platform.Url, 10, DevKeys.Key(DevKeys.Auditor));
        var results = new ResultService(chain, Contracts(platform, chain));

        ChallengeOutcome opened = (await results.ChallengeAsync(task.Id, new ScalarBackend()))!;
        Assert.That(opened.Move.Action, Is.EqualTo("OptimisticVerifier.openGame"), "no large model fits challengePrediction: the dispute is the game");
        Assert.That(opened.Dispute, Is.InstanceOf<Dispute.Prediction>());
        BigInteger gameBond = await platform.Verifier.GameBondAsync(task.Id);
        Assert.That(opened.Move.Summary, Does.Contain("open a prediction game").And.Contain($"with a bond of {UnitFormat.Ether(gameBond)}"));
        Assert.That(await results.ChallengeAsync(task.Id, new ScalarBackend()), Is.Null, "the evaluator's turn: nothing to do yet");

        // The liar never answers: once its turn has passed, the same command ends the game and wins it.
        await AnvilCheats.AdvanceAsync(platform.Eth, TestPlatform.Day + 1);
        ChallengeOutcome won = (await results.ChallengeAsync(task.Id, new ScalarBackend()))!;
        Assert.That(won.Move.Action, Is.EqualTo("OptimisticVerifier.timeoutGame"));
        OptimisticVerifier.ResultOverturnedEvent overturned = (await platform.OverturnsAsync(task)).Single().Event;
        Assert.That(overturned.Challenger, Is.EqualTo(chain.Key!.Address));
        Assert.That(await results.CreditsAsync(chain.Key.Address), Is.GreaterThan(BigInteger.Zero), "the challenger is credited its bond and a share");
    }

    [Test]
    public async Task The_cli_and_the_node_send_byte_identical_transactions_for_the_same_post()
    {
        using TestPlatform platform = await TestPlatform.DeployAsync();
        TestTask task = await platform.CreateTaskWithModelsAsync(seed: 42);
        await platform.RevealTestSetAsync(task);
        string snapshot = await platform.Eth.Rpc.SendAsync(new RpcCall<string>("evm_snapshot", new JsonArray(), (e, _) => e.GetString()!));

        // The CLI's 'result post' as the evaluator's key.
        TransactionInput cli;
        using (ChainConnection chain = await ChainConnection.OpenAsync(platform.Url, 10, DevKeys.Key(DevKeys.Evaluator)))
        {
            var results = new ResultService(chain, Contracts(platform, chain));
            TaskResult result = await results.EvaluateAsync(task.Id, new ScalarBackend());
            var (_, outcomes) = await results.PostAsync(task.Id, result);
            cli = await TransactionInput.FetchAsync(platform.Eth, outcomes.Single().Receipt.TransactionHash, CancellationToken.None);
        }

        // The same chain state again, and the node's evaluator role.
        Assert.That(await platform.Eth.Rpc.SendAsync(new RpcCall<bool>("evm_revert", new JsonArray(snapshot), (e, _) => e.GetBoolean())), Is.True);
        Assert.That(await platform.PostsAsync(task), Is.Empty);
        await using (NodeHost evaluator = await NodeHost.StartAsync(platform, NodeRoles.Evaluator, RoleFlowTests.AllKeys()))
        {
            await NodeHost.WaitForAsync(async () => (await platform.PostsAsync(task)).Count == 1, "the node's post", Patience, evaluator);
        }
        TransactionInput node = await TransactionInput.FetchAsync(platform.Eth, (await platform.PostsAsync(task)).Single().Log.TransactionHash, CancellationToken.None);

        Assert.That(node.To, Is.EqualTo(cli.To));
        Assert.That(node.Value, Is.EqualTo(cli.Value).And.EqualTo(await platform.BondAsync(task)).And.Not.EqualTo(BigInteger.Zero));
        Assert.That(node.Input, Is.EqualTo(cli.Input));
        Assert.That(node.Hash, Is.Not.EqualTo(cli.Hash), "two transactions, one per sender");
    }

    [Test]
    public async Task The_cli_and_the_node_send_byte_identical_test_set_reveals()
    {
        using TestPlatform platform = await TestPlatform.DeployAsync();
        TestTask task = await platform.CreateTaskWithModelsAsync(seed: 43);
        int chunks = TestSetTree.ChunkCount(task.Config.TestSetSize, task.Config.ChunkSize);
        Assert.That(chunks, Is.GreaterThan(1), "several chunks, so that each reveal's slice and proof are compared");
        string snapshot = await platform.Eth.Rpc.SendAsync(new RpcCall<string>("evm_snapshot", new JsonArray(), (e, _) => e.GetString()!));

        // The CLI's 'task reveal-test-set' as the submitter's key.
        var cli = new List<TransactionInput>();
        using (ChainConnection chain = await ChainConnection.OpenAsync(platform.Url, 10, DevKeys.Key(DevKeys.Submitter)))
        {
            var testSet = new HiddenTestSet("test", task.InputSize, task.Records, task.Tree);
            var revealed = new List<int>();
            IReadOnlyList<TransactionOutcome> outcomes = await new TrainingService(chain, Contracts(platform, chain))
                .RevealTestSetAsync(task.Id, testSet, new SynchronousProgress(revealed));
            Assert.That(revealed, Is.EqualTo(Enumerable.Range(0, chunks)), "progress names each chunk as it is mined");
            foreach (TransactionOutcome outcome in outcomes)
            {
                cli.Add(await TransactionInput.FetchAsync(platform.Eth, outcome.Hash, CancellationToken.None));
            }
        }
        Assert.That((await platform.StateAsync(task)).RevealedChunks, Is.EqualTo(chunks));

        // The same chain state again, and the node's submitter role holding the same test set.
        Assert.That(await platform.Eth.Rpc.SendAsync(new RpcCall<bool>("evm_revert", new JsonArray(snapshot), (e, _) => e.GetBoolean())), Is.True);
        Assert.That((await platform.StateAsync(task)).RevealedChunks, Is.Zero);
        await using (NodeHost submitter = await NodeHost.StartAsync(platform, NodeRoles.Submitter, RoleFlowTests.AllKeys()))
        {
            submitter.Service<HiddenTestSets>().Add("test", task.InputSize, task.Records);
            await AnvilCheats.MineAsync(platform.Eth);
            await NodeHost.WaitForAsync(async () => (await platform.StateAsync(task)).RevealedChunks == chunks, "the node's reveals", Patience, submitter);
        }
        var node = new List<TransactionInput>();
        foreach (var log in (await platform.Tasks.QueryTestSetChunkRevealedEventsAsync(platform.StartBlock, taskId: task.Id)).OrderBy(l => l.Event.ChunkIndex))
        {
            node.Add(await TransactionInput.FetchAsync(platform.Eth, log.Log.TransactionHash, CancellationToken.None));
        }

        Assert.That(node, Has.Count.EqualTo(chunks).And.Count.EqualTo(cli.Count));
        for (int c = 0; c < chunks; c++)
        {
            Assert.That(node[c].To, Is.EqualTo(cli[c].To), $"chunk {c}");
            Assert.That(node[c].Value, Is.EqualTo(cli[c].Value).And.EqualTo(BigInteger.Zero), $"chunk {c}");
            Assert.That(node[c].Input, Is.EqualTo(cli[c].Input), $"chunk {c}: the same records and proof");
            Assert.That(node[c].Hash, Is.Not.EqualTo(cli[c].Hash), $"chunk {c}: two transactions, one per sender");
        }
    }

    [Test]
    public async Task The_cli_and_the_claimer_send_byte_identical_withdrawals()
    {
        using TestPlatform platform = await TestPlatform.DeployAsync();
        TestTask task = await platform.CreateTaskWithModelsAsync(seed: 44);
        await platform.RevealTestSetAsync(task);
        await platform.PostAsync(task, task.Honest(), DevKeys.Evaluator);
        BigInteger bond = await platform.BondAsync(task);
        await AnvilCheats.AdvanceAsync(platform.Eth, TestPlatform.ChallengeWindow + 1);
        Primitives.Address evaluator = DevKeys.Key(DevKeys.Evaluator).Address;

        // The CLI's 'result finalize', then 'result withdraw' as the evaluator: its bond comes back.
        string snapshot;
        TransactionInput cli;
        using (ChainConnection chain = await ChainConnection.OpenAsync(platform.Url, 10, DevKeys.Key(DevKeys.Evaluator)))
        {
            var results = new ResultService(chain, Contracts(platform, chain));
            await results.FinalizeAsync(task.Id);
            snapshot = await platform.Eth.Rpc.SendAsync(new RpcCall<string>("evm_snapshot", new JsonArray(), (e, _) => e.GetString()!));
            var (amount, outcome) = await results.WithdrawAsync(evaluator);
            Assert.That(amount, Is.EqualTo(bond));
            cli = await TransactionInput.FetchAsync(platform.Eth, outcome.Hash, CancellationToken.None);
        }

        // The same chain state again, and the node's claimer on the evaluator's key.
        Assert.That(await platform.Eth.Rpc.SendAsync(new RpcCall<bool>("evm_revert", new JsonArray(snapshot), (e, _) => e.GetBoolean())), Is.True);
        Assert.That(await platform.Verifier.CreditsAsync(Primitives.Address.Zero, evaluator), Is.EqualTo(bond));
        await using (NodeHost claimer = await NodeHost.StartAsync(platform, NodeRoles.Claimer, new NodeKeys().Set(NodeRoles.Claimer, DevKeys.Key(DevKeys.Evaluator)),
            extra: new Dictionary<string, string?> { ["Claimer:EveryBlocks"] = "1" }))
        {
            await AnvilCheats.MineAsync(platform.Eth);
            await NodeHost.WaitForAsync(async () => (await platform.Verifier.QueryWithdrawnEventsAsync(platform.StartBlock, account: evaluator)).Count == 1,
                "the claimer's withdrawal", Patience, claimer);
        }
        var withdrawn = (await platform.Verifier.QueryWithdrawnEventsAsync(platform.StartBlock, account: evaluator)).Single();
        TransactionInput node = await TransactionInput.FetchAsync(platform.Eth, withdrawn.Log.TransactionHash, CancellationToken.None);

        Assert.That(node.To, Is.EqualTo(cli.To).And.EqualTo(platform.VerifierAddress));
        Assert.That(node.Value, Is.EqualTo(cli.Value).And.EqualTo(BigInteger.Zero));
        Assert.That(node.Input, Is.EqualTo(cli.Input));
        Assert.That(node.Hash, Is.Not.EqualTo(cli.Hash), "two transactions, one per sender");
    }

    private static PlatformContracts Contracts(TestPlatform platform, ChainConnection chain) =>
        new(chain.Contracts, new PlatformAddresses(platform.TasksAddress, platform.VerifierAddress) { DeploymentBlock = platform.StartBlock });

    private static TaskResult Forge(TaskResult honest, TestTask task, int sample)
    {
        byte[] labels = TestSetRecords.ToDataset(task.Records, task.InputSize).Labels;
        byte[][] predictions = [.. honest.Predictions.Select(p => (byte[])p.Clone())];
        predictions[0][sample] = (byte)((predictions[0][sample] + 1) % task.Config.Classes);
        uint[] scores = [.. predictions.Select(p => TaskResult.Score(p, labels))];
        return new TaskResult(predictions, scores, TaskResult.WinnerOf(scores, task.Config.MinScore));
    }

    /// <summary>Records each report at once (<see cref="Progress{T}"/> would post it to the thread pool, after the call returns).</summary>
    private sealed class SynchronousProgress(List<int> reports) : IProgress<int>
    {
        public void Report(int value) => reports.Add(value);
    }
}
