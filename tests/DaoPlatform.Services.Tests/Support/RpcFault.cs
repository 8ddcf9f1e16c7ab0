namespace DaoPlatform.Services.Tests.Support;

/// <summary>What <see cref="FaultyRpcProxy"/> does to a request instead of forwarding it faithfully.</summary>
public enum RpcFault
{
    /// <summary>Answers a JSON-RPC error object (code <see cref="FaultyRpcProxy.ErrorCode"/>) without forwarding.</summary>
    Error,

    /// <summary>Holds the request for <see cref="FaultyRpcProxy.TimeoutDelay"/>, then drops the connection unanswered.</summary>
    Timeout,

    /// <summary>Answers HTTP 200 with a body that is not valid JSON.</summary>
    MalformedJson,

    /// <summary><c>eth_getTransactionReceipt</c> only: forwards, then rewrites the receipt's transactionHash to another hash.</summary>
    ForeignReceipt,

    /// <summary><c>eth_getLogs</c> only: forwards, then adds a log from a block past the requested range.</summary>
    LogOutsideRange,
}
