using System.Numerics;
using DaoPlatform.Contracts.OpenZeppelin;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Protocol.Moves;

/// <summary>
/// Describes a call a proposal or a vault transaction will make, for its summary: a plain transfer as
/// "transfer 5 ETH from the treasury to 0x…", a call by the name of the platform function its selector names.
/// </summary>
public static class CallDescriptions
{
    private static readonly Lazy<ContractAbi[]> s_abis = new(() =>
    [
        .. new[]
        {
            DaoToken.AbiJson, DaoTimelock.AbiJson, DaoGovernor.AbiJson, MultisigVault.AbiJson, AssetRegistry.AbiJson,
            StreamVault.AbiJson, RevenueSplitter.AbiJson, TrainingTasks.AbiJson, OptimisticVerifier.AbiJson, ModelAvailability.AbiJson, Erc20.AbiJson,
        }.Select(ContractAbi.Parse),
    ]);

    /// <summary>What calling <paramref name="target"/> with <paramref name="value"/> wei and <paramref name="data"/> from <paramref name="payer"/> does.</summary>
    public static string Describe(string payer, Address target, BigInteger value, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return $"transfer {UnitFormat.Ether(value)} from {payer} to {target}";
        }
        string? name = FunctionName(data);
        string call = name is not null ? $"call {name} on {target}" : $"call {target} with {data.Length} bytes of calldata";
        if (name is "transfer(address,uint256)" && data.Length == 68)
        {
            call = $"transfer {UnitFormat.Decimal(new BigInteger(data.Slice(36, 32), isUnsigned: true, isBigEndian: true), 18)} of token {target} from {payer} to {new Address(data.Slice(16, 20))}";
        }
        return value.IsZero ? call : $"{call}, sending {UnitFormat.Ether(value)} from {payer}";
    }

    /// <summary>The signature of the platform function the calldata's selector names, or null.</summary>
    public static string? FunctionName(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4)
        {
            return null;
        }
        foreach (ContractAbi abi in s_abis.Value)
        {
            if (abi.FindFunction(data) is { } function)
            {
                return function.Signature;
            }
        }
        return null;
    }
}
