using System.Numerics;
using System.Text.Json;

namespace DaoPlatform.Ethereum.JsonRpc;

/// <summary>
/// The answer of <c>eth_feeHistory</c>: base fees of the requested blocks plus the next one,
/// gas-used ratios, and per block the priority fees at the requested percentiles.
/// </summary>
public sealed record FeeHistory(
    ulong OldestBlock,
    IReadOnlyList<BigInteger> BaseFeePerGas,
    IReadOnlyList<double> GasUsedRatio,
    IReadOnlyList<IReadOnlyList<BigInteger>> Reward)
{
    /// <summary>The base fee of the block after the newest one in the range.</summary>
    public BigInteger NextBaseFee => BaseFeePerGas.Count > 0 ? BaseFeePerGas[^1] : BigInteger.Zero;

    internal static FeeHistory Read(JsonElement history, string path, int percentileCount)
    {
        JsonElement baseFees = RpcJson.Required(history, "baseFeePerGas", path);
        RpcJson.RequireArray(baseFees, $"{path}.baseFeePerGas");
        var baseFeeList = new List<BigInteger>();
        foreach (JsonElement fee in baseFees.EnumerateArray())
        {
            baseFeeList.Add(RpcJson.ReadQuantity(fee, $"{path}.baseFeePerGas[{baseFeeList.Count}]"));
        }
        JsonElement ratios = RpcJson.Required(history, "gasUsedRatio", path);
        RpcJson.RequireArray(ratios, $"{path}.gasUsedRatio");
        var ratioList = new List<double>();
        foreach (JsonElement ratio in ratios.EnumerateArray())
        {
            if (ratio.ValueKind != JsonValueKind.Number)
            {
                throw new RpcProtocolException($"{path}.gasUsedRatio[{ratioList.Count}]: expected a number, got {ratio.ValueKind}.");
            }
            ratioList.Add(ratio.GetDouble());
        }
        if (baseFeeList.Count != ratioList.Count + 1)
        {
            throw new RpcProtocolException($"{path}: {baseFeeList.Count} base fees for {ratioList.Count} blocks; expected one more base fee than blocks.");
        }
        var rewardList = new List<IReadOnlyList<BigInteger>>();
        if (RpcJson.Optional(history, "reward", path) is JsonElement rewards)
        {
            RpcJson.RequireArray(rewards, $"{path}.reward");
            foreach (JsonElement block in rewards.EnumerateArray())
            {
                string blockPath = $"{path}.reward[{rewardList.Count}]";
                RpcJson.RequireArray(block, blockPath);
                var tips = new List<BigInteger>();
                foreach (JsonElement tip in block.EnumerateArray())
                {
                    tips.Add(RpcJson.ReadQuantity(tip, $"{blockPath}[{tips.Count}]"));
                }
                if (tips.Count != percentileCount)
                {
                    throw new RpcProtocolException($"{blockPath}: {tips.Count} rewards for {percentileCount} requested percentiles.");
                }
                rewardList.Add(tips);
            }
        }
        return new FeeHistory(
            RpcJson.ReadUInt64(RpcJson.Required(history, "oldestBlock", path), $"{path}.oldestBlock"),
            baseFeeList,
            ratioList,
            rewardList);
    }
}
