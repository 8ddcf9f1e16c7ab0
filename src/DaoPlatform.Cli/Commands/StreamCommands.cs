using System.CommandLine;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Streaming;
using DaoPlatform.Platform.Units;

namespace DaoPlatform.Cli.Commands;

/// <summary><c>stream create | withdraw | cancel | status</c>: per-second ERC-20 streams.</summary>
public static class StreamCommands
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var token = Opt.Text("--token", "The ERC-20 to stream (default: the DAO token)");
        var to = Opt.Text("--to", "The recipient", required: true);
        var perDay = Opt.Text("--per-day", "Whole tokens streamed per day (scaled by the token's decimals)", required: true);
        var duration = Opt.Text("--duration", "How long (e.g. 30d)", required: true);
        var output = Opt.Text("--out", "Where to write the stream file (its terms name it)", required: true);
        var create = new Command("create", "Stream tokens to a recipient by the second (approves and pulls the deposit)").With(token, to, perDay, duration, output);
        app.Handle(create, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            var tokenAddress = ctx.Get(token) is { } t ? ctx.AddressOf(t, "--token") : platform.Token.Address;
            var streams = new StreamService(chain, platform);
            var info = await streams.TokenAsync(tokenAddress, ctx.CancellationToken).ConfigureAwait(false);
            var (key, outcomes) = await streams.CreateAsync(
                tokenAddress, ctx.AddressOf(ctx.Require(to), "--to"), TokenAmount.Parse(ctx.Require(perDay), info, "--per-day"), Duration.ParseSeconds(ctx.Require(duration)), ctx.CancellationToken).ConfigureAwait(false);
            string path = ctx.PathOf(ctx.Require(output));
            await JsonFile.WriteAsync(path, StreamFile.ToJson(key), ctx.CancellationToken).ConfigureAwait(false);
            ctx.RenderTransactions(outcomes, new JsonObject { ["file"] = path, ["startTime"] = key.StartTime }, $"stream to {key.Recipient} started; its terms are in {path}");
        });

        var file = Opt.Arg("stream-file", "The stream file 'stream create' wrote");
        var withdraw = new Command("withdraw", "Pay the recipient what has streamed so far (anyone may)").With(file);
        app.Handle(withdraw, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            var key = await StreamFile.LoadAsync(ctx.PathOf(ctx.Get(file)!), ctx.CancellationToken).ConfigureAwait(false);
            var streams = new StreamService(chain, platform);
            var outcome = await streams.WithdrawAsync(key, ctx.CancellationToken).ConfigureAwait(false);
            var balance = await new DaoToken(key.Token, chain.Contracts).BalanceOfAsync(key.Recipient, cancellationToken: ctx.CancellationToken).ConfigureAwait(false);
            var info = await streams.TokenAsync(key.Token, ctx.CancellationToken).ConfigureAwait(false);
            ctx.RenderTransactions([outcome], new JsonObject { ["recipient"] = key.Recipient.ToString(), ["recipientBalance"] = Output.Number(balance) },
                $"withdrew to {key.Recipient}, who now holds {TokenAmount.Format(balance, info)}");
        });
        var cancel = new Command("cancel", "Cancel your stream: streamed funds to the recipient, the rest back to you").With(file);
        app.Handle(cancel, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            var key = await StreamFile.LoadAsync(ctx.PathOf(ctx.Get(file)!), ctx.CancellationToken).ConfigureAwait(false);
            var outcome = await new StreamService(chain, platform).CancelAsync(key, ctx.CancellationToken).ConfigureAwait(false);
            ctx.RenderTransactions([outcome], [], $"cancelled the stream to {key.Recipient}");
        });
        var status = new Command("status", "A stream's times and amounts").With(file);
        app.Handle(status, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: false).ConfigureAwait(false);
            var key = await StreamFile.LoadAsync(ctx.PathOf(ctx.Get(file)!), ctx.CancellationToken).ConfigureAwait(false);
            var streams = new StreamService(chain, platform);
            var s = await streams.StatusAsync(key, ctx.CancellationToken).ConfigureAwait(false);
            var info = await streams.TokenAsync(key.Token, ctx.CancellationToken).ConfigureAwait(false);
            ulong now = await chain.LatestTimestampAsync(ctx.CancellationToken).ConfigureAwait(false);
            ctx.Render(new JsonObject
            {
                ["recipient"] = key.Recipient.ToString(),
                ["stopTime"] = s.StopTime,
                ["settledTime"] = s.SettledTime,
                ["withdrawable"] = Output.Number(s.Withdrawable),
                ["unstreamed"] = Output.Number(s.Unstreamed),
            }, console => console.WriteLine($"stream to {key.Recipient}: {TokenAmount.Format(s.Withdrawable, info)} withdrawable, {TokenAmount.Format(s.Unstreamed, info)} still to stream, ends {Times.Describe(s.StopTime, now)}"));
        });
        return new Command("stream", "Per-second streams: create, withdraw, cancel, status").With(create, withdraw, cancel, status);
    }
}

/// <summary><c>split deposit | release | shares</c>: revenue released to payees by shares.</summary>
public static class SplitCommands
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var amount = Opt.Text("--amount", "Whole revenue tokens to deposit (scaled by the token's decimals)", required: true);
        var deposit = new Command("deposit", "Deposit revenue into the splitter (released to payees over its release duration)").With(amount);
        app.Handle(deposit, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            var streams = new StreamService(chain, platform);
            var info = await RevenueTokenAsync(streams, platform, ctx.CancellationToken).ConfigureAwait(false);
            var value = TokenAmount.Parse(ctx.Require(amount), info, "--amount");
            var outcomes = await streams.DepositRevenueAsync(value, ctx.CancellationToken).ConfigureAwait(false);
            ctx.RenderTransactions(outcomes, new JsonObject { ["amount"] = Output.Number(value) }, $"deposited {TokenAmount.Format(value, info)} of revenue");
        });
        var account = Opt.Text("--payee", "The payee (default: yourself)");
        var release = new Command("release", "Release what a payee is owed (anyone may)").With(account);
        app.Handle(release, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            var payee = ctx.Get(account) is { } a ? ctx.AddressOf(a, "--payee") : chain.RequireAccount("release");
            var service = new StreamService(chain, platform);
            var info = await RevenueTokenAsync(service, platform, ctx.CancellationToken).ConfigureAwait(false);
            var before = (await service.SharesAsync(payee, ctx.CancellationToken).ConfigureAwait(false)).Releasable;
            var outcome = await service.ReleaseAsync(payee, ctx.CancellationToken).ConfigureAwait(false);
            ctx.RenderTransactions([outcome], new JsonObject { ["payee"] = payee.ToString(), ["released"] = Output.Number(before) }, $"released about {TokenAmount.Format(before, info)} to {payee}");
        });
        var of = Opt.Text("--payee", "The payee", required: true);
        var shares = new Command("shares", "A payee's shares and what it can release now").With(of);
        app.Handle(shares, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: false).ConfigureAwait(false);
            var service = new StreamService(chain, platform);
            var info = await RevenueTokenAsync(service, platform, ctx.CancellationToken).ConfigureAwait(false);
            var s = await service.SharesAsync(ctx.AddressOf(ctx.Require(of), "--payee"), ctx.CancellationToken).ConfigureAwait(false);
            ctx.Render(new JsonObject
            {
                ["account"] = s.Account.ToString(),
                ["shares"] = Output.Number(s.Shares),
                ["totalShares"] = Output.Number(s.TotalShares),
                ["releasable"] = Output.Number(s.Releasable),
                ["unreleased"] = Output.Number(s.Unreleased),
            }, console => console.WriteLine($"{s.Account}: {s.Shares} of {s.TotalShares} shares; {TokenAmount.Format(s.Releasable, info)} releasable now"));
        });
        return new Command("split", "Revenue splitter: deposit, release, shares").With(deposit, release, shares);
    }

    /// <summary>The symbol and decimals of the splitter's revenue token.</summary>
    private static async Task<Protocol.Moves.TokenInfo?> RevenueTokenAsync(StreamService service, PlatformContracts platform, CancellationToken cancellationToken) =>
        await service.TokenAsync(await platform.Splitter.RevenueTokenAsync(cancellationToken: cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
}
