using System.Numerics;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Protocol.Moves;
using DaoPlatform.Protocol.Reads;
using DaoPlatform.Protocol.Rules;

namespace DaoPlatform.Platform.Registry;

/// <summary>
/// Training tasks on registered assets (docs/training-tasks.md §9): a task whose incumbent is a model asset (a winner
/// must strictly beat it and becomes its next version) or whose hidden test set is a dataset asset's committed root;
/// the dataset owner's commitment of that root, the registration of a winner as the next version, and the lineage.
/// </summary>
public sealed class TaskAssetService(ChainConnection chain, PlatformContracts platform)
{
    /// <summary>
    /// Creates a task from the sender naming <paramref name="incumbentAsset"/> (with its registered bytes
    /// <paramref name="incumbentModel"/>) and/or <paramref name="testSetAsset"/> (zero: none), paying the reward; returns its id.
    /// </summary>
    /// <exception cref="PlatformException">An asset does not exist or is of the wrong kind, the bytes are not the
    /// incumbent's, or the config's test-set root is not the dataset's committed one (checked before sending).</exception>
    public async Task<(BigInteger TaskId, TransactionOutcome Outcome)> CreateAsync(
        TrainingTasks.TaskConfig config, BigInteger incumbentAsset, byte[] incumbentModel, BigInteger testSetAsset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(incumbentModel);
        await CheckAsync(config, incumbentAsset, incumbentModel, testSetAsset, cancellationToken).ConfigureAwait(false);
        var receipt = await platform.Tasks.CreateTaskWithAssetsAsync(config, incumbentAsset, incumbentModel, testSetAsset, config.Reward, cancellationToken).ConfigureAwait(false);
        BigInteger taskId = platform.Tasks.DecodeTaskCreatedEvents(receipt) is { Count: > 0 } created
            ? created[0].TaskId
            : throw PlatformException.NotFound($"transaction {receipt.TransactionHash} created no task");
        return (taskId, new TransactionOutcome("TrainingTasks.createTaskWithAssets", receipt));
    }

    /// <summary>
    /// The checks the contracts make that the sender can make first, each failing with one line naming the values: the
    /// assets exist and are of their kinds, <paramref name="incumbentModel"/> is the incumbent's content, and the config's
    /// test-set root is the dataset's committed one.
    /// </summary>
    /// <exception cref="PlatformException">A check failed.</exception>
    public async Task CheckAsync(
        TrainingTasks.TaskConfig config, BigInteger incumbentAsset, byte[] incumbentModel, BigInteger testSetAsset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(incumbentModel);
        if (!incumbentAsset.IsZero)
        {
            var asset = await RequireKindAsync(incumbentAsset, AssetKind.Model, "--incumbent", cancellationToken).ConfigureAwait(false);
            bool large = config.MaxModelBytes > ContractLimits.MaxModelBytes;
            byte[] given = large ? LargeIncumbent.ModelRootOf(incumbentModel) : Keccak256.Hash(incumbentModel);
            if (large && !given.AsSpan().SequenceEqual(asset.ContentHash))
            {
                throw PlatformException.BadInput(
                    $"the incumbent's model root is {HexConvert.Encode(given)}, but model asset {incumbentAsset} is registered under {HexConvert.Encode(asset.ContentHash)}: " +
                    "a large-model task enters its incumbent by its model root, so the asset must be registered under it (the model itself, or its registration by root)");
            }
            if (!given.AsSpan().SequenceEqual(asset.ContentHash))
            {
                throw PlatformException.BadInput(
                    $"the incumbent's bytes hash to {HexConvert.Encode(given)}, but model asset {incumbentAsset} is {HexConvert.Encode(asset.ContentHash)}");
            }
        }
        if (!testSetAsset.IsZero)
        {
            await RequireKindAsync(testSetAsset, AssetKind.Dataset, "--test-set-asset", cancellationToken).ConfigureAwait(false);
            byte[] committed = await platform.Registry.TestSetRootOfAsync(testSetAsset, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (committed.All(b => b == 0))
            {
                throw PlatformException.BadInput($"dataset asset {testSetAsset} has no committed test-set root: its owner commits one first");
            }
            if (!committed.AsSpan().SequenceEqual(config.TestSetRoot))
            {
                throw PlatformException.BadInput(
                    $"the test set's root {HexConvert.Encode(config.TestSetRoot)} is not dataset asset {testSetAsset}'s committed root {HexConvert.Encode(committed)}");
            }
        }
    }

    /// <summary>Commits <paramref name="root"/> as the test-set root of dataset <paramref name="tokenId"/> (its owner or a manager it approved).</summary>
    public async Task<TransactionOutcome> CommitTestSetRootAsync(BigInteger tokenId, byte[] root, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        await RequireKindAsync(tokenId, AssetKind.Dataset, "dataset", cancellationToken).ConfigureAwait(false);
        return new("AssetRegistry.commitTestSetRoot", await platform.Registry.CommitTestSetRootAsync(tokenId, root, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// What can be registered as task <paramref name="taskId"/>'s next version (<see cref="PendingNextVersion.ReadAsync"/>):
    /// the move that registers the winner, by its bytes or its commitment, or why none can be sent.
    /// <paramref name="model"/>, when given, is the winner's file, used instead of what the chain holds.
    /// </summary>
    public Task<PendingNextVersion> NextVersionAsync(ulong taskId, byte[]? model = null, CancellationToken cancellationToken = default) =>
        PendingNextVersion.ReadAsync(platform, new ReadOptions { StartBlock = platform.Addresses.DeploymentBlock }, taskId, model, cancellationToken);

    /// <summary>
    /// Sends <paramref name="pending"/>'s move (<see cref="RegistryMoves.RegisterNextVersion"/> or
    /// <see cref="RegistryMoves.RegisterNextLargeVersion"/>) through <see cref="MoveSender"/>; returns the new token.
    /// </summary>
    /// <exception cref="PlatformException">Nothing can be registered: the reason, in one line.</exception>
    /// <exception cref="MoveRevertedException">The registry refused it (e.g. <c>VersionAlreadyRegistered</c>, or a large
    /// version from a sender that neither owns nor manages the incumbent).</exception>
    public async Task<(BigInteger TokenId, TransactionOutcome Outcome)> RegisterNextVersionAsync(PendingNextVersion pending, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pending);
        Move move = pending.Move ?? throw (pending.State == NextVersionState.UnknownTask
            ? PlatformException.NotFound(pending.Reason)
            : PlatformException.Refused(pending.Reason));
        TransactionOutcome outcome = await new MoveSender(chain).SendAsync(move, cancellationToken).ConfigureAwait(false);
        BigInteger id = platform.Registry.DecodeVersionRegisteredEvents(outcome.Receipt).Single().TokenId;
        return (id, outcome);
    }

    /// <summary>The lineage of <paramref name="tokenId"/>, newest first (<see cref="AssetLineage.ReadAsync"/>).</summary>
    /// <exception cref="PlatformException">No such asset.</exception>
    public async Task<IReadOnlyList<AssetVersion>> LineageAsync(BigInteger tokenId, CancellationToken cancellationToken = default)
    {
        await new AssetService(chain, platform).RequireAssetAsync(tokenId, cancellationToken).ConfigureAwait(false);
        return await AssetLineage.ReadAsync(platform.Registry, tokenId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AssetRegistry.Asset> RequireKindAsync(BigInteger tokenId, AssetKind kind, string what, CancellationToken cancellationToken)
    {
        await new AssetService(chain, platform).RequireAssetAsync(tokenId, cancellationToken).ConfigureAwait(false);
        var asset = await platform.Registry.AssetOfAsync(tokenId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (asset.Kind != (byte)kind)
        {
            throw PlatformException.BadInput($"{what} {tokenId} is a {((AssetKind)asset.Kind).ToString().ToLowerInvariant()}, not a {kind.ToString().ToLowerInvariant()}");
        }
        return asset;
    }
}
