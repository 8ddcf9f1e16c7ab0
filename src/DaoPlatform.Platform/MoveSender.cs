using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Sending;
using DaoPlatform.Protocol.Moves;

namespace DaoPlatform.Platform;

/// <summary>
/// Sends moves from the connection's key, one after the other: each is simulated on the pending block first (a move
/// that would revert is refused with its decoded error and nothing is sent), then sent and waited for; a mined
/// revert is decoded with the move's decoder.
/// </summary>
public sealed class MoveSender(ChainConnection chain)
{
    /// <summary>Sends <paramref name="move"/> and returns its outcome.</summary>
    /// <exception cref="PlatformException">The connection has no key.</exception>
    /// <exception cref="MoveRevertedException">The simulation or the mined transaction reverted.</exception>
    public async Task<TransactionOutcome> SendAsync(Move move, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(move);
        TransactionSender sender = chain.Sender ?? throw PlatformException.BadInput($"{move.Action} needs a signing key (--keystore or --private-key-env)");
        try
        {
            await chain.Eth.CallAsync(new CallRequest { From = sender.Address, To = move.To, Data = move.Data, Value = move.Value }, BlockTag.Pending, cancellationToken)
                .ConfigureAwait(false);
            TransactionReceipt receipt = await sender.SendAndWaitAsync(move.ToRequest(), cancellationToken).ConfigureAwait(false);
            return new TransactionOutcome(move.Action, receipt);
        }
        catch (ExecutionRevertedException e)
        {
            throw new MoveRevertedException(move, e.DecodeWith(move.Reverts), innerException: e);
        }
        catch (TransactionRevertedException e)
        {
            throw new MoveRevertedException(move, move.Reverts.Decode(e.Revert?.Data ?? []), e.Receipt.TransactionHash, e);
        }
    }

    /// <summary>Sends <paramref name="moves"/> in order (an approval before the call it allows), each simulated just before it is sent.</summary>
    /// <exception cref="MoveRevertedException">A move reverted; the moves before it were mined.</exception>
    public async Task<IReadOnlyList<TransactionOutcome>> SendAllAsync(IReadOnlyList<Move> moves, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(moves);
        var outcomes = new List<TransactionOutcome>(moves.Count);
        foreach (Move move in moves)
        {
            outcomes.Add(await SendAsync(move, cancellationToken).ConfigureAwait(false));
        }
        return outcomes;
    }
}
