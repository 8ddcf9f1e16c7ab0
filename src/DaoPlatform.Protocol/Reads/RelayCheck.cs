using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Protocol.Moves;

namespace DaoPlatform.Protocol.Reads;

/// <summary>
/// The outcome of a relayer's check of a signed file (<see cref="SignedBallotCheck"/>, <see cref="SignedDelegationCheck"/>):
/// the move to send, or why it is refused (one line), or neither: it waits (a ballot for a proposal whose vote has not
/// started).
/// </summary>
public readonly record struct RelayCheck(Move? Move, string? Refusal)
{
    /// <summary>Neither sent nor refused: checked again later.</summary>
    public bool Waits => Move is null && Refusal is null;

    internal static RelayCheck Send(Move move) => new(move, null);

    internal static RelayCheck Wait() => default;

    internal static RelayCheck Refused(string reason) => new(null, reason);

    /// <summary>
    /// Simulates <paramref name="move"/> on the pending block without a sender (<c>castVoteBySig</c> and
    /// <c>delegateBySig</c> do not read it): <see cref="Send"/>, or refused with the decoded revert.
    /// </summary>
    internal static async Task<RelayCheck> SimulatedAsync(Move move, EthRpcClient rpc, CancellationToken cancellationToken)
    {
        string function = move.Action[(move.Action.IndexOf('.', StringComparison.Ordinal) + 1)..];
        try
        {
            await rpc.CallAsync(new CallRequest { To = move.To, Data = move.Data }, BlockTag.Pending, cancellationToken).ConfigureAwait(false);
            return Send(move);
        }
        catch (ExecutionRevertedException e)
        {
            DecodedRevert revert = e.DecodeWith(move.Reverts);
            return Refused($"{function} would revert with {revert}");
        }
    }
}
