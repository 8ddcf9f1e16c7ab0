using DaoPlatform.Ethereum.JsonRpc;

namespace DaoPlatform.Platform;

/// <summary>A mined transaction of a platform action: what it did (<paramref name="Step"/>) and its receipt.</summary>
/// <param name="Step">The contract call, e.g. <c>Governor.castVote</c>.</param>
/// <param name="Receipt">The successful receipt (gas used, block, hash).</param>
public sealed record TransactionOutcome(string Step, TransactionReceipt Receipt)
{
    /// <summary>Gas used by the transaction.</summary>
    public ulong GasUsed => Receipt.GasUsed;

    /// <summary>The transaction hash.</summary>
    public string Hash => Receipt.TransactionHash;
}
