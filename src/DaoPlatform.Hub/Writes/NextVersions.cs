using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Platform.Deployment;
using DaoPlatform.Protocol;
using DaoPlatform.Protocol.Reads;

namespace DaoPlatform.Hub.Writes;

/// <summary>
/// Reads a task's next version for the task page through <see cref="PendingNextVersion.ReadAsync"/>, the read the CLI's
/// <c>asset next-version</c> makes too: the incumbent, the winner that beat it, and the move that registers it (by its
/// bytes for a small task, by its commitment for a large one) or why none can be sent.
/// </summary>
public sealed class NextVersions
{
    private readonly PlatformContracts _contracts;
    private readonly ReadOptions _options;

    /// <summary>Reads through <paramref name="eth"/> on <paramref name="deployment"/>.</summary>
    public NextVersions(EthRpcClient eth, DeploymentRecord deployment)
    {
        ArgumentNullException.ThrowIfNull(eth);
        ArgumentNullException.ThrowIfNull(deployment);
        _contracts = new PlatformContracts(new ContractConnection(eth), deployment.ToAddresses());
        _options = new ReadOptions { StartBlock = deployment.DeploymentBlock };
    }

    /// <summary>Task <paramref name="taskId"/>'s next version as of the latest block.</summary>
    /// <exception cref="RpcException">The chain node does not answer.</exception>
    public Task<PendingNextVersion> ReadAsync(ulong taskId, CancellationToken cancellationToken = default) =>
        PendingNextVersion.ReadAsync(_contracts, _options, taskId, model: null, cancellationToken);
}
