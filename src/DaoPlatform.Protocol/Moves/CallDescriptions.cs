using System.Numerics;
using DaoPlatform.Contracts.OpenZeppelin;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Protocol.Moves;

/// <summary>An ERC-20 token as people read its amounts: its <c>symbol()</c> and <c>decimals()</c>, read once from the chain.</summary>
public sealed record TokenInfo(string Symbol, byte Decimals)
{
    /// <summary><paramref name="units"/> base units in the token's decimals and symbol, e.g. <c>1.5 DAO</c>.</summary>
    public string Format(BigInteger units) => $"{UnitFormat.Decimal(units, Decimals)} {Symbol}";
}

/// <summary>
/// Describes a call a proposal or a vault transaction will make, for its summary: a plain transfer as
/// "transfer 5 ETH from the treasury to 0x…", a call by the name of the platform function its selector names; with
/// the token's <see cref="TokenInfo"/>, an ERC-20 <c>transfer</c>, <c>transferFrom</c> or <c>approve</c> in its
/// symbol and decimals.
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

    /// <summary>
    /// Like <see cref="Describe(string, Address, BigInteger, ReadOnlySpan{byte})"/>, with an ERC-20 <c>transfer</c>,
    /// <c>transferFrom</c> or <c>approve</c> on <paramref name="target"/> in <paramref name="token"/>'s symbol and decimals
    /// ("transfer 1.5 DAO (token 0x…) from the vault to 0x…"); without <paramref name="token"/> (not a token, or not read)
    /// the same as the other overload.
    /// </summary>
    public static string Describe(string payer, Address target, BigInteger value, ReadOnlySpan<byte> data, TokenInfo? token)
    {
        if (token is null || TokenCall(data) is not { } call)
        {
            return Describe(payer, target, value, data);
        }
        string text = call.Kind switch
        {
            "transfer" => $"transfer {token.Format(call.Amount)} (token {target}) from {payer} to {call.To}",
            "transferFrom" => $"transfer {token.Format(call.Amount)} (token {target}) from {call.From} to {call.To}, spending {payer}'s allowance",
            _ => $"approve {call.To} to spend {token.Format(call.Amount)} (token {target}) of {payer}'s",
        };
        return value.IsZero ? text : $"{text}, sending {UnitFormat.Ether(value)} from {payer}";
    }

    /// <summary>An ERC-20 <c>transfer(to, amount)</c>, <c>transferFrom(from, to, amount)</c> or <c>approve(spender, amount)</c> call, or null.</summary>
    /// <returns>Its kind (<c>transfer</c>, <c>transferFrom</c>, <c>approve</c>), the owner moved from (transferFrom), the recipient or spender, and the amount in base units.</returns>
    public static (string Kind, Address? From, Address To, BigInteger Amount)? TokenCall(ReadOnlySpan<byte> data)
    {
        static Address Word(ReadOnlySpan<byte> data, int index) => new(data.Slice(4 + (32 * index) + 12, 20));
        static BigInteger Amount(ReadOnlySpan<byte> data, int index) => new(data.Slice(4 + (32 * index), 32), isUnsigned: true, isBigEndian: true);
        return FunctionName(data) switch
        {
            "transfer(address,uint256)" when data.Length == 68 => ("transfer", null, Word(data, 0), Amount(data, 1)),
            "approve(address,uint256)" when data.Length == 68 => ("approve", null, Word(data, 0), Amount(data, 1)),
            "transferFrom(address,address,uint256)" when data.Length == 100 => ("transferFrom", Word(data, 0), Word(data, 1), Amount(data, 2)),
            _ => null,
        };
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
