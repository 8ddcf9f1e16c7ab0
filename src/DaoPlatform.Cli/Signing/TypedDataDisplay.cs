using System.Text.Json.Nodes;
using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Protocol.Moves;

namespace DaoPlatform.Cli.Signing;

/// <summary>
/// Shows an EIP-712 signature before it is made, with the values a hardware wallet displays: the domain, the domain
/// separator, the struct hash and the digest (EIP-712 §"Specification"), after the words of what it authorizes.
/// </summary>
internal static class TypedDataDisplay
{
    /// <summary>Shows <paramref name="request"/> with <paramref name="detail"/> lines (what it authorizes) first.</summary>
    public static JsonObject Show(CommandContext context, SignatureRequest request, IReadOnlyList<string> detail, JsonObject? detailJson = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        IReadOnlyDictionary<string, object?> domain = request.TypedData.Domain;
        var domainJson = new JsonObject();
        foreach ((string key, object? value) in domain)
        {
            domainJson[key] = value is string text ? text : AbiValueFormatter.Format(value);
        }
        var json = new JsonObject
        {
            ["authorizes"] = request.Summary,
            ["domain"] = domainJson,
            ["primaryType"] = request.TypedData.PrimaryType,
            ["domainSeparator"] = HexConvert.Encode(request.DomainSeparator),
            ["structHash"] = HexConvert.Encode(request.StructHash),
            ["digest"] = HexConvert.Encode(request.Digest),
        };
        if (detailJson is not null)
        {
            json["detail"] = detailJson;
        }
        var lines = new List<string>
        {
            $"about to sign an EIP-712 {request.TypedData.PrimaryType}:",
            $"  authorizes        {request.Summary}",
        };
        lines.AddRange(detail.Select(l => "  " + l));
        lines.Add($"  domain            {string.Join(", ", domainJson.Select(e => $"{e.Key} {e.Value}"))}");
        lines.Add($"  domain separator  {HexConvert.Encode(request.DomainSeparator)}");
        lines.Add($"  struct hash       {HexConvert.Encode(request.StructHash)}");
        lines.Add($"  digest            {HexConvert.Encode(request.Digest)}");
        SigningGate.Show(context, json, lines);
        return json;
    }
}
