using System.CommandLine;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Platform.Units;

namespace DaoPlatform.Cli.Commands;

/// <summary><c>balance [ACCOUNT]</c>: ETH, DAO tokens, voting power and the ETH credits the platform owes an account.</summary>
public static class BalanceCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var account = new Argument<string?>("account") { Description = "An address, account name or contract name (default: --account)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("balance", "ETH, DAO tokens, voting power and credits owed (TrainingTasks, OptimisticVerifier) of an account").With(account);
        app.Handle(command, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: false).ConfigureAwait(false);
            Address who = ctx.Get(account) is { } text ? ctx.AddressOf(text, "account")
                : ctx.AddressOf(ctx.Settings.Account ?? throw Platform.PlatformException.BadInput("balance needs an account: give one or pass --account"), "--account");
            var eth = await chain.Eth.GetBalanceAsync(who, BlockTag.Latest, ctx.CancellationToken).ConfigureAwait(false);
            var tokens = await platform.Token.BalanceOfAsync(who, cancellationToken: ctx.CancellationToken).ConfigureAwait(false);
            var votes = await platform.Token.GetVotesAsync(who, cancellationToken: ctx.CancellationToken).ConfigureAwait(false);
            var taskCredits = await platform.Tasks.CreditsAsync(Address.Zero, who, cancellationToken: ctx.CancellationToken).ConfigureAwait(false);
            var verifierCredits = await platform.Verifier.CreditsAsync(Address.Zero, who, cancellationToken: ctx.CancellationToken).ConfigureAwait(false);
            ctx.Render(new JsonObject
            {
                ["account"] = who.ToString(),
                ["eth"] = Output.Number(eth),
                ["tokens"] = Output.Number(tokens),
                ["votes"] = Output.Number(votes),
                ["taskCredits"] = Output.Number(taskCredits),
                ["verifierCredits"] = Output.Number(verifierCredits),
            }, console =>
            {
                console.WriteLine($"{who}: {EtherAmount.Format(eth)} ETH, {EtherAmount.Format(tokens)} DAOP ({EtherAmount.Format(votes)} votes)");
                console.WriteLine($"  owed: {EtherAmount.Format(taskCredits)} ETH by TrainingTasks ('task withdraw'), {EtherAmount.Format(verifierCredits)} ETH by OptimisticVerifier ('result withdraw')");
            });
        });
        return command;
    }
}
