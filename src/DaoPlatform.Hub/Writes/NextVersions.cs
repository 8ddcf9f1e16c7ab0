using System.Numerics;
using DaoPlatform.Contracts.Registry;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Platform.Deployment;
using DaoPlatform.Protocol;
using DaoPlatform.Protocol.Moves;
using DaoPlatform.Protocol.Reads;

namespace DaoPlatform.Hub.Writes;

/// <summary>
/// What the registry holds about task <paramref name="TaskId"/>'s model version (docs/training-tasks.md §9.1): the
/// incumbent it names (zero: none), the winner that beat it (<paramref name="WinnerHash"/> all zeros: none, yet or at
/// all) with its <paramref name="Score"/>, and the winner's token once registered (zero until then). For a winner waiting
/// to be registered, <paramref name="Move"/> registers it, or <paramref name="Unavailable"/> says why the hub cannot
/// have its bytes.
/// </summary>
public sealed record NextVersionStatus(
    BigInteger TaskId, BigInteger Incumbent, byte[] WinnerHash, BigInteger Score, BigInteger Registered, Move? Move, string? Unavailable)
{
    /// <summary>Whether a winner beat the incumbent (<c>IncumbentBeaten</c>).</summary>
    public bool Beaten => WinnerHash.AsSpan().IndexOfAnyExcept((byte)0) >= 0;

    /// <summary>Whether the winner waits to be registered as the incumbent's next version.</summary>
    public bool Pending => Beaten && Registered.IsZero;
}

/// <summary>
/// Reads a task's next version from the registry (<c>taskAssetsOf</c>, <c>beatenBy</c>) and, while one waits to be
/// registered, the winner's bytes from the task's reveals through <see cref="RevealedDataReader"/> (the calldata the
/// auditors read; no reader of its own), checked against the hash the registry waits for. The move sent is
/// <see cref="RegistryMoves.RegisterNextVersion"/>, the one every front end sends.
/// </summary>
public sealed class NextVersions
{
    private readonly PlatformContracts _contracts;
    private readonly ReadOptions _options;
    private readonly TaskCreationBlocks _creations;

    /// <summary>Reads through <paramref name="eth"/> on <paramref name="deployment"/>.</summary>
    public NextVersions(EthRpcClient eth, DeploymentRecord deployment)
    {
        ArgumentNullException.ThrowIfNull(eth);
        ArgumentNullException.ThrowIfNull(deployment);
        _contracts = new PlatformContracts(new ContractConnection(eth), deployment.ToAddresses());
        _options = new ReadOptions { StartBlock = deployment.DeploymentBlock };
        _creations = new TaskCreationBlocks(_contracts, _options);
    }

    /// <summary>Task <paramref name="taskId"/>'s next version as of the latest block.</summary>
    /// <exception cref="RpcException">The chain node does not answer.</exception>
    public async Task<NextVersionStatus> ReadAsync(ulong taskId, CancellationToken cancellationToken = default)
    {
        AssetRegistry registry = _contracts.Registry;
        var id = new BigInteger(taskId);
        AssetRegistry.TaskAssets assets = await registry.TaskAssetsOfAsync(id, cancellationToken: cancellationToken).ConfigureAwait(false);
        AssetRegistry.BeatenBy beaten = await registry.BeatenByAsync(id, cancellationToken: cancellationToken).ConfigureAwait(false);
        var status = new NextVersionStatus(id, assets.IncumbentAsset, beaten.ModelHash, beaten.Score, beaten.TokenId, null, null);
        if (!status.Pending)
        {
            return status;
        }
        (byte[]? model, string? unavailable) = await WinnerBytesAsync(taskId, beaten.ModelHash, cancellationToken).ConfigureAwait(false);
        return model is null
            ? status with { Unavailable = unavailable }
            : status with { Move = RegistryMoves.RegisterNextVersion(registry.Address, taskId, model) };
    }

    /// <summary>The revealed model of the task whose keccak-256 is <paramref name="winnerHash"/>, or why there is none.</summary>
    private async Task<(byte[]? Model, string? Unavailable)> WinnerBytesAsync(ulong taskId, byte[] winnerHash, CancellationToken cancellationToken)
    {
        IReadOnlyList<RevealedModel> models;
        try
        {
            TaskSnapshot task = await new ChainReader(_contracts, _creations).ReadLatestAsync(taskId, cancellationToken).ConfigureAwait(false);
            models = await new RevealedDataReader(_contracts, _options).ReadModelsAsync(task, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ModelUnavailableException or InvalidDataException)
        {
            return (null, $"the hub cannot read the revealed models of task {taskId}: {e.Message}");
        }
        foreach (RevealedModel model in models)
        {
            if (Keccak256.Hash(model.Bytes).AsSpan().SequenceEqual(winnerHash))
            {
                return (model.Bytes, null);
            }
        }
        return (null,
            $"no model revealed on chain in task {taskId} has the winner's content hash {HexConvert.Encode(winnerHash)} " +
            "(a model committed without publication is kept off chain): whoever holds its bytes registers it");
    }
}
