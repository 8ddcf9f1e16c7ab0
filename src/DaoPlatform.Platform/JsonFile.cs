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
        RequireFile(path, what);
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

    /// <summary>
    /// Writes <paramref name="node"/> to <paramref name="path"/> as indented JSON, creating the folder, atomically: a
    /// temporary file in the same folder renamed over the old one, so a crash leaves the old file or the new, never half.
    /// </summary>
    /// <exception cref="PlatformException"><paramref name="path"/> is a directory.</exception>
    public static async Task WriteAsync(string path, JsonNode node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        RefuseDirectory(path, "file");
        string temporary = await WriteTemporaryAsync(path, node, secret: false, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Writes a file that holds a secret (a commit salt) or a record a later step needs (a proposal, a vault
    /// transaction): readable by its owner only (0600 on Unix), written atomically, and never over an existing file.
    /// </summary>
    /// <exception cref="PlatformException">The path is a directory or the file exists (nothing is written).</exception>
    public static async Task WriteNewAsync(string path, JsonNode node, string what, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        CheckNew(path, what);
        string temporary = await WriteTemporaryAsync(path, node, secret: true, cancellationToken).ConfigureAwait(false);
        try
        {
            // Without overwrite the rename fails if the file appeared meanwhile: another writer's secret is kept.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            throw Exists(path, what);
        }
    }

    /// <summary>
    /// Checks, before anything is sent, that <see cref="WriteNewAsync"/> can write <paramref name="path"/>: not a
    /// directory, no file there yet.
    /// </summary>
    /// <exception cref="PlatformException">Which of the two it is, naming the file.</exception>
    public static void CheckNew(string path, string what)
    {
        RefuseDirectory(path, what);
        if (File.Exists(path))
        {
            throw Exists(path, what);
        }
    }

    /// <summary>Checks that <paramref name="path"/> names an existing file, saying which is wrong: a directory, or nothing there.</summary>
    /// <exception cref="PlatformException">A directory (bad input) or no file (not found), naming the path.</exception>
    public static void RequireFile(string path, string what)
    {
        if (Directory.Exists(path))
        {
            throw PlatformException.BadInput($"{path} is a directory, not a {what} file");
        }
        if (!File.Exists(path))
        {
            throw PlatformException.NotFound($"{what} file {path} does not exist");
        }
    }

    private static PlatformException Exists(string path, string what) =>
        PlatformException.Refused($"{path} already exists: a {what} file is never overwritten (it may hold another one's secret or record); give another path");

    private static void RefuseDirectory(string path, string what)
    {
        if (Directory.Exists(path))
        {
            throw PlatformException.BadInput($"{path} is a directory: give the {what} file's path, e.g. {Path.Combine(path, "out.json")}");
        }
    }

    private static async Task<string> WriteTemporaryAsync(string path, JsonNode node, bool secret, CancellationToken cancellationToken)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows())
        {
            // Created 0600, never world-readable even for an instant.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            await using (var stream = new FileStream(temporary, options))
            {
                await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(node.ToJsonString(s_indented) + "\n"), cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            return temporary;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
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
