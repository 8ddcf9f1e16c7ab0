namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>The transaction's gas limit is below its intrinsic gas (21,000 plus calldata, access list and creation costs), so no node will take it.</summary>
/// <remarks>Every node's wording of this rejection maps here; see <see cref="NodeErrorWordings"/>.</remarks>
public sealed class IntrinsicGasTooLowException : RpcErrorException
{
    /// <summary>Creates the exception from the node's error object.</summary>
    public IntrinsicGasTooLowException(string method, long code, string nodeMessage, string? dataJson)
        : base(method, code, nodeMessage, dataJson)
    {
    }
}
