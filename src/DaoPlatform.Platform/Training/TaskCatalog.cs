using System.Numerics;
using DaoPlatform.Protocol.Reads;

namespace DaoPlatform.Platform.Training;

/// <summary>
/// Every training task of the deployment, found from its <c>TaskCreated</c> events read in ranges of at most
/// <see cref="ReadOptions.MaxLogRange"/> blocks (public RPC providers cap <c>eth_getLogs</c>), with each task's state.
/// </summary>
public sealed class TaskCatalog(ChainConnection chain, PlatformContracts platform, ReadOptions? options = null)
{
    private readonly ReadOptions _options = options ?? new ReadOptions { StartBlock = platform.Addresses.DeploymentBlock };

    /// <summary>The ids of every task created up to the latest block, oldest first.</summary>
    public async Task<IReadOnlyList<BigInteger>> IdsAsync(CancellationToken cancellationToken = default)
    {
        ulong head = await chain.Eth.BlockNumberAsync(cancellationToken).ConfigureAwait(false);
        if (head < _options.StartBlock)
        {
            return [];
        }
        var created = await LogRanges.QueryAsync(_options.StartBlock, head, _options.MaxLogRange,
            (from, to) => platform.Tasks.QueryTaskCreatedEventsAsync(from, to, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. created.Select(l => l.Event.TaskId)];
    }

    /// <summary>Every task's status (config, state, entries), oldest first.</summary>
    public async Task<IReadOnlyList<TaskStatus>> AllAsync(CancellationToken cancellationToken = default)
    {
        var training = new TrainingService(chain, platform);
        var all = new List<TaskStatus>();
        foreach (BigInteger id in await IdsAsync(cancellationToken).ConfigureAwait(false))
        {
            all.Add(await training.StatusAsync(id, cancellationToken).ConfigureAwait(false));
        }
        return all;
    }
}
