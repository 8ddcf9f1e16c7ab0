using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.JsonRpc;

namespace DaoPlatform.Ethereum.Sending;

/// <summary>A transaction was mined but failed (receipt status 0). <see cref="RevertException.Revert"/> holds why, as replayed with <c>eth_call</c>.</summary>
public sealed class TransactionRevertedException : RevertException
{
    /// <summary>Creates the exception for <paramref name="receipt"/> with the decoded reason, if the replay produced one.</summary>
    public TransactionRevertedException(TransactionReceipt receipt, DecodedRevert? revert)
        : base($"Transaction {receipt?.TransactionHash} reverted in block {receipt?.BlockNumber}: {revert?.Description ?? "the replay did not revert, so the reason is unknown"}.", revert)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        Receipt = receipt;
    }

    /// <summary>The failed transaction's receipt.</summary>
    public TransactionReceipt Receipt { get; }
}
