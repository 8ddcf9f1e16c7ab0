using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Keystore;
using DaoPlatform.Ethereum.Sending;
using DaoPlatform.Platform;
using DaoPlatform.Protocol.Moves;

namespace DaoPlatform.Cli.Infrastructure;

/// <summary>
/// The one place where exceptions become what the user sees: a single line naming the problem and an exit code
/// (<see cref="ExitCodes"/>). No stack trace ever reaches the console.
/// </summary>
public static class ErrorMapper
{
    /// <summary>The exit code and one-line message for <paramref name="exception"/>.</summary>
    public static (int ExitCode, string Message) Map(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        (int code, string message) = exception switch
        {
            DaoPlatform.Services.Hosting.NodeStartException e => (e.ExitCode, e.Message),
            Evaluation.Backends.Gpu.GpuUnavailableException e => (ExitCodes.DeviceUnavailable, $"--device gpu: no usable CUDA GPU here ({e.Message.TrimEnd('.')}); use --device cpu or auto"),
            PlatformException { Kind: PlatformErrorKind.NotFound } e => (ExitCodes.NotFound, e.Message),
            PlatformException { Kind: PlatformErrorKind.Refused } e => (ExitCodes.Refused, e.Message),
            PlatformException { Kind: PlatformErrorKind.Unavailable } e => (ExitCodes.ChainError, e.Message),
            PlatformException e => (ExitCodes.BadInput, e.Message),
            KeystoreException e when e.Message.Contains("MAC mismatch", StringComparison.Ordinal) => (ExitCodes.BadInput, "wrong password for the keystore (its MAC does not match)"),
            KeystoreException e => (ExitCodes.BadInput, e.Message),
            ContractRevertException e => (ExitCodes.Reverted, e.Message),
            MoveRevertedException e => (ExitCodes.Reverted, e.Message),
            FeeCapExceededException e => (ExitCodes.ChainError,
                $"transaction {e.TransactionHashes[^1]} is not mined and the next fee bump would pass the fee cap of {e.Cap} wei/gas; it may still be mined: check it before sending again, or raise --max-fee-per-gas"),
            TransactionRevertedException e => (ExitCodes.Reverted, $"transaction {e.Receipt.TransactionHash} reverted: {e.Revert?.Description ?? "no reason"}"),
            ExecutionRevertedException e => (ExitCodes.Reverted, $"the call would revert: {e.Revert.Description}"),
            RpcTransportException e => (ExitCodes.ChainError, $"cannot reach the node at {e.Url}: {Innermost(e).Message}"),
            InsufficientFundsException e => (ExitCodes.ChainError, $"the account has too little ETH for this transaction's gas and value (the node says: {e.NodeMessage})"),
            RpcException e => (ExitCodes.ChainError, $"the node answered with an error: {e.Message}"),
            HttpRequestException e => (ExitCodes.ChainError, $"cannot reach the node: {e.Message}"),
            TimeoutException e => (ExitCodes.ChainError, e.Message),
            OperationCanceledException => (ExitCodes.ChainError, "cancelled"),
            AbiException e => (ExitCodes.BadInput, e.Message),
            FormatException e => (ExitCodes.BadInput, e.Message),
            ArgumentException e => (ExitCodes.BadInput, e.Message),
            IOException e => (ExitCodes.BadInput, e.Message),
            UnauthorizedAccessException e => (ExitCodes.BadInput, e.Message),
            _ => (ExitCodes.Internal, $"internal error ({exception.GetType().Name}): {exception.Message}"),
        };
        return (code, OneLine(message));
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return e;
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
