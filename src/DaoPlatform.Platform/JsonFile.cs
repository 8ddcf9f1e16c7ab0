using System.Text.Json;
using System.Text.Json.Nodes;

namespace DaoPlatform.Platform;

/// <summary>Reads and writes the small JSON files the platform hands between people (proposals, ballots, vault approvals).</summary>
public static class JsonFile
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    /// <summary>Reads <paramref name="path"/> as a JSON object; <paramref name="what"/> names the kind of file in errors.</summary>
    /// <exception cref="PlatformException">No such file, or not a JSON object.</exception>
    public static async Task<JsonObject> ReadAsync(string path, string what, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw PlatformException.NotFound($"{what} file {path} does not exist");
        }
        string text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException e)
        {
            throw PlatformException.BadInput($"{path} is not a {what} file: {e.Message}", e);
        }
    }

    /// <summary>Writes <paramref name="node"/> to <paramref name="path"/> as indented JSON, creating the folder.</summary>
    public static async Task WriteAsync(string path, JsonNode node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
        await File.WriteAllTextAsync(path, node.ToJsonString(s_indented) + "\n", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The string field <paramref name="name"/> of <paramref name="node"/>, or an error naming the file and field.</summary>
    public static string Field(JsonObject node, string name, string source)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node[name] is JsonValue v && v.TryGetValue(out string? s)
            ? s
            : throw PlatformException.BadInput($"{source}: the field '{name}' is missing or not a string");
    }

    /// <summary>The array field <paramref name="name"/> of <paramref name="node"/>, or an error naming the file and field.</summary>
    public static JsonArray Array(JsonObject node, string name, string source)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node[name] as JsonArray ?? throw PlatformException.BadInput($"{source}: the field '{name}' is missing or not an array");
    }
}
