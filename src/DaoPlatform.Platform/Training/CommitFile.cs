using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Platform.Units;

namespace DaoPlatform.Platform.Training;

/// <summary>
/// What a trainer keeps between commit and reveal: the task, the model file and its hash, and the secret salt.
/// Without the salt the model cannot be revealed and the stake is lost, so <c>task commit</c> writes this file.
/// </summary>
public sealed record CommitFile(Address Tasks, ulong ChainId, BigInteger TaskId, Address Trainer, string ModelPath, byte[] ModelHash, byte[] Salt)
{
    /// <summary>The file's JSON.</summary>
    public JsonObject ToJson() => new()
    {
        ["tasks"] = Tasks.ToChecksumString(),
        ["chainId"] = ChainId,
        ["taskId"] = TaskId.ToString(CultureInfo.InvariantCulture),
        ["trainer"] = Trainer.ToChecksumString(),
        ["model"] = ModelPath,
        ["modelHash"] = HexConvert.Encode(ModelHash),
        ["salt"] = HexConvert.Encode(Salt),
    };

    /// <summary>Reads a commit file.</summary>
    public static async Task<CommitFile> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        JsonObject json = await JsonFile.ReadAsync(path, "commit", cancellationToken).ConfigureAwait(false);
        return FromJson(json, path);
    }

    /// <summary>A commit record's JSON (from a file, or a browser's storage); <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="PlatformException">A field is missing or malformed.</exception>
    public static CommitFile FromJson(JsonObject json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new CommitFile(
            InputParsing.ParseAddress(JsonFile.Field(json, "tasks", source), "tasks"),
            json["chainId"]?.GetValue<ulong>() ?? 0,
            InputParsing.ParseInteger(JsonFile.Field(json, "taskId", source), "taskId"),
            InputParsing.ParseAddress(JsonFile.Field(json, "trainer", source), "trainer"),
            JsonFile.Field(json, "model", source),
            InputParsing.ParseBytes32(JsonFile.Field(json, "modelHash", source), "modelHash"),
            InputParsing.ParseBytes32(JsonFile.Field(json, "salt", source), "salt"));
    }
}
