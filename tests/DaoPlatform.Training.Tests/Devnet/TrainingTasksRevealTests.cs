using System.Numerics;
using System.Text.Json.Nodes;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.Identifiers;
using DaoPlatform.Training;
using DaoPlatform.Training.Tests;

// In the devnet fixture's namespace, so that the devnet runs for these tests only.
namespace DaoPlatform.Ethereum.IntegrationTests.Training;

/// <summary>
/// A trained, quantized 784-64-32-10 model goes through <c>TrainingTasks.reveal</c> on the devnet: the contract's
/// hash, commitment and model checks (<c>QuantizedMlp.validate</c>, the task's limits) accept it.
/// </summary>
public sealed class TrainingTasksRevealTests : IDisposable
{
    private static readonly byte[] Salt = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private readonly DevnetSession _submitter = new(Devnet.Account0Key);
    private readonly DevnetSession _trainer = new(Devnet.Account1Key);

    public void Dispose()
    {
        _submitter.Dispose();
        _trainer.Dispose();
    }

    [Test]
    public async Task The_contract_accepts_the_trained_model_and_refuses_it_once_a_bias_breaks_the_overflow_rule()
    {
        TrainingResult result = new DigitTrainer().Train(await Digits.Subset(), new TrainingOptions { Epochs = 1, HeldOutFraction = 0.25 });
        byte[] model = Dqm1.Write(result.Model);
        byte[] broken = Dqm1.Write(Models.WithBias(result.Model, layer: 1, neuron: 3, int.MaxValue));

        var tasks = await TrainingTasks.DeployAsync(new ContractConnection(_submitter.Eth, _submitter.Sender), Devnet.Account0, Address.Zero);
        var asTrainer = new TrainingTasks(tasks.Address, new ContractConnection(_trainer.Eth, _trainer.Sender));
        BigInteger taskId = await CreateTaskAsync(tasks);
        await asTrainer.CommitAsync(taskId, await tasks.CommitmentOfAsync(ModelIdentity.Hash(model), Salt, Devnet.Account1, taskId), ethValue: 1);
        BigInteger otherTask = await CreateTaskAsync(tasks);
        await asTrainer.CommitAsync(otherTask, await tasks.CommitmentOfAsync(ModelIdentity.Hash(broken), Salt, Devnet.Account1, otherTask), ethValue: 1);
        await AnvilCheats.AdvanceAsync(_submitter.Eth, Day + 120);

        TransactionReceipt receipt = await asTrainer.RevealAsync(taskId, Salt, ContentId.Of(model), model);

        var revealed = tasks.DecodeModelRevealedEvents(receipt).Single();
        Assert.That(revealed.ModelHash, Is.EqualTo(ModelIdentity.Hash(model)));
        Assert.That((await tasks.EntryAtAsync(taskId, 0)).Revealed, Is.True);
        var error = (await Assert.ThrowsAsync<TrainingTasks.ModelAccumulatorOverflowError>(() => asTrainer.RevealAsync(otherTask, Salt, "", broken)))!;
        Assert.That((error.Layer, error.Neuron), Is.EqualTo((BigInteger.One, new BigInteger(3))));
    }

    /// <summary>The contract's shortest window (TrainingTasks.MIN_WINDOW), in seconds.</summary>
    private const int Day = 86_400;

    /// <summary>A task for 784-input, 10-class models within the contract's largest limits, paid with 1 wei, staked with 1 wei.</summary>
    private async Task<BigInteger> CreateTaskAsync(TrainingTasks tasks)
    {
        BlockHeader latest = (await _submitter.Eth.GetBlockByNumberAsync(BlockTag.Latest))!;
        var config = new TrainingTasks.TaskConfig(
            Token: default, Reward: 1, Stake: 1, TestSetRoot: [.. Enumerable.Repeat((byte)0xab, 32)], TestSetSize: 100,
            InputSize: 784, Classes: 10, ChunkSize: 64, MaxTrainers: 2, MaxLayers: 8, MaxMacs: 100_000, MaxModelBytes: 100_000,
            CommitDeadline: latest.Timestamp + Day + 60, RevealDeadline: latest.Timestamp + 2 * Day + 60,
            TestSetRevealDeadline: latest.Timestamp + 3 * Day + 60, MinScore: 11);
        return tasks.DecodeTaskCreatedEvents(await tasks.CreateTaskAsync(config, ethValue: 1)).Single().TaskId;
    }
}
