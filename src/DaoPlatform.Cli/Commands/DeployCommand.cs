using System.CommandLine;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Deployment;
using DaoPlatform.Platform.Units;
using Spectre.Console;

namespace DaoPlatform.Cli.Commands;

/// <summary><c>deploy</c>: the whole platform, wired, written to <c>deployments/&lt;network&gt;.json</c>.</summary>
public static class DeployCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var recipient = Opt.Text("--token-recipient", "Who receives the token supply (required outside the devnet; default there: the deployer)");
        var owners = Opt.Many("--vault-owner", "A vault owner (repeat; required outside the devnet; default there: the deployer)");
        var threshold = Opt.Text("--vault-threshold", "Vault approvals needed (default 1)");
        var votingDelay = Opt.Text("--voting-delay", "Delay before a vote opens (default 1d)");
        var votingPeriod = Opt.Text("--voting-period", "How long a vote stays open (default 7d)");
        var timelockDelay = Opt.Text("--timelock-delay", "Timelock delay (default 2d)");
        var proposalThreshold = Opt.Text("--proposal-threshold", "Votes needed to propose, in tokens (default 1000)");
        var quorum = Opt.Text("--quorum-percent", "Quorum in percent of the supply (default 4)");
        var window = Opt.Text("--challenge-window", "The verifier's challenge window (default 1d)");
        var bond = Opt.Text("--min-bond", "The smallest evaluator bond in ETH (default 0.1)");
        var release = Opt.Text("--revenue-release", "Over how long revenue deposits are released (default 30d)");
        var deploy = new Command("deploy", "Deploy and wire the platform (token, timelock treasury, governor, vault, registry, streams, splitter, tasks, verifier); writes the deployment record")
            .With(recipient, owners, threshold, votingDelay, votingPeriod, timelockDelay, proposalThreshold, quorum, window, bond, release);
        app.Handle(deploy, async ctx =>
        {
            var p = new DeploymentParameters();
            if (ctx.Get(recipient) is { } r) p = p with { TokenRecipient = ctx.AddressOf(r, "--token-recipient") };
            if (ctx.Get(owners) is { Length: > 0 } o) p = p with { VaultOwners = [.. o.Select(a => ctx.AddressOf(a, "--vault-owner"))] };
            if (ctx.Get(threshold) is { } t) p = p with { VaultThreshold = InputParsing.ParseInteger(t, "--vault-threshold") };
            if (ctx.Get(votingDelay) is { } vd) p = p with { VotingDelay = Duration.ParseSeconds(vd) };
            if (ctx.Get(votingPeriod) is { } vp) p = p with { VotingPeriod = checked((uint)Duration.ParseSeconds(vp)) };
            if (ctx.Get(timelockDelay) is { } td) p = p with { TimelockDelay = Duration.ParseSeconds(td) };
            if (ctx.Get(proposalThreshold) is { } pt) p = p with { ProposalThreshold = EtherAmount.Parse(pt) };
            if (ctx.Get(quorum) is { } q) p = p with { QuorumPercent = InputParsing.ParseInteger(q, "--quorum-percent") };
            if (ctx.Get(window) is { } w) p = p with { ChallengeWindow = Duration.ParseSeconds(w) };
            if (ctx.Get(bond) is { } b) p = p with { MinEvaluatorBond = EtherAmount.Parse(b) };
            if (ctx.Get(release) is { } rr) p = p with { RevenueReleaseDuration = Duration.ParseSeconds(rr) };
            // The safety rule is checked before the password is even asked for.
            p.ResolveFor(Ethereum.Primitives.Address.Zero, ctx.Settings.Network.IsPublic);

            var chain = await ctx.ConnectAsync(sign: true).ConfigureAwait(false);
            DeploymentRecord record = await new PlatformDeployer(chain)
                .DeployAsync(ctx.Settings.Network.Name, ctx.Settings.Network.IsPublic, p, ctx.ProgressLines(), ctx.CancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(Path.GetDirectoryName(ctx.Settings.DeploymentPath)!);
            Directory.CreateDirectory(Path.GetDirectoryName(ctx.Settings.DeploymentPath)!);
            await File.WriteAllTextAsync(ctx.Settings.DeploymentPath, record.ToJson(), ctx.CancellationToken).ConfigureAwait(false);
            var json = JsonNode.Parse(record.ToJson())!.AsObject();
            json["file"] = ctx.Settings.DeploymentPath;
            ctx.Render(json, console => console.WriteLine($"deployed the platform to {record.Network} (chain id {record.ChainId}); record written to {ctx.Settings.DeploymentPath}"));
        });
        return deploy;
    }
}
