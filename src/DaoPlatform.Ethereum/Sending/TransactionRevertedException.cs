using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.JsonRpc;

namespace DaoPlatform.Ethereum.Sending;

/// <summary>A transaction was mined but failed (receipt status 0). <see cref="Revert"/> holds why, as replayed with <c>eth_call</c>.</summary>
public sealed class TransactionRevertedException : Exception
{
    /// <summary>Creates the exception for <paramref name="receipt"/> with the decoded reason, if the replay produced one.</summary>
    public TransactionRevertedException(TransactionReceipt receipt, DecodedRevert? revert)
        : base($"Transaction {receipt?.TransactionHash} reverted in block {receipt?.BlockNumber}: {revert?.Description ?? "the replay did not revert, so the reason is unknown"}.")
    {
        ArgumentNullException.ThrowIfNull(receipt);
        Receipt = receipt;
        Revert = revert;
    }

    /// <summary>The failed transaction's receipt.</summary>
    public TransactionReceipt Receipt { get; }

    /// <summary>The decoded revert reason, or null when replaying the call did not revert.</summary>
    public DecodedRevert? Revert { get; }
}
