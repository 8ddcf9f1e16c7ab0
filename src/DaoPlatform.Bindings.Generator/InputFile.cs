using System.Text.Json;

namespace DaoPlatform.Bindings.Generator;

/// <summary>Reads the generator's input files, turning I/O and JSON failures into errors that name the file.</summary>
internal static class InputFile
{
    /// <summary>Reads <paramref name="filePath"/>; <paramref name="what"/> says what it is ("the artifact").</summary>
    public static string ReadAllText(string filePath, string what)
    {
        try
        {
            return File.ReadAllText(filePath);
        }
        catch (IOException e)
        {
            throw new BindingGenerationException(filePath, $"cannot read {what}: {e.Message}", e);
        }
    }

    /// <summary>Parses <paramref name="json"/>, the text of <paramref name="filePath"/>; the caller disposes the document.</summary>
    public static JsonDocument ParseJson(string filePath, string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new BindingGenerationException(filePath, $"not valid JSON: {e.Message}", e);
        }
    }
}
