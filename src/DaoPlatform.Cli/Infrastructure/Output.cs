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

    /// <summary>A big integer as a JSON string (JSON numbers lose precision above 2^53).</summary>
    public static JsonNode Number(BigInteger value) => JsonValue.Create(value.ToString(CultureInfo.InvariantCulture));
}
