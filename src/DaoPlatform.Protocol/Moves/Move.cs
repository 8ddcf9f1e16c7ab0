using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Sending;

namespace DaoPlatform.Protocol.Moves;

/// <summary>
/// One platform action as a transaction request that any signer can carry (a CLI key, a node role, a hub wallet):
/// what to call, with what, and how to read it. Built by the pure builders of this namespace from the bindings'
/// <c>EncodeXCall</c> methods, so the CLI and the node send byte-identical transactions for the same move.
/// </summary>
/// <param name="Action">The contract function called, e.g. <c>OptimisticVerifier.postResult</c>.</param>
/// <param name="To">The contract called.</param>
/// <param name="Data">The calldata (selector and ABI-encoded arguments).</param>
/// <param name="Value">The wei sent with the call.</param>
/// <param name="Summary">What the move does, for a person: amounts in ETH or token units, dates in UTC, e.g.
/// "post the result of task 3 (winner model 0) with a bond of 0.1 ETH".</param>
public sealed record Move(string Action, Address To, byte[] Data, BigInteger Value, string Summary)
{
    /// <summary>The gas limit to send instead of an estimate (null: estimate), for calls whose estimate can fall short.</summary>
    public ulong? GasLimit { get; init; }

    /// <summary>Names the revert of this move, whichever platform or OpenZeppelin contract raises it.</summary>
    public RevertDecoder Reverts { get; init; } = PlatformErrors.Decoder;

    /// <summary>The request a <see cref="TransactionSender"/> (or the transaction manager) sends; fees are left to it.</summary>
    public TransactionRequest ToRequest() => new() { To = To, Data = Data, Value = Value, GasLimit = GasLimit };

    /// <inheritdoc/>
    public override string ToString() => $"{Action}: {Summary}";
}
