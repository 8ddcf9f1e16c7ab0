namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>The node answered a request with a JSON-RPC error object.</summary>
public class RpcErrorException : RpcException
{
    /// <summary>Creates the exception from the error object the node returned for <paramref name="method"/>.</summary>
    public RpcErrorException(string method, long code, string nodeMessage, string? dataJson)
        : base($"{method} failed with JSON-RPC error {code}: {nodeMessage}")
    {
        Method = method;
        Code = code;
        NodeMessage = nodeMessage;
        DataJson = dataJson;
    }

    /// <summary>Creates the exception with a message of the subclass's choosing.</summary>
    protected RpcErrorException(string method, long code, string nodeMessage, string? dataJson, string message)
        : base(message)
    {
        Method = method;
        Code = code;
        NodeMessage = nodeMessage;
        DataJson = dataJson;
    }

    /// <summary>The JSON-RPC method that failed.</summary>
    public string Method { get; }

    /// <summary>The error code the node returned.</summary>
    public long Code { get; }

    /// <summary>The error message, exactly as the node wrote it.</summary>
    public string NodeMessage { get; }

    /// <summary>The raw JSON of the error's <c>data</c> member, or null when there was none.</summary>
    public string? DataJson { get; }
}
