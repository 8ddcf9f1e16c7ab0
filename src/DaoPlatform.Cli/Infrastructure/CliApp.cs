using System.CommandLine;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Commands;
using DaoPlatform.Cli.Signing;
using Spectre.Console;

namespace DaoPlatform.Cli.Infrastructure;

/// <summary>
/// The <c>daoplatform</c> command tree and its runner: parse, resolve settings, run the handler, and turn any
/// failure into one line and an exit code (<see cref="ExitCodes"/>) through <see cref="ErrorMapper"/>.
/// </summary>
public sealed class CliApp
{
    internal const string ExitCodeHelp =
        "Exit codes: 0 ok, 1 usage or bad input (incl. wrong password), 2 node unreachable or RPC error, 3 reverted, 4 not found, 5 refused (chain id mismatch, unsafe public deployment, value without --yes or declined, an existing secret or record file), 6 device unavailable (--device gpu without CUDA), 70 internal error.";

    private readonly CliEnvironment _environment;
    private readonly IAnsiConsole _console;

    /// <summary>Creates the app for one run in <paramref name="environment"/>.</summary>
    public CliApp(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _environment = environment;
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(environment.Out),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Detect,
        });
        if (environment.Out != Console.Out || Console.IsOutputRedirected)
        {
            _console.Profile.Width = 200;
        }
    }

    /// <summary>The global options.</summary>
    public GlobalOptions Globals { get; } = new();

    /// <summary>Runs the tool with <paramref name="args"/>; returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default) =>
        new CliApp(environment).RunAsync(args, cancellationToken);

    /// <summary>Runs the tool with <paramref name="args"/>; returns the exit code.</summary>
    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        RootCommand root = BuildRoot();
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Name what the command expects, so "argument missing" says which one.
            Command command = parse.CommandResult.Command;
            string usage = string.Join(' ', command.Arguments.Select(a => $"<{a.Name}>"));
            string expects = usage.Length > 0 ? $"; usage: {command.Name} {usage}" : "";
            // An unrecognised word is the likeliest cause of the other errors: report it first.
            var error = parse.Errors.FirstOrDefault(e => parse.UnmatchedTokens.Any(t => e.Message.Contains(t, StringComparison.Ordinal))) ?? parse.Errors[0];
            return Fail(ExitCodes.BadInput, $"{error.Message.TrimEnd('.')}{expects} (see --help)", parse.GetValue(Globals.Json));
        }
        var invocation = new InvocationConfiguration { Output = _environment.Out, Error = _environment.Error, EnableDefaultExceptionHandler = false };
        return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The whole command tree.</summary>
    public RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "daoplatform: a community owns and funds AI work on an OP-stack L2. Members govern the treasury, vault owners sign, "
            + "submitters post training tasks, trainers commit and reveal models, evaluators post results, auditors overturn wrong ones.\n"
            + ExitCodeHelp);
        foreach (Option option in Globals.All)
        {
            root.Options.Add(option);
        }
        foreach (Command command in new[]
        {
            AccountCommands.Create(this), DevnetCommands.Create(this), DeployCommand.Create(this), DaoCommands.Create(this),
            VaultCommands.Create(this), StreamCommands.Create(this), SplitCommands.Create(this), AssetCommands.Create(this),
            TaskCommands.Create(this), ResultCommands.Create(this), BalanceCommand.Create(this), TrainCommand.Create(this), EvalCommand.Create(this), NodeCommand.Create(this),
            HubCommand.Create(this),
        })
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    /// <summary>Makes <paramref name="body"/> the action of <paramref name="command"/>, with the central error mapping.</summary>
    public void Handle(Command command, Func<CommandContext, Task> body)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(body);
        command.SetAction(async (parse, cancellationToken) =>
        {
            bool json = parse.GetValue(Globals.Json);
            try
            {
                var settings = CliSettings.Resolve(parse, Globals, _environment);
                using var context = new CommandContext(parse, settings, _environment, _console, cancellationToken);
                await body(context).ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            catch (DryRunStoppedException dryRun)
            {
                _environment.Out.WriteLine(json ? dryRun.Report.ToJsonString(Output.Indented) : dryRun.Text);
                return ExitCodes.Ok;
            }
            catch (Exception e)
            {
                (int code, string message) = ErrorMapper.Map(e);
                return Fail(code, message, json);
            }
        });
    }

    private int Fail(int code, string message, bool json)
    {
        _environment.Error.WriteLine(json
            ? new JsonObject { ["error"] = message, ["exitCode"] = code }.ToJsonString(Output.OneLine)
            : "error: " + message);
        return code;
    }
}
