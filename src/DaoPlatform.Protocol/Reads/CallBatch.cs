using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Protocol.Reads;

/// <summary>Decodes a function's return data into its typed value (the bindings' <c>Decode…Output</c> methods).</summary>
public delegate T OutputDecoder<out T>(ReadOnlySpan<byte> returnData);

/// <summary>
/// Typed eth_calls of the platform's contracts, all at one block, sent as one JSON-RPC batch (one HTTP request):
/// a reader adds each call as the binding's calldata (<c>Encode…Call</c>) and return-data decoder
/// (<c>Decode…Output</c>), sends the batch, then reads the values. A call that reverted throws, when its value is
/// read, the contract's typed error, as the binding's own <c>…Async</c> method would.
/// </summary>
public sealed class CallBatch
{
    private readonly RpcBatch _batch = new();
    private readonly BlockTag _block;

    /// <summary>A batch of calls at block <paramref name="blockNumber"/>.</summary>
    public CallBatch(ulong blockNumber) => _block = BlockTag.Number(blockNumber);

    /// <summary>The number of calls added.</summary>
    public int Count => _batch.Count;

    /// <summary>Adds the call <paramref name="callData"/> of <paramref name="definition"/>'s contract at <paramref name="to"/>.</summary>
    public BatchedCall<T> Add<T>(Address to, ContractDefinition definition, byte[] callData, OutputDecoder<T> decode)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(callData);
        ArgumentNullException.ThrowIfNull(decode);
        RpcBatchItem<byte[]> item = _batch.Add(EthCalls.Call(new CallRequest { To = to, Data = callData }, _block));
        return new BatchedCall<T>(item, to, definition, decode);
    }

    /// <summary>Sends every call added in one request to <paramref name="rpc"/>.</summary>
    /// <exception cref="RpcTransportException">The node could not be reached.</exception>
    /// <exception cref="RpcProtocolException">The answer is not a valid batch answer.</exception>
    /// <exception cref="RpcErrorException">The node rejected the batch as a whole.</exception>
    public Task SendAsync(JsonRpcClient rpc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        return rpc.SendBatchAsync(_batch, cancellationToken);
    }
}

/// <summary>One call of a <see cref="CallBatch"/>: its typed value once the batch was sent.</summary>
public sealed class BatchedCall<T>
{
    private readonly RpcBatchItem<byte[]> _item;
    private readonly Address _to;
    private readonly ContractDefinition _definition;
    private readonly OutputDecoder<T> _decode;

    internal BatchedCall(RpcBatchItem<byte[]> item, Address to, ContractDefinition definition, OutputDecoder<T> decode)
    {
        _item = item;
        _to = to;
        _definition = definition;
        _decode = decode;
    }

    /// <summary>The decoded return value.</summary>
    /// <exception cref="ContractRevertException">The call reverted: the contract's typed error when it declares one.</exception>
    /// <exception cref="RpcErrorException">The node answered this call with another error.</exception>
    /// <exception cref="InvalidOperationException">No contract answered at <c>to</c> (empty return data), or the batch was not sent.</exception>
    /// <exception cref="Ethereum.Abi.AbiException">The return data is malformed.</exception>
    public T Value
    {
        get
        {
            if (_item.Error is ExecutionRevertedException reverted)
            {
                throw _definition.CreateRevertException(reverted.RevertData, reverted);
            }
            byte[] data = _item.Value;
            return data.Length == 0
                ? throw new InvalidOperationException($"eth_call of {_definition.ContractName} at {_to} returned no data: no contract is deployed there (at that block).")
                : _decode(data);
        }
    }
}
