using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.IntegrationTests;

/// <summary>The anvil-only methods tests need to arrange chain state (time, mining, the pool, code, impersonation).</summary>
internal static class AnvilCheats
{
    /// <summary>
    /// Runs <paramref name="act"/> with mining on each transaction off, so that what it sends waits in the pool,
    /// then turns mining back on (also when it fails) and mines one block with the pool's transactions.
    /// </summary>
    public static async Task WithPendingPoolAsync(EthRpcClient eth, Func<Task> act)
    {
        await SetAutomineAsync(eth, false);
        try
        {
            await act();
        }
        finally
        {
            await SetAutomineAsync(eth, true);
        }
        await MineAsync(eth);
    }

    /// <summary>Moves the chain's clock forward by <paramref name="seconds"/> and mines a block at the new time.</summary>
    public static async Task AdvanceAsync(EthRpcClient eth, long seconds)
    {
        await eth.Rpc.SendAsync(Ignored("evm_increaseTime", [seconds]));
        await MineAsync(eth);
    }

    /// <summary>Mines a block at <paramref name="timestamp"/> (seconds) when the chain is not already past it.</summary>
    public static async Task AdvanceToAsync(EthRpcClient eth, ulong timestamp)
    {
        BlockHeader latest = (await eth.GetBlockByNumberAsync(BlockTag.Latest))!;
        if (timestamp > latest.Timestamp)
        {
            await AdvanceAsync(eth, (long)(timestamp - latest.Timestamp));
        }
    }

    public static Task SetAutomineAsync(EthRpcClient eth, bool on) => eth.Rpc.SendAsync(Ignored("evm_setAutomine", [on]));

    public static Task MineAsync(EthRpcClient eth) => eth.Rpc.SendAsync(Ignored("evm_mine", []));

    public static Task DropTransactionAsync(EthRpcClient eth, string hash) => eth.Rpc.SendAsync(Ignored("anvil_dropTransaction", [hash]));

    public static Task SetCodeAsync(EthRpcClient eth, Address account, byte[] code) =>
        eth.Rpc.SendAsync(Ignored("anvil_setCode", [account.ToLowerHex(), HexConvert.Encode(code)]));

    /// <summary>Sends a transaction from <paramref name="from"/> without its key (impersonated, funded) and waits for the receipt.</summary>
    public static async Task<TransactionReceipt> SendAsAsync(EthRpcClient eth, Address from, Address to, byte[] data)
    {
        await eth.Rpc.SendAsync(Ignored("anvil_impersonateAccount", [from.ToLowerHex()]));
        try
        {
            await eth.Rpc.SendAsync(Ignored("anvil_setBalance", [from.ToLowerHex(), "0xde0b6b3a7640000"]));
            var transaction = new JsonObject { ["from"] = from.ToLowerHex(), ["to"] = to.ToLowerHex(), ["input"] = HexConvert.Encode(data) };
            string hash = await eth.Rpc.SendAsync(new RpcCall<string>("eth_sendTransaction", [transaction], (e, _) => e.GetString()!));
            for (int attempt = 0; attempt < 100; attempt++)
            {
                if (await eth.GetTransactionReceiptAsync(hash) is TransactionReceipt receipt)
                {
                    return receipt;
                }
                await Task.Delay(50);
            }
            throw new TimeoutException($"Impersonated transaction {hash} was not mined.");
        }
        finally
        {
            await eth.Rpc.SendAsync(Ignored("anvil_stopImpersonatingAccount", [from.ToLowerHex()]));
        }
    }

    private static RpcCall<bool> Ignored(string method, JsonArray parameters) => new(method, parameters, (_, _) => true);
}
