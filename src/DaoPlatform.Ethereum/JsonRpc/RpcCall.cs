using System.Text.Json;
using System.Text.Json.Nodes;

namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>
/// One JSON-RPC request and how to read its result: the unit that <see cref="JsonRpcClient"/>
/// sends alone or in an <see cref="RpcBatch"/>. <see cref="EthCalls"/> builds the standard ones.
/// </summary>
/// <typeparam name="T">The type the result is read into.</typeparam>
public sealed class RpcCall<T>
{
    private readonly Func<JsonElement, string, T> _readResult;

    /// <summary>Creates a call of <paramref name="method"/> with positional <paramref name="parameters"/>.</summary>
    /// <param name="method">The JSON-RPC method name.</param>
    /// <param name="parameters">The positional parameters.</param>
    /// <param name="readResult">Reads the <c>result</c> member; gets the element and its path for error messages.</param>
    public RpcCall(string method, JsonArray parameters, Func<JsonElement, string, T> readResult)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(readResult);
        Method = method;
        Parameters = parameters;
        _readResult = readResult;
    }

    /// <summary>The JSON-RPC method name.</summary>
    public string Method { get; }

    /// <summary>The positional parameters.</summary>
    public JsonArray Parameters { get; }

    internal T ReadResult(JsonElement result) => _readResult(result, $"{Method} result");
}
