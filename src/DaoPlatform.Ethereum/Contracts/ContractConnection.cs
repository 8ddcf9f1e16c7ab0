using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Sending;

namespace DaoPlatform.Ethereum.Contracts;

/// <summary>The node a binding reads from and, when it sends transactions, the sender it sends them with.</summary>
/// <param name="Rpc">The JSON-RPC client for eth_call and eth_getLogs.</param>
/// <param name="Sender">Signs and sends transactions and deployments; null for a read-only binding.</param>
public sealed record ContractConnection(EthRpcClient Rpc, TransactionSender? Sender = null)
{
    /// <summary>The sender, or an exception that says a read-only connection cannot <paramref name="action"/>.</summary>
    public TransactionSender RequireSender(string action) =>
        Sender ?? throw new InvalidOperationException($"Cannot {action}: the connection has no transaction sender (it is read-only).");
}
