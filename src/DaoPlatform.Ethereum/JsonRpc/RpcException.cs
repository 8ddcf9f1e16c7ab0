namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>
/// The base of every failure of a JSON-RPC exchange: the node could not be reached
/// (<see cref="RpcTransportException"/>), answered something that is not valid JSON-RPC
/// (<see cref="RpcProtocolException"/>), or answered with an error object (<see cref="RpcErrorException"/>).
/// </summary>
public abstract class RpcException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected RpcException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
