namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>The sender's balance does not cover the transaction's gas limit × fee cap plus its value (plus the L1 data fee on an OP chain).</summary>
/// <remarks>Every node's wording of this rejection maps here; see <see cref="NodeErrorWordings"/>.</remarks>
public sealed class InsufficientFundsException : RpcErrorException
{
    /// <summary>Creates the exception from the node's error object.</summary>
    public InsufficientFundsException(string method, long code, string nodeMessage, string? dataJson)
        : base(method, code, nodeMessage, dataJson)
    {
    }
}
