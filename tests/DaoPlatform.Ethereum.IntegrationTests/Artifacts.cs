using System.Text.Json;
using DaoPlatform.Ethereum.Hex;

namespace DaoPlatform.Ethereum.IntegrationTests;

/// <summary>Hardhat artifacts of the contracts the tests deploy.</summary>
internal static class Artifacts
{
    public static string ErrorProbePath => Path.Combine(Repository.Root, "artifacts", "contracts", "test", "ErrorProbe.sol", "ErrorProbe.json");

    public static string CallForwarderPath => Path.Combine(Repository.Root, "artifacts", "contracts", "test", "CallForwarder.sol", "CallForwarder.json");

    /// <summary>The creation bytecode of the artifact at <paramref name="path"/>.</summary>
    public static byte[] Bytecode(string path)
    {
        using JsonDocument artifact = JsonDocument.Parse(File.ReadAllBytes(path));
        return HexConvert.Decode(artifact.RootElement.GetProperty("bytecode").GetString()!);
    }

    /// <summary>The ABI of the artifact at <paramref name="path"/>, as JSON text.</summary>
    public static string AbiJson(string path)
    {
        using JsonDocument artifact = JsonDocument.Parse(File.ReadAllBytes(path));
        return artifact.RootElement.GetProperty("abi").GetRawText();
    }
}
