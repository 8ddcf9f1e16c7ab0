using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Units;
using DaoPlatform.Protocol.Content;
using DaoPlatform.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using DaoPlatform.Services.Hosting;

namespace DaoPlatform.Cli.Commands;

/// <summary>
/// <c>node run</c>: hosts the platform's services (evaluator, auditor, finalizer, submitter) on the deployment, with
/// the keystores of the CLI's accounts: the node executable's host (<see cref="NodeLauncher"/>: the same checks,
/// password rule, logs and exit codes), configured from the CLI's settings.
/// </summary>
public static class NodeCommand
{
    private const string PasswordVariable = "DAOPLATFORM_PASSWORD";

    private const string NodeExitCodesHelp =
        "exit codes as the node's: 0 stopped, 1 bad setting, 2 bad key or password, 3 port in use, 5 wrong chain id, 70 a service failed (docs/node.md)";

    /// <summary>Builds the command group.</summary>
    public static Command Create(CliApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var roles = Opt.Text("--roles", "Comma-separated roles: evaluator, auditor, finalizer, submitter, claimer, relayer, sentinel, hub", required: true);
        var testSets = Opt.Many("--test-set", "A hidden test set (DQD1 file) the submitter puts into the content store and reveals when its task's reveal window opens (repeat)");
        var testSetCids = Opt.Many("--test-set-cid", "A hidden test set in the content store, by CID ('task create' prints it), that the submitter reveals from there (repeat)");
        var keyFor = Opt.Many("--role-account", "ROLE=ACCOUNT: sign that role's transactions with another account than --account");
        var duration = Opt.Text("--for", "Stop after this long (default: until Ctrl+C)");
        var health = Opt.Text("--health-url", "Serve health (/health) and Prometheus metrics (/metrics) here, e.g. http://127.0.0.1:8081/");
        var ballots = Opt.Text("--ballots", "The relayer's inbox: a folder of signed ballot and delegation files ('dao vote --sign-to', 'dao delegate --sign-to') to relay");
        var hubPort = Opt.Text("--hub-port", "With the hub role: serve the hub on 127.0.0.1:PORT (default 5080)");
        var stateFile = Opt.Text("--state-file", "Keep the chain follower's cursor and open tasks in this file, and resume after that cursor on the next start (Node:StateFile)");
        var run = new Command("run", "Run the services for the given roles until stopped; " + NodeExitCodesHelp).With(roles, testSets, testSetCids, keyFor, duration, health, ballots, hubPort, stateFile);
        app.Handle(run, async ctx =>
        {
            NodeRoles selected = NodeRoles.None;
            foreach (string r in ctx.Require(roles).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                selected |= Enum.TryParse(r, ignoreCase: true, out NodeRoles role) && role != NodeRoles.None && !r.All(char.IsAsciiDigit)
                    ? role
                    : throw PlatformException.BadInput($"--roles: '{r}' is not a role (known: {string.Join(", ", Enum.GetNames<NodeRoles>().Skip(1)).ToLowerInvariant()})");
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
            var settings = new Dictionary<string, string?>
            {
                ["Node:Roles"] = selected.ToString(),
                ["Node:RpcUrl"] = ctx.Settings.RpcUrl.ToString(),
                ["Node:ChainId"] = chain.ChainId.ToString(CultureInfo.InvariantCulture),
                ["Node:TrainingTasks"] = platform.Tasks.Address.ToString(),
                ["Node:Verifier"] = platform.Verifier.Address.ToString(),
                ["Node:Governor"] = platform.Addresses.DaoGovernor?.ToString(),
                ["Node:StartBlock"] = platform.Addresses.DeploymentBlock.ToString(CultureInfo.InvariantCulture),
                ["Node:PollInterval"] = "00:00:01",
                ["Node:HealthUrl"] = ctx.Get(health),
                ["Node:StateFile"] = ctx.Get(stateFile) is { } state ? ctx.PathOf(state) : null,
                ["Relayer:Inbox"] = ctx.Get(ballots),
                ["Hub:Deployment"] = ctx.Settings.DeploymentPath,
                ["Hub:DataDirectory"] = Path.Combine(ctx.Settings.DataDir, "hub"),
                ["Hub:Url"] = ctx.Get(hubPort) is { } port ? $"http://127.0.0.1:{port}" : null,
                // A devnet makes blocks only for transactions: an old head there is no stall.
                ["Health:ChainIdle"] = (!ctx.Settings.Network.IsPublic).ToString(),
                // There, blocks are few: the claimer looks at every one.
                ["Claimer:EveryBlocks"] = ctx.Settings.Network.IsPublic ? null : "1",
            };
            // The node's keys the node's way (NodeKeyLoader): each role's keystore file, and the CLI's password source.
            foreach (NodeRoles role in Enum.GetValues<NodeRoles>().Where(r => selected.HasFlag(r) && NodeKeys.Signs(r)))
            {
                string account = accounts.GetValueOrDefault(role) ?? ctx.Settings.Account
                    ?? throw PlatformException.BadInput($"the {role.ToString().ToLowerInvariant()} role needs a key: pass --account or --role-account {role.ToString().ToLowerInvariant()}=NAME");
                settings[$"Keys:{role}:KeystorePath"] = ctx.Accounts.Find(account).Path;
                settings[$"Keys:{role}:" + (ctx.Settings.PasswordFile is null ? "PasswordEnvironmentVariable" : "PasswordFile")] =
                    ctx.Settings.PasswordFile ?? PasswordVariable;
            }
            string[] sets = ctx.Get(testSets) ?? [];
            for (int i = 0; i < sets.Length; i++)
            {
                settings[$"Submitter:TestSets:{i}"] = ctx.PathOf(sets[i]);
            }
            string[] cids = ctx.Get(testSetCids) ?? [];
            for (int i = 0; i < cids.Length; i++)
            {
                // Checked here, before the node starts, so the error names the option the user typed.
                if (!Cid.TryParse(cids[i].Trim(), out _, out string? error))
                {
                    throw PlatformException.BadInput($"--test-set-cid '{cids[i]}' is not a CID: {error}");
                }
                settings[$"Submitter:TestSetCids:{i}"] = cids[i];
            }
            // The CLI's content store (--content-store) is the node's: what 'task create' put there, the submitter reveals.
            var store = ctx.Settings.ContentStore;
            settings["ContentStore:Kind"] = store.Kind.ToString();
            settings["ContentStore:LocalPath"] = store.LocalPath;
            settings["ContentStore:KuboUrl"] = store.KuboUrl?.ToString();
            settings["ContentStore:GatewayUrl"] = store.GatewayUrl?.ToString();
            HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(settings);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ctx.CancellationToken);
            if (ctx.Get(duration) is { } d)
            {
                stop.CancelAfter(TimeSpan.FromSeconds(Duration.ParseSeconds(d)));
            }
            if (!ctx.Settings.Json)
            {
                ctx.Console.WriteLine($"node starting with roles {selected} on {ctx.Settings.RpcUrl} (chain id {chain.ChainId}); Ctrl+C stops it");
            }
            // The same host, checks and exit codes as the node executable (NodeExitCodes): a failure is one line.
            await NodeLauncher.RunAsync(builder, ctx.Environment.Variable, stop.Token).ConfigureAwait(false);
            ctx.Render(new JsonObject { ["roles"] = selected.ToString(), ["stopped"] = true }, console => console.WriteLine($"node stopped (roles {selected})"));
        });
        return new Command("node", "The platform's services").With(run);
    }
}
