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
        return new CommitFile(
            InputParsing.ParseAddress(JsonFile.Field(json, "tasks", path), "tasks"),
            json["chainId"]?.GetValue<ulong>() ?? 0,
            InputParsing.ParseInteger(JsonFile.Field(json, "taskId", path), "taskId"),
            InputParsing.ParseAddress(JsonFile.Field(json, "trainer", path), "trainer"),
            JsonFile.Field(json, "model", path),
            InputParsing.ParseBytes32(JsonFile.Field(json, "modelHash", path), "modelHash"),
            InputParsing.ParseBytes32(JsonFile.Field(json, "salt", path), "salt"));
    }
}
