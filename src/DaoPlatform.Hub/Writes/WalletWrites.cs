using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Hub.Components.Wallet;
using DaoPlatform.Protocol.Moves;

namespace DaoPlatform.Hub.Writes;

/// <summary>How a write ended, in words for the page: done, refused by the user, refused before sending (a decoded revert), or failed.</summary>
public sealed record WriteOutcome(bool Done, string Message, string? TransactionHash = null, byte[]? Signature = null);

/// <summary>
/// Sends the protocol layer's moves from the user's wallet and asks it for the signatures the protocol layer
/// requests. A move is first simulated on the pending block by the hub's node (a revert is shown decoded and nothing
/// is asked of the wallet); then <c>eth_sendTransaction</c>, and the receipt is awaited from the node. The hub
/// builds no transaction of its own: what is sent is exactly the move's to, data and value.
/// </summary>
public sealed class WalletWrites(WalletSession wallet, EthRpcClient eth)
{
    private static readonly TimeSpan ReceiptTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Simulates, sends and awaits <paramref name="move"/>.</summary>
    public async Task<WriteOutcome> SendAsync(Move move, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(move);
        if (!wallet.Ready || wallet.Account is not { } from)
        {
            return new WriteOutcome(false, $"Connect a wallet on chain {wallet.PlatformChainId} first.");
        }
        try
        {
            await eth.CallAsync(new CallRequest { From = from, To = move.To, Data = move.Data, Value = move.Value }, BlockTag.Pending, cancellationToken);
        }
        catch (ExecutionRevertedException e)
        {
            return new WriteOutcome(false, $"Not sent: the chain would refuse it with {e.DecodeWith(move.Reverts).Description}.");
        }
        catch (RpcException e)
        {
            return new WriteOutcome(false, $"Not sent: the chain node did not answer ({e.Message}).");
        }
        var transaction = new JsonObject
        {
            ["from"] = from.ToChecksumString(),
            ["to"] = move.To.ToChecksumString(),
            ["data"] = HexConvert.Encode(move.Data),
            ["value"] = "0x" + move.Value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0').PadLeft(1, '0'),
        };
        if (move.GasLimit is { } gas)
        {
            transaction["gas"] = "0x" + gas.ToString("x", CultureInfo.InvariantCulture);
        }
        WalletAnswer answer = await wallet.RequestAsync("eth_sendTransaction", new object[] { transaction });
        if (answer.Refused)
        {
            return new WriteOutcome(false, "You declined in your wallet; nothing was sent.");
        }
        if (answer.Result is not { ValueKind: JsonValueKind.String } hashElement)
        {
            return new WriteOutcome(false, $"The wallet did not send it: {answer.Message}");
        }
        string hash = hashElement.GetString()!;
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); waited.Elapsed < ReceiptTimeout; await Task.Delay(250, cancellationToken))
        {
            if (await eth.GetTransactionReceiptAsync(hash, cancellationToken) is { } receipt)
            {
                return receipt.Succeeded
                    ? new WriteOutcome(true, $"Done: {move.Summary} (transaction {hash}, block {receipt.BlockNumber}).", hash)
                    : new WriteOutcome(false, $"The transaction {hash} reverted in block {receipt.BlockNumber}.", hash);
            }
        }
        return new WriteOutcome(false, $"Sent as {hash}, not mined within {ReceiptTimeout.TotalSeconds} s; the page updates when it is.", hash);
    }

    /// <summary>Asks the wallet to sign <paramref name="request"/> (<c>eth_signTypedData_v4</c>); the outcome carries the 65-byte signature.</summary>
    public async Task<WriteOutcome> SignAsync(SignatureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!wallet.Ready || wallet.Account is not { } signer)
        {
            return new WriteOutcome(false, $"Connect a wallet on chain {wallet.PlatformChainId} first.");
        }
        string typedData = TypedDataWire.ToJson(request.TypedData).ToJsonString();
        WalletAnswer answer = await wallet.RequestAsync("eth_signTypedData_v4", new object[] { signer.ToChecksumString(), typedData });
        if (answer.Refused)
        {
            return new WriteOutcome(false, "You declined in your wallet; nothing was signed.");
        }
        if (answer.Result is not { ValueKind: JsonValueKind.String } signature)
        {
            return new WriteOutcome(false, $"The wallet did not sign: {answer.Message}");
        }
        byte[] bytes = HexConvert.Decode(signature.GetString()!);
        var recovered = request.TypedData.RecoverSigner(DaoPlatform.Ethereum.Signing.Signature.FromBytes(bytes));
        return recovered == signer
            ? new WriteOutcome(true, $"Signed: {request.Summary}.", Signature: bytes)
            : new WriteOutcome(false, $"The wallet's signature is by {recovered}, not by {signer}: not kept.");
    }
}
