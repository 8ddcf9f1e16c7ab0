namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>
/// The node answered something that is not a valid JSON-RPC 2.0 response for the request, or a
/// result whose shape or encoding is wrong (for example a hex quantity with leading zeros). The
/// message names the method and the part of the answer that was wrong.
/// </summary>
public sealed class RpcProtocolException : RpcException
{
    /// <summary>Creates the exception.</summary>
    public RpcProtocolException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
