using System.Numerics;
using DaoPlatform.Contracts.OpenZeppelin;
using DaoPlatform.Contracts.Registry;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Protocol.Moves;

namespace DaoPlatform.Protocol.Tests.Moves;

/// <summary>The moves of tasks on registered assets (docs/training-tasks.md §9) are the bindings' encodings, with clear refusals.</summary>
public sealed class TaskAssetMoveTests
{
    private static readonly Address Tasks = Address.Parse("0x00000000000000000000000000000000000000a2");
    private static readonly Address Registry = Address.Parse("0x00000000000000000000000000000000000000a5");
    private static readonly Address Token = Address.Parse("0x00000000000000000000000000000000000000a3");
    private static readonly byte[] Incumbent = [0x44, 0x51, 0x4d, 0x31, 1, 2, 3];
    private static readonly string[] ApproveThenCreate = ["ERC20.approve", "TrainingTasks.createTaskWithAssets"];

    private static TrainingTasks.TaskConfig Config(Address token) =>
        new(token, BigInteger.Pow(10, 18), BigInteger.Pow(10, 18), new byte[32], 4, 2, 3, 2, 4, 3, 1000, 10_000, 100, 200, 300, 2);

    [Test]
    public void An_eth_task_with_an_incumbent_is_one_payable_createTaskWithAssets()
    {
        var config = Config(Address.Zero);

        Move move = TaskMoves.CreateWithIncumbent(Tasks, config, 7, Incumbent).Single();

        Assert.That(move.Action, Is.EqualTo("TrainingTasks.createTaskWithAssets"));
        Assert.That(move.To, Is.EqualTo(Tasks));
        Assert.That(move.Value, Is.EqualTo(config.Reward));
        Assert.That(move.Data, Is.EqualTo(TrainingTasks.EncodeCreateTaskWithAssetsCall(config, 7, Incumbent, 0)));
        Assert.That(move.Summary, Does.Contain("model asset 7 as the incumbent a winner must strictly beat (7 bytes)"));
    }

    [Test]
    public void A_token_task_on_a_dataset_approves_the_reward_first_and_sends_no_eth()
    {
        var config = Config(Token);

        IReadOnlyList<Move> moves = TaskMoves.CreateOnTestSetAsset(Tasks, config, 9);

        Assert.That(moves.Select(m => m.Action), Is.EqualTo(ApproveThenCreate));
        Assert.That(moves[0].Data, Is.EqualTo(Erc20.EncodeApproveCall(Tasks, config.Reward)));
        Assert.That(moves[1].Value, Is.EqualTo(BigInteger.Zero));
        Assert.That(moves[1].Data, Is.EqualTo(TrainingTasks.EncodeCreateTaskWithAssetsCall(config, 0, [], 9)));
        Assert.That(moves[1].Summary, Does.Contain("dataset asset 9's committed test-set root"));
    }

    [Test]
    public void Bad_input_names_what_is_missing()
    {
        var config = Config(Address.Zero);

        Assert.That(() => TaskMoves.CreateWithAssets(Tasks, config, 0, ReadOnlyMemory<byte>.Empty, 0),
            Throws.ArgumentException.With.Message.Contains("neither was given"));
        Assert.That(() => TaskMoves.CreateWithAssets(Tasks, config, 7, ReadOnlyMemory<byte>.Empty, 0),
            Throws.ArgumentException.With.Message.Contains("incumbent asset 7 needs its model bytes"));
        Assert.That(() => TaskMoves.CreateWithAssets(Tasks, config, 0, Incumbent, 9),
            Throws.ArgumentException.With.Message.Contains("without an incumbent asset"));
        Assert.That(() => RegistryMoves.CommitTestSetRoot(Registry, 9, new byte[31]),
            Throws.ArgumentException.With.Message.Contains("32 bytes, not 31"));
    }

    [Test]
    public void Registry_moves_are_the_bindings_encodings()
    {
        byte[] root = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

        Move commit = RegistryMoves.CommitTestSetRoot(Registry, 9, root);
        Move version = RegistryMoves.RegisterNextVersion(Registry, 3, Incumbent);

        Assert.That(commit.Data, Is.EqualTo(AssetRegistry.EncodeCommitTestSetRootCall(9, root)));
        Assert.That(version.Data, Is.EqualTo(AssetRegistry.EncodeRegisterNextVersionCall(3, Incumbent)));
        Assert.That(version.Summary, Is.EqualTo("register the winner of task 3 (7 bytes) as the next version of its incumbent"));

        Move large = RegistryMoves.RegisterNextLargeVersion(Registry, 4, Incumbent, root, "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");
        Assert.That(large.Action, Is.EqualTo("AssetRegistry.registerNextLargeVersion"));
        Assert.That(large.Data, Is.EqualTo(AssetRegistry.EncodeRegisterNextLargeVersionCall(4, Incumbent, root, "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy")));
        Assert.That(large.Summary, Does.Contain("register the winner of large-model task 4").And.Contain("CID bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy"));
        Assert.That(() => RegistryMoves.RegisterNextLargeVersion(Registry, 4, Incumbent, new byte[31], "bafkrei"),
            Throws.ArgumentException.With.Message.Contains("a rows root is 32 bytes, not 31"));
    }
}
