namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>The node already holds this exact transaction (same hash) in its pool: it was sent before.</summary>
/// <remarks>Every node's wording of this rejection maps here; see <see cref="NodeErrorWordings"/>.</remarks>
public sealed class AlreadyKnownException : RpcErrorException
{
    /// <summary>Creates the exception from the node's error object.</summary>
    public AlreadyKnownException(string method, long code, string nodeMessage, string? dataJson)
        : base(method, code, nodeMessage, dataJson)
    {
    }
}
