using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Units;
using DaoPlatform.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DaoPlatform.Cli.Commands;

/// <summary>
/// <c>node run</c>: hosts the platform's services (evaluator, auditor, finalizer, submitter) on the deployment, with
/// the keys of the CLI's accounts: the same host the standalone node builds, configured from the CLI's settings.
/// </summary>
public static class NodeCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var roles = Opt.Text("--roles", "Comma-separated roles: evaluator, auditor, finalizer, submitter", required: true);
        var testSets = Opt.Many("--test-set", "A hidden test set (DQD1) the submitter reveals when its task's reveal window opens (repeat)");
        var keyFor = Opt.Many("--role-account", "ROLE=ACCOUNT: sign that role's transactions with another account than --account");
        var duration = Opt.Text("--for", "Stop after this long (default: until Ctrl+C)");
        var run = new Command("run", "Run the services for the given roles until stopped").With(roles, testSets, keyFor, duration);
        app.Handle(run, async ctx =>
        {
            NodeRoles selected = NodeRoles.None;
            foreach (string r in ctx.Require(roles).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                selected |= Enum.TryParse(r, ignoreCase: true, out NodeRoles role) && role != NodeRoles.None && !r.All(char.IsAsciiDigit)
                    ? role
                    : throw PlatformException.BadInput($"--roles: '{r}' is not evaluator, auditor, finalizer or submitter");
            }
            var accounts = new Dictionary<NodeRoles, string>();
            foreach (string pair in ctx.Get(keyFor) ?? [])
            {
                string[] parts = pair.Split('=', 2);
                if (parts.Length != 2 || !Enum.TryParse(parts[0], ignoreCase: true, out NodeRoles role) || role == NodeRoles.None)
                {
                    throw PlatformException.BadInput($"--role-account '{pair}' is not ROLE=ACCOUNT");
                }
                accounts[role] = parts[1];
            }
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: false).ConfigureAwait(false);
            var keys = new NodeKeys();
            foreach (NodeRoles role in Enum.GetValues<NodeRoles>().Where(r => r != NodeRoles.None && selected.HasFlag(r)))
            {
                string account = accounts.GetValueOrDefault(role) ?? ctx.Settings.Account
                    ?? throw PlatformException.BadInput($"the {role.ToString().ToLowerInvariant()} role needs a key: pass --account or --role-account {role.ToString().ToLowerInvariant()}=NAME");
                keys.Set(role, ctx.Accounts.Unlock(account, ctx.Password()));
            }
            var settings = new Dictionary<string, string?>
            {
                ["Node:Roles"] = selected.ToString(),
                ["Node:RpcUrl"] = ctx.Settings.RpcUrl.ToString(),
                ["Node:ChainId"] = chain.ChainId.ToString(CultureInfo.InvariantCulture),
                ["Node:TrainingTasks"] = platform.Tasks.Address.ToString(),
                ["Node:Verifier"] = platform.Verifier.Address.ToString(),
                ["Node:StartBlock"] = platform.Addresses.DeploymentBlock.ToString(CultureInfo.InvariantCulture),
                ["Node:PollInterval"] = "00:00:01",
            };
            string[] sets = ctx.Get(testSets) ?? [];
            for (int i = 0; i < sets.Length; i++)
            {
                settings[$"Submitter:TestSets:{i}"] = ctx.PathOf(sets[i]);
            }
            HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
            builder.Logging.SetMinimumLevel(LogLevel.Information);
            builder.Logging.AddFilter("Hangfire", LogLevel.Warning);
            builder.Services.AddSingleton(keys);
            builder.Services.AddDaoPlatformNode(builder.Configuration);
            using IHost host = builder.Build();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ctx.CancellationToken);
            if (ctx.Get(duration) is { } d)
            {
                stop.CancelAfter(TimeSpan.FromSeconds(Duration.ParseSeconds(d)));
            }
            if (!ctx.Settings.Json)
            {
                ctx.Console.WriteLine($"node running roles {selected} on {ctx.Settings.RpcUrl} (chain id {chain.ChainId}); Ctrl+C stops it");
            }
            try
            {
                await host.RunAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ctx.CancellationToken.IsCancellationRequested)
            {
                // --for elapsed.
            }
            ctx.Render(new JsonObject { ["roles"] = selected.ToString(), ["stopped"] = true }, console => console.WriteLine($"node stopped (roles {selected})"));
        });
        return new Command("node", "The platform's services").With(run);
    }
}
