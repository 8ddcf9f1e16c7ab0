namespace DaoPlatform.Cli.Infrastructure;

/// <summary>
/// What a run of the tool sees of the outside world: its output and error writers, standard input, environment
/// variables and working directory. The real process passes its own; tests pass captured ones, so the same
/// command tree runs in-process.
/// </summary>
public sealed record CliEnvironment(TextWriter Out, TextWriter Error, TextReader In, IReadOnlyDictionary<string, string?> Variables, string WorkingDirectory)
{
    /// <summary>True when standard input is a terminal a person can answer a question on.</summary>
    public bool InputIsTerminal { get; init; }

    /// <summary>The process's console, environment and working directory.</summary>
    public static CliEnvironment FromProcess()
    {
        var variables = new Dictionary<string, string?>();
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = entry.Value as string;
        }
        return new CliEnvironment(Console.Out, Console.Error, Console.In, variables, Directory.GetCurrentDirectory()) { InputIsTerminal = !Console.IsInputRedirected };
    }

    /// <summary>The variable <paramref name="name"/>, or null when unset or empty.</summary>
    public string? Variable(string name) => Variables.TryGetValue(name, out string? value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary><paramref name="path"/> resolved against the working directory.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, WorkingDirectory);
}
