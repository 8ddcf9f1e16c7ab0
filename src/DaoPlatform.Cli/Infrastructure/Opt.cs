using System.CommandLine;

namespace DaoPlatform.Cli.Infrastructure;

/// <summary>Short constructors for the options and arguments the commands declare.</summary>
public static class Opt
{
    /// <summary>A string option; values are parsed by the handler so that errors name the option's value.</summary>
    public static Option<string> Text(string name, string description, bool required = false) =>
        new(name) { Description = description, Required = required };

    /// <summary>A repeatable string option.</summary>
    public static Option<string[]> Many(string name, string description) =>
        new(name) { Description = description, AllowMultipleArgumentsPerToken = false, Arity = ArgumentArity.ZeroOrMore };

    /// <summary>A flag.</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary>A required positional argument.</summary>
    public static Argument<string> Arg(string name, string description) => new(name) { Description = description };

    /// <summary>Adds options and arguments to <paramref name="command"/> and returns it.</summary>
    public static Command With(this Command command, params Symbol[] symbols)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (Symbol symbol in symbols)
        {
            switch (symbol)
            {
                case Option option:
                    command.Options.Add(option);
                    break;
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Command sub:
                    command.Subcommands.Add(sub);
                    break;
            }
        }
        return command;
    }
}
