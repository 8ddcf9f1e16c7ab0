using DaoPlatform.Ethereum.Abi;

namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>
/// The EVM reverted while the node executed a call or estimated gas. <see cref="Revert"/> holds the
/// revert payload decoded as <c>Error(string)</c>, <c>Panic(uint256)</c> or one of the custom errors
/// the client was given (see <see cref="JsonRpcClient"/>); <see cref="DecodeWith"/> decodes it
/// against other error ABIs.
/// </summary>
public sealed class ExecutionRevertedException : RpcErrorException
{
    /// <summary>Creates the exception from the node's error object and the decoded revert payload.</summary>
    public ExecutionRevertedException(string method, long code, string nodeMessage, string? dataJson, DecodedRevert revert)
        : base(method, code, nodeMessage, dataJson, $"{method} reverted: {DescribeOrNull(revert) ?? nodeMessage}")
    {
        ArgumentNullException.ThrowIfNull(revert);
        Revert = revert;
    }

    /// <summary>The decoded revert payload.</summary>
    public DecodedRevert Revert { get; }

    /// <summary>The raw revert payload; empty when the revert carried none.</summary>
    public byte[] RevertData => Revert.Data;

    /// <summary>Decodes the revert payload against <paramref name="decoder"/>'s errors.</summary>
    public DecodedRevert DecodeWith(RevertDecoder decoder)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        return decoder.Decode(Revert.Data);
    }

    // With no payload the node's own message ("execution reverted") says as much as we can.
    private static string? DescribeOrNull(DecodedRevert? revert) =>
        revert is null || revert.Kind == RevertKind.Empty ? null : revert.Description;
}
