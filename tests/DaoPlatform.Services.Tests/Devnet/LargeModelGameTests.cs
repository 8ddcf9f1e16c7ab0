using System.Numerics;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.LargeModels;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Services;
using DaoPlatform.Protocol.Rules;
using DaoPlatform.Protocol.TestSets;

// In the namespace of the shared Devnet [SetUpFixture], so that it starts a devnet for these tests.
namespace DaoPlatform.Ethereum.IntegrationTests.Services;

/// <summary>
/// The prediction game of a large-model task (docs/training-tasks.md §8.2) played by the services on the devnet: the
/// auditor opens it against a wrong prediction and wins it by proof or by timeout; the evaluator answers a game on
/// its honest result and keeps it.
/// </summary>
public sealed class LargeModelGameTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private const long ResponseWindow = TestPlatform.Day;

    [Test]
    public async Task A_lying_trace_is_proven_wrong_then_an_honest_post_survives_a_game_and_finalizes()
    {
        using TestPlatform platform = await TestPlatform.DeployAsync();
        TestTask task = await platform.CreateLargeTaskAsync(seed: 40);
        await platform.RevealTestSetAsync(task);
        QuantizedModel model = Dqm1.Read(task.Models[0]);
        TaskResult honest = task.Honest();
        const int sample = 1;
        TaskResult forged = Forge(honest, task, sample);
        await platform.PostAsync(task, forged, DevKeys.Mallory);

        await using NodeHost auditor = await NodeHost.StartAsync(platform, NodeRoles.Auditor | NodeRoles.Finalizer, RoleFlowTests.AllKeys());
        await NodeHost.WaitForAsync(async () => (await Opened(platform, task)).Count == 1, "the auditor's openGame", Patience, auditor);
        OptimisticVerifier.GameOpenedEvent opened = (await Opened(platform, task)).Single().Event;
        Assert.That(opened.Challenger, Is.EqualTo(DevKeys.Key(DevKeys.Auditor).Address));
        Assert.That((int)opened.SampleIndex, Is.EqualTo(sample));
        Assert.That(opened.Bond, Is.EqualTo(await platform.Verifier.GameBondAsync(task.Id)), "the game's bond is the task's required bond");

        // The liar answers with a trace that ends in its posted prediction: the true hidden layer, forged logits.
        int[][] trace = ScalarBackend.Trace(model, TestSetRecords.ToDataset(task.Records, task.InputSize).Input(sample));
        trace[^1][forged.Predictions[0][sample]] = trace[^1].Max() + 1;
        var commitment = new ModelCommitment(model);
        await platform.As(DevKeys.Mallory).Verifier.AnswerGameAsync(task.Id, opened.Challenger, commitment.Header, commitment.RowsRoot, Traces.Encode(trace));

        await NodeHost.WaitForAsync(async () => (await platform.OverturnsAsync(task)).Count == 1, "the auditor's proveNeuron", Patience, auditor);
        OptimisticVerifier.ResultOverturnedEvent overturned = (await platform.OverturnsAsync(task)).Single().Event;
        Assert.That(overturned.Fault, Is.EqualTo(0), "Fault.Prediction");
        Assert.That(overturned.Challenger, Is.EqualTo(DevKeys.Key(DevKeys.Auditor).Address));
        // The forged logit is the first wrong neuron (the log line follows the receipt, so it may trail the event).
        await NodeHost.WaitForAsync(() => Task.FromResult(auditor.Logs.Contains($"Proved the answered trace wrong (prove neuron {forged.Predictions[0][sample]} of layer 1 ")),
            "the auditor's proof of the forged logit", Patience, auditor);

        // The honest evaluator posts; a challenger who opens a game on it gets an answer, stalls, and loses its bond.
        await using NodeHost evaluator = await NodeHost.StartAsync(platform, NodeRoles.Evaluator, RoleFlowTests.AllKeys());
        await NodeHost.WaitForAsync(async () => (await platform.PostsAsync(task)).Count == 2, "the honest post", Patience, evaluator, auditor);
        OptimisticVerifier.ResultPostedEvent post = (await platform.PostsAsync(task))[1].Event;
        Assert.That(post.Result.Scores, Is.EqualTo(honest.Scores));
        BigInteger gameBond = await platform.Verifier.GameBondAsync(task.Id);
        await platform.As(DevKeys.Mallory).Verifier.OpenGameAsync(task.Id, post.Result, 0, honest.Predictions[0], 2, gameBond);
        await NodeHost.WaitForAsync(async () => (await Answered(platform, task)).Count == 2, "the evaluator's answerGame", Patience, evaluator, auditor);
        Assert.That(Traces.Decode((await Answered(platform, task))[1].Event.Trace, [160, 10]),
            Is.EqualTo(ScalarBackend.Trace(model, TestSetRecords.ToDataset(task.Records, task.InputSize).Input(2))), "the true trace");

        await AnvilCheats.AdvanceAsync(platform.Eth, ResponseWindow + 1);
        await NodeHost.WaitForAsync(
            async () => (await platform.Verifier.QueryGameEndedEventsAsync(platform.StartBlock, taskId: task.Id)).Any(e => !e.Event.ChallengerWon),
            "the finalizer's timeoutGame against the stalled challenger", Patience, auditor);
        Assert.That(await platform.Verifier.CreditsAsync(Address.Zero, DevKeys.Key(DevKeys.Evaluator).Address), Is.EqualTo(gameBond),
            "the stalled challenger's bond");

        // The rest of a large-model result's window (the challenge window and GAME_MOVES_TIME), a day of it spent above.
        await AnvilCheats.AdvanceAsync(platform.Eth, TestPlatform.ChallengeWindow + (long)ContractLimits.GameMovesTimeSeconds - ResponseWindow + 1);
        // The follower plans on new heads; the timeoutGame job may still hold its key when the head above arrives, so
        // blocks keep coming here as they do on a live chain.
        await NodeHost.WaitForAsync(async () =>
        {
            await AnvilCheats.MineAsync(platform.Eth);
            return (await platform.StateAsync(task)).Settled;
        }, "finalization", Patience, auditor);
        Assert.That(await platform.OverturnsAsync(task), Has.Count.EqualTo(1), "the honest result stood");
        Assert.That(await platform.Tasks.CreditsAsync(Address.Zero, task.Trainers[0]), Is.EqualTo(TestPlatform.Reward + TestPlatform.Stake));
    }

    [Test]
    public async Task A_silent_evaluator_loses_the_game_by_timeout()
    {
        using TestPlatform platform = await TestPlatform.DeployAsync();
        TestTask task = await platform.CreateLargeTaskAsync(seed: 41);
        await platform.RevealTestSetAsync(task);
        TaskResult forged = Forge(task.Honest(), task, sample: 5);
        BigInteger bond = await platform.BondAsync(task);
        await platform.PostAsync(task, forged, DevKeys.Mallory);
        BigInteger gameBond = await platform.Verifier.GameBondAsync(task.Id);

        await using NodeHost auditor = await NodeHost.StartAsync(platform, NodeRoles.Auditor, RoleFlowTests.AllKeys());
        await NodeHost.WaitForAsync(async () => (await Opened(platform, task)).Count == 1, "the auditor's openGame", Patience, auditor);
        await AnvilCheats.AdvanceAsync(platform.Eth, ResponseWindow + 1);
        await NodeHost.WaitForAsync(async () => (await platform.OverturnsAsync(task)).Count == 1, "the auditor's timeoutGame", Patience, auditor);
        OptimisticVerifier.ResultOverturnedEvent overturned = (await platform.OverturnsAsync(task)).Single().Event;
        Assert.That(overturned.Evaluator, Is.EqualTo(DevKeys.Key(DevKeys.Mallory).Address));
        Assert.That(overturned.Challenger, Is.EqualTo(DevKeys.Key(DevKeys.Auditor).Address));
        Assert.That(await platform.Verifier.CreditsAsync(Address.Zero, DevKeys.Key(DevKeys.Auditor).Address), Is.EqualTo(bond / 2 + gameBond),
            "the challenger's share of the slashed bond and its own bond back");
    }

    /// <summary>The honest result with the prediction of <paramref name="sample"/> changed, scores and winner made consistent.</summary>
    private static TaskResult Forge(TaskResult honest, TestTask task, int sample)
    {
        byte[] labels = TestSetRecords.ToDataset(task.Records, task.InputSize).Labels;
        byte[][] predictions = [.. honest.Predictions.Select(p => (byte[])p.Clone())];
        predictions[0][sample] = (byte)((predictions[0][sample] + 1) % task.Config.Classes);
        uint[] scores = [.. predictions.Select(p => TaskResult.Score(p, labels))];
        return new TaskResult(predictions, scores, TaskResult.WinnerOf(scores, task.Config.MinScore));
    }

    private static async Task<IReadOnlyList<Ethereum.Contracts.EventLog<OptimisticVerifier.GameOpenedEvent>>> Opened(TestPlatform platform, TestTask task) =>
        await platform.Verifier.QueryGameOpenedEventsAsync(platform.StartBlock, taskId: task.Id);

    private static async Task<IReadOnlyList<Ethereum.Contracts.EventLog<OptimisticVerifier.GameAnsweredEvent>>> Answered(TestPlatform platform, TestTask task) =>
        await platform.Verifier.QueryGameAnsweredEventsAsync(platform.StartBlock, taskId: task.Id);
}
