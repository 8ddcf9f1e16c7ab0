using System.Numerics;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.Contracts;

/// <summary>
/// What the bindings need to send a transaction: an account that signs and submits it, then waits for the receipt.
/// An implementation reverted by the node (gas estimation) throws <see cref="ExecutionRevertedException"/>.
/// </summary>
public interface IContractSender
{
    /// <summary>The account transactions are sent from; also the <c>from</c> of the bindings' eth_calls.</summary>
    Address From { get; }

    /// <summary>
    /// Sends <paramref name="data"/> with <paramref name="value"/> wei to <paramref name="to"/> (null creates a
    /// contract) and returns the receipt once mined.
    /// </summary>
    Task<TransactionReceipt> SendAsync(Address? to, byte[] data, BigInteger value, CancellationToken cancellationToken);
}
