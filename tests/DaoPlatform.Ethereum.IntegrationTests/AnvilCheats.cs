using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.IntegrationTests;

/// <summary>The anvil-only methods a few tests need to arrange chain state (code, impersonation, a pending pool).</summary>
internal static class AnvilCheats
{
    /// <summary>
    /// Runs <paramref name="act"/> with mining on each transaction off, so that what it sends waits in the pool,
    /// then turns mining back on (also when it fails) and mines one block with the pool's transactions.
    /// </summary>
    public static async Task WithPendingPoolAsync(EthRpcClient eth, Func<Task> act)
    {
        await eth.Rpc.SendAsync(Ignored("evm_setAutomine", [false]));
        try
        {
            await act();
        }
        finally
        {
            await eth.Rpc.SendAsync(Ignored("evm_setAutomine", [true]));
        }
        await eth.Rpc.SendAsync(Ignored("evm_mine", []));
    }

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
