using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Hex;

namespace DaoPlatform.Cli.Tests;

/// <summary>Model and dataset files from the conformance vectors (tests/vectors/mnist.json): a 784-16-10 model and 100 digits.</summary>
internal static class Fixtures
{
    public static (string Model, string Dataset) MnistFiles(string folder)
    {
        var vectors = JsonNode.Parse(File.ReadAllText(Path.Combine(CliDevnet.RepositoryRoot(), "tests", "vectors", "mnist.json")))!;
        JsonNode mnist = vectors["cases"]![0]!;
        string model = Path.Combine(folder, "model.dqm1");
        string dataset = Path.Combine(folder, "digits.dqd1");
        File.WriteAllBytes(model, HexConvert.Decode(mnist["model"]!.GetValue<string>()));
        File.WriteAllBytes(dataset, HexConvert.Decode(mnist["dataset"]!.GetValue<string>()));
        return (model, dataset);
    }

    /// <summary>The accuracy the vectors record for the model on the digits.</summary>
    public static int MnistAccuracy() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(CliDevnet.RepositoryRoot(), "tests", "vectors", "mnist.json")))!["cases"]![0]!["accuracy"]!.GetValue<int>();
}
