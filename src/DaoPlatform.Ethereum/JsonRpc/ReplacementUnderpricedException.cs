namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>The node rejected a transaction because another one with the same nonce is pending and this one does not pay enough more to replace it.</summary>
/// <remarks>Every node's wording of this rejection maps here; see <see cref="NodeErrorWordings"/>.</remarks>
public sealed class ReplacementUnderpricedException : RpcErrorException
{
    /// <summary>Creates the exception from the node's error object.</summary>
    public ReplacementUnderpricedException(string method, long code, string nodeMessage, string? dataJson)
        : base(method, code, nodeMessage, dataJson)
    {
    }
}
