using System.Globalization;
using System.Numerics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DaoPlatform.Platform;

namespace DaoPlatform.Cli.Infrastructure;

/// <summary>JSON shapes shared by the commands' --json output.</summary>
public static class Output
{
    /// <summary>How JSON is written: readable quotes and non-ASCII (the output is for a terminal or a file, never HTML).</summary>
    public static JsonSerializerOptions Indented { get; } = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Like <see cref="Indented"/>, on one line.</summary>
    public static JsonSerializerOptions OneLine { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Transactions as <c>[{step, hash, gasUsed, block}]</c>.</summary>
    public static JsonArray Transactions(IEnumerable<TransactionOutcome> outcomes) =>
        [.. outcomes.Select(o => (JsonNode)new JsonObject
        {
            ["step"] = o.Step,
            ["hash"] = o.Hash,
            ["gasUsed"] = o.GasUsed,
            ["block"] = o.Receipt.BlockNumber,
        })];

    /// <summary><c>EXPLORER/tx/HASH</c> or <c>EXPLORER/address/ADDRESS</c>: the Etherscan-style page of a transaction or an address.</summary>
    public static string ExplorerLink(Uri explorer, string kind, string id)
    {
        ArgumentNullException.ThrowIfNull(explorer);
        return $"{explorer.ToString().TrimEnd('/')}/{kind}/{id}";
    }

    /// <summary>The explorer page of every address among the top-level string fields of <paramref name="fields"/>, by field name.</summary>
    public static JsonObject AddressLinks(Uri explorer, JsonObject fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var links = new JsonObject();
        foreach ((string name, JsonNode? value) in fields)
        {
            if (value is JsonValue v && v.TryGetValue(out string? text) && text.Length == 42 && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                && Ethereum.Primitives.Address.TryParse(text, out _))
            {
                links[name] = ExplorerLink(explorer, "address", text);
            }
        }
        return links;
    }

    /// <summary>A big integer as a JSON string (JSON numbers lose precision above 2^53).</summary>
    public static JsonNode Number(BigInteger value) => JsonValue.Create(value.ToString(CultureInfo.InvariantCulture));
}
