namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>The node rejected a transaction because its nonce was already used by the sender.</summary>
/// <remarks>Every node's wording of this rejection maps here; see <see cref="NodeErrorWordings"/>.</remarks>
public sealed class NonceTooLowException : RpcErrorException
{
    /// <summary>Creates the exception from the node's error object.</summary>
    public NonceTooLowException(string method, long code, string nodeMessage, string? dataJson)
        : base(method, code, nodeMessage, dataJson)
    {
    }
}
