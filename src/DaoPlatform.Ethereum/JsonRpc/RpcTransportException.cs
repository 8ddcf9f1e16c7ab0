namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>The node at <see cref="Url"/> could not be reached, timed out, or answered with a non-JSON-RPC HTTP failure.</summary>
public sealed class RpcTransportException : RpcException
{
    /// <summary>Creates the exception for the node at <paramref name="url"/>.</summary>
    public RpcTransportException(Uri url, string message, Exception? innerException = null)
        : base($"JSON-RPC transport to {url}: {message}", innerException)
    {
        Url = url;
    }

    /// <summary>The URL of the node that failed.</summary>
    public Uri Url { get; }
}
