using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Verification;
using DaoPlatform.Protocol;
using DaoPlatform.Protocol.Reads;
using DaoPlatform.Protocol.Rules;
using DaoPlatform.Protocol.TestSets;
using DaoPlatform.Services;

// In the namespace of the shared Devnet [SetUpFixture], so that it starts a devnet for these tests.
namespace DaoPlatform.Ethereum.IntegrationTests.Services;

/// <summary>
/// The CLI's services (<see cref="ResultService"/>, what <c>daoplatform result</c> runs) and the node's roles build
/// the same moves: the CLI wins a large-model prediction game, and both send byte-identical transactions.
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
}
