using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Sending;
using DaoPlatform.Protocol.Moves;

namespace DaoPlatform.Platform;

/// <summary>
/// Sends moves from the connection's key through its <see cref="TransactionManager"/>, the same manager the node's
/// roles send through: each move is simulated on the pending block (one that would revert is refused with its decoded
/// error and nothing is sent), signed, shown to the connection's confirmation hook, sent, resubmitted with a fee bump
/// under the same nonce while it is not mined, and waited for to the configured confirmations. A mined revert is
/// decoded with the move's decoder.
/// </summary>
public sealed class MoveSender(ChainConnection chain)
{
    /// <summary>Sends <paramref name="move"/> and returns its outcome.</summary>
    /// <exception cref="PlatformException">The connection has no key.</exception>
    /// <exception cref="MoveRevertedException">The simulation or the mined transaction reverted.</exception>
    /// <exception cref="FeeCapExceededException">Not mined, and the next fee bump would pass the configured cap; the last submission may still be mined.</exception>
    public Task<TransactionOutcome> SendAsync(Move move, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(move);
        return SendAsync([move], 0, cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="moves"/> in order (an approval before the call it allows, chunks one after the other), each
    /// simulated just before it is sent, since each may depend on the one before; <paramref name="progress"/> hears the
    /// index of each one mined.
    /// </summary>
    /// <exception cref="PlatformException">The connection has no key.</exception>
    /// <exception cref="MoveRevertedException">A move reverted; the moves before it were mined.</exception>
    public async Task<IReadOnlyList<TransactionOutcome>> SendAllAsync(
        IReadOnlyList<Move> moves, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(moves);
        var outcomes = new List<TransactionOutcome>(moves.Count);
        for (int i = 0; i < moves.Count; i++)
        {
            outcomes.Add(await SendAsync(moves, i, cancellationToken).ConfigureAwait(false));
            progress?.Report(i);
        }
        return outcomes;
    }

    /// <summary>As <see cref="SendAllAsync(IReadOnlyList{Move}, IProgress{int}?, CancellationToken)"/> without progress.</summary>
    public Task<IReadOnlyList<TransactionOutcome>> SendAllAsync(IReadOnlyList<Move> moves, CancellationToken cancellationToken) =>
        SendAllAsync(moves, null, cancellationToken);

    private async Task<TransactionOutcome> SendAsync(IReadOnlyList<Move> plan, int index, CancellationToken cancellationToken)
    {
        Move move = plan[index];
        TransactionManager manager = chain.Manager
            ?? throw PlatformException.BadInput($"{move.Action} needs a signing key: pass --account (a keystore) and its password");
        chain.Observer?.Sending(plan, index);
        try
        {
            TransactionReceipt receipt = await manager.SendAsync(move.ToRequest(), move.Reverts, cancellationToken).ConfigureAwait(false);
            return new TransactionOutcome(move.Action, receipt);
        }
        catch (SimulationRevertedException e)
        {
            throw new MoveRevertedException(move, e.Revert, innerException: e);
        }
        catch (TransactionRevertedException e)
        {
            throw new MoveRevertedException(move, e.Revert ?? move.Reverts.Decode([]), e.Receipt.TransactionHash, e);
        }
    }
}
