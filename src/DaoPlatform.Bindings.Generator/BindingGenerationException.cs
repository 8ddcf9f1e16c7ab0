namespace DaoPlatform.Bindings.Generator;

/// <summary>
/// A problem with an input of the generator (an artifact, an ABI entry, the typed-data list) that stops generation.
/// The message names the file and, where there is one, the ABI entry.
/// </summary>
public sealed class BindingGenerationException : Exception
{
    public BindingGenerationException(string filePath, string message)
        : base($"{filePath}: {message}")
    {
        FilePath = filePath;
        Detail = message;
    }

    public BindingGenerationException(string filePath, string message, Exception innerException)
        : base($"{filePath}: {message}", innerException)
    {
        FilePath = filePath;
        Detail = message;
    }

    /// <summary>The input file that was wrong.</summary>
    public string FilePath { get; }

    /// <summary>What was wrong, without the file name.</summary>
    public string Detail { get; }
}
