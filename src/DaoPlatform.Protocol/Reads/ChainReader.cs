using System.Numerics;
using DaoPlatform.Ethereum.JsonRpc;

namespace DaoPlatform.Protocol.Reads;

/// <summary>Reads <see cref="TaskSnapshot"/>s: every value of one snapshot comes from the same block.</summary>
public sealed class ChainReader
{
    private readonly PlatformContracts _contracts;

    /// <summary>Reads through <paramref name="contracts"/>.</summary>
    public ChainReader(PlatformContracts contracts)
    {
        _contracts = contracts;
    }

    /// <summary>The latest block's header.</summary>
    /// <exception cref="InvalidDataException">The node returned no latest block.</exception>
    public async Task<BlockHeader> LatestAsync(CancellationToken cancellationToken)
    {
        return await _contracts.Eth.GetBlockByNumberAsync(BlockTag.Latest, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException("eth_getBlockByNumber(latest) returned null");
    }

    /// <summary>Task <paramref name="taskId"/> as of <paramref name="block"/>.</summary>
    public async Task<TaskSnapshot> ReadAsync(ulong taskId, BlockHeader block, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(block);
        var id = new BigInteger(taskId);
        var config = await _contracts.Tasks.TaskConfigAsync(id, block.Number, cancellationToken).ConfigureAwait(false);
        var state = await _contracts.Tasks.TaskStateAsync(id, block.Number, cancellationToken).ConfigureAwait(false);
        var evaluationDeadline = await _contracts.Tasks.EvaluationDeadlineAsync(id, block.Number, cancellationToken).ConfigureAwait(false);
        var claim = await _contracts.Verifier.ClaimsAsync(id, block.Number, cancellationToken).ConfigureAwait(false);
        var game = await _contracts.Verifier.GamesAsync(id, block.Number, cancellationToken).ConfigureAwait(false);
        return new TaskSnapshot(taskId, config, state, (ulong)evaluationDeadline, claim, game, block.Number, block.Timestamp);
    }

    /// <summary>Task <paramref name="taskId"/> as of the latest block.</summary>
    public async Task<TaskSnapshot> ReadLatestAsync(ulong taskId, CancellationToken cancellationToken) =>
        await ReadAsync(taskId, await LatestAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
}
