using System.Text.Json.Nodes;
using DaoPlatform.Contracts.Custody;
using DaoPlatform.Contracts.Governance;
using DaoPlatform.Contracts.OpenZeppelin;
using DaoPlatform.Contracts.Registry;
using DaoPlatform.Contracts.Streaming;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Cli.Signing;

/// <summary>A call decoded for a person: its lines (function, then one argument a line) and the same as JSON.</summary>
internal sealed record DecodedCall(IReadOnlyList<string> Lines, JsonNode? Json);

/// <summary>
/// Decodes calldata and logs by the platform's ABIs (every deployed contract and ERC-20), so what is signed or
/// emitted is shown by function or event name with named arguments, not as hex.
/// </summary>
internal static class CallDecoder
{
    private static readonly Lazy<ContractAbi[]> s_abis = new(() =>
    [
        .. new[]
        {
            DaoToken.AbiJson, DaoTimelock.AbiJson, DaoGovernor.AbiJson, MultisigVault.AbiJson, AssetRegistry.AbiJson,
            AccessPasses.AbiJson, StreamVault.AbiJson, RevenueSplitter.AbiJson, TrainingTasks.AbiJson, OptimisticVerifier.AbiJson,
            ModelAvailability.AbiJson, Erc20.AbiJson,
        }.Select(ContractAbi.Parse),
    ]);

    /// <summary>
    /// The function and named arguments of <paramref name="data"/>; a plain transfer or unknown bytes say so. With the
    /// called token's <paramref name="token"/>, an ERC-20 transfer, transferFrom or approve also shows its amount in the
    /// token's symbol and decimals.
    /// </summary>
    public static DecodedCall Describe(ReadOnlySpan<byte> data, IReadOnlyDictionary<Address, string> names, Protocol.Moves.TokenInfo? token = null)
    {
        if (data.IsEmpty)
        {
            return new(["call      none (a plain ETH transfer)"], null);
        }
        foreach (ContractAbi abi in s_abis.Value)
        {
            if (abi.FindFunction(data) is not { } function)
            {
                continue;
            }
            AbiValues values;
            try
            {
                values = function.DecodeCall(data);
            }
            catch (AbiException e)
            {
                return new([$"call      {function.Signature}, but its arguments do not decode: {e.Message}", $"data      {HexConvert.Encode(data)}"], HexConvert.Encode(data));
            }
            var lines = new List<string> { $"call      {function.Signature}" };
            var args = new JsonObject();
            for (int i = 0; i < values.Count; i++)
            {
                string name = values.Parameters[i].Name is { Length: > 0 } n ? n : $"arg{i}";
                string text = Shorten(AbiValueFormatter.Format(values[i]));
                if (values[i] is Address a && names.TryGetValue(a, out string? known))
                {
                    text += $" ({known})";
                }
                lines.Add($"            {name} = {text}");
                args[name] = AbiValueFormatter.Format(values[i]);
            }
            var json = new JsonObject { ["function"] = function.Signature, ["arguments"] = args, ["data"] = HexConvert.Encode(data) };
            if (token is not null && Protocol.Moves.CallDescriptions.TokenCall(data) is { } moved)
            {
                lines.Add($"  amount    {token.Format(moved.Amount)} ({moved.Amount} base units, {token.Decimals} decimals, symbol and decimals read from the token)");
                json["token"] = new JsonObject { ["symbol"] = token.Symbol, ["decimals"] = token.Decimals, ["amount"] = UnitFormat.Decimal(moved.Amount, token.Decimals) };
            }
            lines.Add($"  calldata  {Shorten(HexConvert.Encode(data))} ({data.Length} bytes)");
            return new(lines, json);
        }
        return new([$"call      unknown function (selector {HexConvert.Encode(data[..Math.Min(4, data.Length)])})", $"  calldata  {Shorten(HexConvert.Encode(data))} ({data.Length} bytes)"],
            new JsonObject { ["function"] = null, ["data"] = HexConvert.Encode(data) });
    }

    /// <summary>An event log as <c>Name(arg=value, ...)</c>, or its topic 0 when no platform ABI knows it.</summary>
    public static string DescribeEvent(IReadOnlyList<byte[]> topics, ReadOnlySpan<byte> data)
    {
        foreach (ContractAbi abi in s_abis.Value)
        {
            try
            {
                if (abi.TryDecodeLog(topics, data, out AbiEvent? e, out AbiValues? values))
                {
                    return $"{e.Name}({string.Join(", ", values.Parameters.Select((p, i) => $"{p.Name}={Shorten(AbiValueFormatter.Format(values[i]))}"))})";
                }
            }
            catch (AbiException)
            {
                // Same topic 0 under another ABI's indexing: try the next one.
            }
        }
        return topics.Count > 0 ? $"unknown event {HexConvert.Encode(topics[0])}" : "anonymous event";
    }

    // Long byte strings (a revealed model, a test-set chunk) would flood the screen: show their ends and length.
    private static string Shorten(string text) => text.Length <= 140 ? text : $"{text[..66]}…{text[^64..]}";
}
