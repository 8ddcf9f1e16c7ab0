using System.Globalization;
using System.Text.Json.Nodes;
using DaoPlatform.Platform.Units;

namespace DaoPlatform.Platform.Streaming;

/// <summary>
/// A stream's terms (<see cref="StreamVault.StreamKey"/>: token, payer, recipient, scaled rate, start), which name it:
/// the vault stores only its two timestamps, so withdraw, cancel and status take the terms back from this file.
/// </summary>
public static class StreamFile
{
    /// <summary>The file's JSON.</summary>
    public static JsonObject ToJson(StreamVault.StreamKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new JsonObject
        {
            ["token"] = key.Token.ToChecksumString(),
            ["payer"] = key.Payer.ToChecksumString(),
            ["recipient"] = key.Recipient.ToChecksumString(),
            ["ratePerSecond"] = key.RatePerSecond.ToString(CultureInfo.InvariantCulture),
            ["startTime"] = key.StartTime,
        };
    }

    /// <summary>Reads a stream file.</summary>
    public static async Task<StreamVault.StreamKey> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        JsonObject json = await JsonFile.ReadAsync(path, "stream", cancellationToken).ConfigureAwait(false);
        return new StreamVault.StreamKey(
            InputParsing.ParseAddress(JsonFile.Field(json, "token", path), "token"),
            InputParsing.ParseAddress(JsonFile.Field(json, "payer", path), "payer"),
            InputParsing.ParseAddress(JsonFile.Field(json, "recipient", path), "recipient"),
            InputParsing.ParseInteger(JsonFile.Field(json, "ratePerSecond", path), "ratePerSecond"),
            json["startTime"]?.GetValue<ulong>() ?? throw PlatformException.BadInput($"{path}: the field 'startTime' is missing"));
    }
}
