namespace DaoPlatform.Bindings.Generator;

/// <summary>Reads the generator's input files, turning I/O failures into errors that name the file.</summary>
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
}
