using System.Numerics;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>The transaction-like object of <c>eth_call</c> and <c>eth_estimateGas</c>; absent members are left to the node.</summary>
public sealed record CallRequest
{
    /// <summary>The sender; the zero address when absent.</summary>
    public Address? From { get; init; }

    /// <summary>The recipient; absent for contract creation.</summary>
    public Address? To { get; init; }

    /// <summary>The calldata, or the init code for contract creation.</summary>
    public byte[]? Data { get; init; }

    /// <summary>The wei sent with the call.</summary>
    public BigInteger? Value { get; init; }

    /// <summary>The gas limit.</summary>
    public ulong? Gas { get; init; }

    /// <summary>The EIP-1559 fee cap per gas.</summary>
    public BigInteger? MaxFeePerGas { get; init; }

    /// <summary>The EIP-1559 priority fee per gas.</summary>
    public BigInteger? MaxPriorityFeePerGas { get; init; }

    internal JsonObject ToJson()
    {
        var json = new JsonObject();
        if (From is Address from)
        {
            json["from"] = from.ToLowerHex();
        }
        if (To is Address to)
        {
            json["to"] = to.ToLowerHex();
        }
        if (Data is not null)
        {
            json["input"] = HexConvert.Encode(Data);
        }
        if (Value is BigInteger value)
        {
            json["value"] = RpcJson.FormatQuantity(value);
        }
        if (Gas is ulong gas)
        {
            json["gas"] = RpcJson.FormatQuantity(gas);
        }
        if (MaxFeePerGas is BigInteger maxFee)
        {
            json["maxFeePerGas"] = RpcJson.FormatQuantity(maxFee);
        }
        if (MaxPriorityFeePerGas is BigInteger tip)
        {
            json["maxPriorityFeePerGas"] = RpcJson.FormatQuantity(tip);
        }
        return json;
    }
}
