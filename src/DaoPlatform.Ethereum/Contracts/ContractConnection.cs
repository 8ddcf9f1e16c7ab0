using DaoPlatform.Ethereum.JsonRpc;

namespace DaoPlatform.Ethereum.Contracts;

/// <summary>The node a binding reads from and, when it sends transactions, the account it sends from.</summary>
/// <param name="Rpc">The JSON-RPC client for eth_call and eth_getLogs.</param>
/// <param name="Sender">The account for transactions and deployments; null for a read-only binding.</param>
public sealed record ContractConnection(EthRpcClient Rpc, IContractSender? Sender = null)
{
    /// <summary>The sender, or an exception that says a read-only connection cannot send.</summary>
    public IContractSender RequireSender(string action) =>
        Sender ?? throw new InvalidOperationException($"Cannot {action}: the connection has no sender (it is read-only).");
}
