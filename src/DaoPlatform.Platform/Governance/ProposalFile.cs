using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Platform.Units;

namespace DaoPlatform.Platform.Governance;

/// <summary>
/// A proposal as the governor needs it again to queue and execute it: its actions and description, with the
/// governor, chain and id it was made for. Written by <c>dao propose</c>, read by <c>dao queue/execute</c>.
/// </summary>
public sealed record ProposalFile(Address Governor, ulong ChainId, BigInteger ProposalId, string Description, IReadOnlyList<ProposalAction> Actions)
{
    /// <summary>keccak256 of the description's UTF-8 bytes, as queue and execute take it.</summary>
    public byte[] DescriptionHash => Keccak256.Hash(Encoding.UTF8.GetBytes(Description));

    /// <summary>The targets, in order.</summary>
    public IReadOnlyList<Address> Targets => [.. Actions.Select(a => a.Target)];

    /// <summary>The values, in order.</summary>
    public IReadOnlyList<BigInteger> Values => [.. Actions.Select(a => a.Value)];

    /// <summary>The calldatas, in order.</summary>
    public IReadOnlyList<byte[]> Calldatas => [.. Actions.Select(a => a.Calldata)];

    /// <summary>The file's JSON.</summary>
    public JsonObject ToJson() => new()
    {
        ["governor"] = Governor.ToChecksumString(),
        ["chainId"] = ChainId,
        ["proposalId"] = ProposalId.ToString(CultureInfo.InvariantCulture),
        ["description"] = Description,
        ["actions"] = new JsonArray([.. Actions.Select(a => (JsonNode)new JsonObject
        {
            ["target"] = a.Target.ToChecksumString(),
            ["value"] = a.Value.ToString(CultureInfo.InvariantCulture),
            ["calldata"] = HexConvert.Encode(a.Calldata),
            ["summary"] = a.Summary,
        })]),
    };

    /// <summary>Reads a proposal file.</summary>
    /// <exception cref="PlatformException">Missing or malformed.</exception>
    public static async Task<ProposalFile> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        JsonObject json = await JsonFile.ReadAsync(path, "proposal", cancellationToken).ConfigureAwait(false);
        var actions = new List<ProposalAction>();
        foreach (JsonNode? node in JsonFile.Array(json, "actions", path))
        {
            JsonObject a = node as JsonObject ?? throw PlatformException.BadInput($"{path}: an action is not an object");
            actions.Add(new ProposalAction(
                InputParsing.ParseAddress(JsonFile.Field(a, "target", path), "target"),
                InputParsing.ParseInteger(JsonFile.Field(a, "value", path), "value"),
                InputParsing.ParseHex(JsonFile.Field(a, "calldata", path), "calldata"),
                a["summary"]?.ToString() ?? ""));
        }
        return new ProposalFile(
            InputParsing.ParseAddress(JsonFile.Field(json, "governor", path), "governor"),
            json["chainId"]?.GetValue<ulong>() ?? 0,
            InputParsing.ParseInteger(JsonFile.Field(json, "proposalId", path), "proposalId"),
            JsonFile.Field(json, "description", path),
            actions);
    }
}
