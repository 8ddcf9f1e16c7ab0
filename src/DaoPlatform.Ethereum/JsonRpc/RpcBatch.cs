using System.Text.Json;
using System.Text.Json.Nodes;

namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>
/// Calls sent together in one HTTP request by <see cref="JsonRpcClient.SendBatchAsync"/>. The node may
/// answer in any order; answers are matched to calls by id. A call the node answered with an error
/// keeps that error in its <see cref="RpcBatchItem{T}"/>; the other calls still succeed.
/// </summary>
public sealed class RpcBatch
{
    private readonly List<IRpcBatchEntry> _entries = [];

    /// <summary>The number of calls in the batch.</summary>
    public int Count => _entries.Count;

    internal IReadOnlyList<IRpcBatchEntry> Entries => _entries;

    /// <summary>Adds <paramref name="call"/>; its outcome is readable from the returned item once the batch was sent.</summary>
    public RpcBatchItem<T> Add<T>(RpcCall<T> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var item = new RpcBatchItem<T>(call);
        _entries.Add(item);
        return item;
    }
}

/// <summary>What the batch sender needs from an entry whatever its result type.</summary>
internal interface IRpcBatchEntry
{
    string Method { get; }

    JsonArray Parameters { get; }

    void Complete(JsonElement result);

    void Fail(RpcErrorException error);
}

/// <summary>The outcome of one call in an <see cref="RpcBatch"/>.</summary>
public sealed class RpcBatchItem<T> : IRpcBatchEntry
{
    private readonly RpcCall<T> _call;
    private T? _value;
    private RpcErrorException? _error;
    private bool _done;

    internal RpcBatchItem(RpcCall<T> call) => _call = call;

    /// <summary>The call's method.</summary>
    public string Method => _call.Method;

    JsonArray IRpcBatchEntry.Parameters => _call.Parameters;

    /// <summary>The error the node answered this call with, or null.</summary>
    public RpcErrorException? Error => _error;

    /// <summary>The result; throws the node's error for this call, or <see cref="InvalidOperationException"/> before the batch was sent.</summary>
    public T Value
    {
        get
        {
            if (!_done)
            {
                throw new InvalidOperationException($"The batch holding {Method} has not been sent.");
            }
            if (_error is not null)
            {
                throw _error;
            }
            return _value!;
        }
    }

    void IRpcBatchEntry.Complete(JsonElement result)
    {
        _value = _call.ReadResult(result);
        _done = true;
    }

    void IRpcBatchEntry.Fail(RpcErrorException error)
    {
        _error = error;
        _done = true;
    }
}
