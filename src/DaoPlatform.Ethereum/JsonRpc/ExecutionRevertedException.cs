using DaoPlatform.Ethereum.Hex;

namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>
/// The EVM reverted while the node executed a call or estimated gas. <see cref="RevertData"/>
/// holds the raw revert payload (an <c>Error(string)</c>, a <c>Panic(uint256)</c>, a custom
/// error or nothing) for the ABI layer to decode.
/// </summary>
public sealed class ExecutionRevertedException : RpcErrorException
{
    /// <summary>Creates the exception from the node's error object and the revert payload it carried.</summary>
    public ExecutionRevertedException(string method, long code, string nodeMessage, string? dataJson, byte[] revertData)
        : base(method, code, nodeMessage, dataJson,
            $"{method} reverted (JSON-RPC error {code}: {nodeMessage}); revert data {HexConvert.Encode(revertData)}")
    {
        RevertData = revertData;
    }

    /// <summary>The revert payload returned by the EVM; empty when the revert carried none.</summary>
    public byte[] RevertData { get; }
}
