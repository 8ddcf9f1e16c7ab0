using DaoPlatform.Ethereum.Abi;

namespace DaoPlatform.Protocol.Moves;

/// <summary>A move reverted: in the simulation on the pending block (nothing was sent) or once mined.</summary>
public sealed class MoveRevertedException : Exception
{
    /// <summary>Creates the error for <paramref name="move"/>, whose revert <paramref name="revert"/> names; <paramref name="transactionHash"/> when it was mined.</summary>
    public MoveRevertedException(Move move, DecodedRevert revert, string? transactionHash = null, Exception? innerException = null)
        : base(transactionHash is null
            ? $"{move?.Action} would revert with {revert?.Description}; nothing was sent"
            : $"{move?.Action}: transaction {transactionHash} reverted with {revert?.Description}", innerException)
    {
        ArgumentNullException.ThrowIfNull(move);
        ArgumentNullException.ThrowIfNull(revert);
        Move = move;
        Revert = revert;
        TransactionHash = transactionHash;
    }

    /// <summary>The move that reverted.</summary>
    public Move Move { get; }

    /// <summary>The revert, decoded by the move's decoder.</summary>
    public DecodedRevert Revert { get; }

    /// <summary>The mined transaction's hash, or null when the simulation reverted and nothing was sent.</summary>
    public string? TransactionHash { get; }
}
