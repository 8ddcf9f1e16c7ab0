using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;

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

    /// <summary>The address a CREATE from <paramref name="sender"/> at <paramref name="nonce"/> deploys to: keccak256(rlp([sender, nonce]))[12..].</summary>
    public static Address CreateAddress(Address sender, ulong nonce)
    {
        byte[] nonceRlp = nonce == 0 ? [0x80] : nonce < 0x80 ? [(byte)nonce] : EncodeLong(nonce);
        var payload = new List<byte> { 0x94 };
        payload.AddRange(sender.Bytes.ToArray());
        payload.AddRange(nonceRlp);
        byte[] rlp = [(byte)(0xc0 + payload.Count), .. payload];
        return new Address(Keccak256.Hash(rlp).AsSpan(12));
    }

    private static byte[] EncodeLong(ulong value)
    {
        byte[] bytes = BitConverter.GetBytes(value).Reverse().SkipWhile(b => b == 0).ToArray();
        return [(byte)(0x80 + bytes.Length), .. bytes];
    }

    private static RpcCall<bool> Ignored(string method, JsonArray parameters) => new(method, parameters, (_, _) => true);
}
