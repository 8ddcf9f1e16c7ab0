using System.Numerics;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Protocol.Moves;

public static partial class TaskMoves
{
    /// <summary>
    /// <c>createTaskWithAssets(config, incumbentAsset, incumbentModel, testSetAsset)</c> with the reward
    /// (docs/training-tasks.md §9): a task naming registered assets the sender owns or may manage. With an incumbent
    /// (<paramref name="incumbentAsset"/> non-zero, <paramref name="incumbentModel"/> its registered bytes), the model
    /// enters as entry 0 and a winner must strictly beat it, becoming its next version; with a test-set asset, the
    /// dataset's committed test-set root must be <c>config.TestSetRoot</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Neither asset is named, or an incumbent without its bytes (or bytes
    /// without an incumbent).</exception>
    public static IReadOnlyList<Move> CreateWithAssets(
        Address tasks, TrainingTasks.TaskConfig config, BigInteger incumbentAsset, ReadOnlyMemory<byte> incumbentModel, BigInteger testSetAsset)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (incumbentAsset.IsZero && testSetAsset.IsZero)
        {
            throw new ArgumentException("a task on assets names an incumbent model, a test-set dataset, or both; neither was given", nameof(incumbentAsset));
        }
        if (incumbentAsset.IsZero != incumbentModel.IsEmpty)
        {
            throw new ArgumentException(incumbentAsset.IsZero
                ? $"incumbent bytes ({incumbentModel.Length}) were given without an incumbent asset"
                : $"incumbent asset {incumbentAsset} needs its model bytes, which enter the task in calldata", nameof(incumbentModel));
        }
        var named = new List<string>(2);
        if (!incumbentAsset.IsZero)
        {
            named.Add($"model asset {incumbentAsset} as the incumbent a winner must strictly beat ({incumbentModel.Length} bytes)");
        }
        if (!testSetAsset.IsZero)
        {
            named.Add($"dataset asset {testSetAsset}'s committed test-set root");
        }
        string summary = $"create a training task paying {Amounts.Of(config.Reward, config.Token)} to the best of up to {config.MaxTrainers} entries " +
            $"(stake {Amounts.Of(config.Stake, config.Token)}), naming {string.Join(" and ", named)}";
        return WithApproval(config.Token, tasks, config.Reward, "the task's reward",
            new Move("TrainingTasks.createTaskWithAssets", tasks,
                TrainingTasks.EncodeCreateTaskWithAssetsCall(config, incumbentAsset, incumbentModel.ToArray(), testSetAsset),
                config.Token == Address.Zero ? config.Reward : BigInteger.Zero, summary));
    }

    /// <summary><see cref="CreateWithAssets"/> with an incumbent model only.</summary>
    public static IReadOnlyList<Move> CreateWithIncumbent(Address tasks, TrainingTasks.TaskConfig config, BigInteger incumbentAsset, ReadOnlyMemory<byte> incumbentModel) =>
        CreateWithAssets(tasks, config, incumbentAsset, incumbentModel, BigInteger.Zero);

    /// <summary><see cref="CreateWithAssets"/> with a dataset's committed test set only.</summary>
    public static IReadOnlyList<Move> CreateOnTestSetAsset(Address tasks, TrainingTasks.TaskConfig config, BigInteger testSetAsset) =>
        CreateWithAssets(tasks, config, BigInteger.Zero, ReadOnlyMemory<byte>.Empty, testSetAsset);
}
