using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.JsonRpc;

// In the namespace of the shared Devnet [SetUpFixture], so that it starts a devnet for these tests.
namespace DaoPlatform.Ethereum.IntegrationTests.Services;

/// <summary>Anvil controls the service tests need: time, mining, the pool.</summary>
internal static class DevnetChain
{
    public static async Task AdvanceAsync(EthRpcClient eth, long seconds)
    {
        await eth.Rpc.SendAsync(Ignored("evm_increaseTime", [seconds]));
        await eth.Rpc.SendAsync(Ignored("evm_mine", []));
    }

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

    private static RpcCall<bool> Ignored(string method, JsonArray parameters) => new(method, parameters, (_, _) => true);
}
