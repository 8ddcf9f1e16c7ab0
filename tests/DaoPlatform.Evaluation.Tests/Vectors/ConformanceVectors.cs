using System.Text.Json;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.IntegrationTests;

namespace DaoPlatform.Evaluation.Tests.Vectors;

/// <summary>The conformance suite of docs/evaluation.md §10, read from tests/vectors/ in the repository.</summary>
internal static class ConformanceVectors
{
    public static IEnumerable<TestCaseData> Valid() =>
        Cases("valid.json").Concat(Cases("mnist.json")).Select(c => new TestCaseData(c).SetName($"{{m}}({c.GetProperty("name").GetString()})"));

    public static IEnumerable<TestCaseData> Rejected() =>
        Cases("rejected.json").Select(c => new TestCaseData(c).SetName($"{{m}}({c.GetProperty("name").GetString()})"));

    public static byte[] Bytes(JsonElement element, string property) => HexConvert.Decode(element.GetProperty(property).GetString()!);

    /// <summary>An error argument as the C# reader reports it: numbers as <see cref="long"/>, byte strings as hex.</summary>
    public static object Argument(JsonElement arg) => arg.ValueKind == JsonValueKind.Number ? arg.GetInt64() : arg.GetString()!;

    private static IEnumerable<JsonElement> Cases(string file)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Repository.Root, "tests", "vectors", file)));
        return [.. document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone())];
    }
}
