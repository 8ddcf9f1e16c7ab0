using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Sending;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Governance;
using DaoPlatform.Platform.Units;
using DaoPlatform.Protocol;
using DaoPlatform.Protocol.Moves;
using DaoPlatform.Protocol.Reads;
using DaoPlatform.Protocol.Signed;
using Spectre.Console;

namespace DaoPlatform.Cli.Commands;

/// <summary><c>dao</c>: members' governance: delegate, propose typed actions, vote (or sign a ballot, relay one), queue, execute, status.</summary>
public static class DaoCommands
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new Command("dao", "Governance: delegate, propose, vote, relay, queue, execute, status").With(
            Delegate(app), Propose(app), Vote(app), Relay(app), Queue(app), Execute(app), Status(app), GiveTokens(app), FundTreasury(app), Proposals(app), Proposal(app));
    }

    private static Command Delegate(CliApp app)
    {
        var to = Opt.Text("--to", "Delegate to this address (default: yourself, which activates your own votes)");
        var signTo = Opt.Text("--sign-to", "Do not send: sign an EIP-712 delegation to this file, for anyone to relay (delegateBySig); needs no ETH");
        var validFor = Opt.Text("--valid-for", "With --sign-to: how long the signature may be relayed (a duration, default 7d)");
        var command = new Command("delegate", "Delegate your votes, or sign a delegation for someone else to relay").With(to, signTo, validFor);
        app.Handle(command, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            var delegatee = ctx.Get(to) is { } t ? ctx.AddressOf(t, "--to") : chain.RequireAccount("delegate");
            if (ctx.Get(signTo) is { } file)
            {
                await SignDelegationAsync(ctx, chain, platform, delegatee, ctx.PathOf(file), ctx.Get(validFor) is { } v ? Duration.ParseSeconds(v) : 7 * 86_400).ConfigureAwait(false);
                return;
            }
            if (ctx.Get(validFor) is not null)
            {
                throw PlatformException.BadInput("--valid-for goes with --sign-to: a delegation sent now does not expire");
            }
            var outcome = await new GovernanceService(chain, platform).DelegateAsync(delegatee, ctx.CancellationToken).ConfigureAwait(false);
            BigInteger votes = await platform.Token.GetVotesAsync(delegatee, cancellationToken: ctx.CancellationToken).ConfigureAwait(false);
            ctx.RenderTransactions([outcome], new JsonObject { ["delegatee"] = delegatee.ToString(), ["votes"] = Output.Number(votes) },
                $"delegated to {delegatee}, who now has {EtherAmount.Format(votes)} votes");
        });
        return command;
    }

    /// <summary>Shows the EIP-712 delegation (domain, separator, struct hash, digest), signs it and writes the file; sends nothing.</summary>
    private static async Task SignDelegationAsync(CommandContext ctx, ChainConnection chain, PlatformContracts platform, Address delegatee, string path, ulong validFor)
    {
        if (validFor == 0)
        {
            throw PlatformException.BadInput("--valid-for must be longer than 0 s");
        }
        JsonFile.CheckNew(path, "delegation");
        var signer = new DelegationSigner(chain, platform);
        var (request, nonce, expiry) = await signer.PrepareAsync(delegatee, validFor, ctx.CancellationToken).ConfigureAwait(false);
        Address delegator = chain.Key!.Address;
        JsonObject shown = Signing.TypedDataDisplay.Show(ctx, request,
        [
            $"delegator         {delegator}",
            $"delegatee         {delegatee}",
            $"token nonce       {nonce}",
            $"expires           {UnitFormat.Timestamp(expiry)}",
        ], new JsonObject { ["delegator"] = delegator.ToString(), ["delegatee"] = delegatee.ToString(), ["nonce"] = Output.Number(nonce), ["expiry"] = Output.Number(expiry) });
        SignedDelegation delegation = signer.Sign(request, delegatee, nonce, expiry);
        await JsonFile.WriteNewAsync(path, delegation.ToJson(), "delegation", ctx.CancellationToken).ConfigureAwait(false);
        ctx.Render(new JsonObject { ["delegator"] = delegator.ToString(), ["delegatee"] = delegatee.ToString(), ["expiry"] = Output.Number(expiry), ["file"] = path,
            ["domainSeparator"] = shown["domainSeparator"]!.DeepClone(), ["structHash"] = shown["structHash"]!.DeepClone(), ["digest"] = shown["digest"]!.DeepClone() },
            console => console.WriteLine($"signed a delegation of {delegator}'s votes to {delegatee}, valid until {UnitFormat.Timestamp(expiry)}, written to {path}"));
    }

    private static Command Propose(CliApp app)
    {
        var description = Opt.Text("--description", "What the proposal does, in words (its id depends on it)", required: true);
        var fund = Opt.Text("--fund-task-committee", "Fund a training task: send this much ETH from the treasury to the task committee's multisig vault");
        var transfer = Opt.Many("--transfer", "Move treasury funds: TO=AMOUNT (ETH) or TO=AMOUNT@TOKEN (an ERC-20)");
        var window = Opt.Text("--challenge-window", "Set the verifier's challenge window (a duration)");
        var bond = Opt.Text("--min-bond", "Set the verifier's minimum evaluator bond (ETH)");
        var share = Opt.Text("--challenger-share", "Set the challenger's share of a slashed bond (basis points)");
        var revenue = Opt.Many("--revenue-share", "Give revenue shares: ACCOUNT=SHARES");
        var call = Opt.Many("--call", "A raw call: TARGET:VALUE:0xDATA (VALUE in ETH)");
        var output = Opt.Text("--out", "Where to write the proposal file (needed to queue and execute)", required: true);
        var command = new Command("propose", "Propose typed actions from the treasury").With(description, fund, transfer, window, bond, share, revenue, call, output);
        app.Handle(command, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            var actions = new List<ProposalAction>();
            if (ctx.Get(fund) is { } f) actions.Add(ProposalAction.FundTaskCommittee(platform, EtherAmount.Parse(f)));
            foreach (string t in ctx.Get(transfer) ?? [])
            {
                (string to, string rest) = Split(t, '=', "--transfer", "TO=AMOUNT[@TOKEN]");
                string[] amountToken = rest.Split('@');
                actions.Add(ProposalAction.Transfer(ctx.AddressOf(to, "--transfer recipient"), EtherAmount.Parse(amountToken[0]),
                    amountToken.Length > 1 ? ctx.AddressOf(amountToken[1], "--transfer token") : null));
            }
            if (ctx.Get(window) is { } w) actions.Add(ProposalAction.SetChallengeWindow(platform, Duration.ParseSeconds(w)));
            if (ctx.Get(bond) is { } b) actions.Add(ProposalAction.SetMinEvaluatorBond(platform, EtherAmount.Parse(b)));
            if (ctx.Get(share) is { } s) actions.Add(ProposalAction.SetChallengerShare(platform, InputParsing.ParseInteger(s, "--challenger-share")));
            foreach (string r in ctx.Get(revenue) ?? [])
            {
                (string account, string shares) = Split(r, '=', "--revenue-share", "ACCOUNT=SHARES");
                actions.Add(ProposalAction.SetRevenueShares(platform, ctx.AddressOf(account, "--revenue-share account"), InputParsing.ParseInteger(shares, "--revenue-share shares")));
            }
            foreach (string c in ctx.Get(call) ?? [])
            {
                string[] parts = c.Split(':');
                if (parts.Length != 3)
                {
                    throw PlatformException.BadInput($"--call '{c}' is not TARGET:VALUE:0xDATA");
                }
                actions.Add(ProposalAction.Raw(ctx.AddressOf(parts[0], "--call target"), EtherAmount.Parse(parts[1]), InputParsing.ParseHex(parts[2], "--call data")));
            }
            // The file queue and execute need is checked before anything is sent, and written before the proposal is.
            string path = ctx.PathOf(ctx.Require(output));
            JsonFile.CheckNew(path, "proposal");
            if (actions.Count == 0)
            {
                throw PlatformException.BadInput("a proposal needs at least one action (--fund-task-committee, --transfer, --challenge-window, --min-bond, --challenger-share, --revenue-share or --call)");
            }
            await CheckBeforeProposingAsync(chain, platform, actions, ctx.CancellationToken).ConfigureAwait(false);
            var record = new ProposalFile(platform.Governor.Address, chain.ChainId, 0, ctx.Require(description), actions);
            record = record with
            {
                ProposalId = await platform.Governor.HashProposalAsync(record.Targets, record.Values, record.Calldatas, record.DescriptionHash, cancellationToken: ctx.CancellationToken).ConfigureAwait(false),
            };
            if (!ctx.Settings.DryRun)
            {
                await JsonFile.WriteNewAsync(path, record.ToJson(), "proposal", ctx.CancellationToken).ConfigureAwait(false);
            }
            ProposalFile proposal;
            TransactionOutcome outcome;
            try
            {
                (proposal, outcome) = await new GovernanceService(chain, platform).ProposeAsync(actions, record.Description, ctx.CancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (Signing.NothingSent.Is(e) && !ctx.Settings.DryRun)
            {
                // Nothing reached the chain: a record of a proposal that does not exist would only mislead.
                File.Delete(path);
                throw;
            }
            ctx.RenderTransactions([outcome],
                new JsonObject { ["proposalId"] = Output.Number(proposal.ProposalId), ["file"] = path, ["actions"] = new JsonArray([.. actions.Select(a => (JsonNode)a.Summary)]) },
                $"proposal {proposal.ProposalId} ({actions.Count} actions: {string.Join("; ", actions.Select(a => a.Summary))}) written to {path}");
        });
        return command;
    }

    /// <summary>
    /// The protocol's pre-check (<see cref="ProposalPreflight"/>: the actions run as the timelock will run them), with
    /// each action named by the CLI's own summary, so that <c>propose</c> refuses an action that would revert at
    /// execution, naming the bound.
    /// </summary>
    /// <exception cref="PlatformException">An action would revert, or the actions send more ETH than the treasury holds.</exception>
    private static async Task CheckBeforeProposingAsync(ChainConnection chain, PlatformContracts platform, IReadOnlyList<ProposalAction> actions, CancellationToken cancellationToken)
    {
        PreflightFault? fault = await ProposalPreflight.CheckAsync(
            chain.Eth, platform.Timelock.Address, [.. actions.Select(a => new ProposalCall(a.Target, a.Value, a.Calldata))], cancellationToken).ConfigureAwait(false);
        if (fault is null)
        {
            return;
        }
        throw PlatformException.BadInput(fault is { Action: int i, Revert: string revert }
            ? $"action {i + 1} ({actions[i].Summary}) would revert when the timelock executes it: {revert}"
            : fault.Message);
    }

    private static Command Vote(CliApp app)
    {
        var proposal = Opt.Arg("proposal", "The proposal: its file or its id");
        var support = Opt.Text("--support", "for, against or abstain", required: true);
        var signTo = Opt.Text("--sign-to", "Do not send: sign an EIP-712 ballot to this file, for anyone to relay");
        var reason = Opt.Text("--reason", "Why you vote so, kept on chain with the vote (castVoteWithReason); not with --sign-to");
        var command = new Command("vote", "Vote on a proposal, or sign a ballot for someone else to relay").With(proposal, support, signTo, reason);
        app.Handle(command, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            BigInteger id = await ProposalIdAsync(ctx, ctx.Get(proposal)!).ConfigureAwait(false);
            VoteSupport choice = ParseSupport(ctx.Require(support));
            var governance = new GovernanceService(chain, platform);
            string? why = ctx.Get(reason);
            if (ctx.Get(signTo) is { } file)
            {
                if (why is not null)
                {
                    throw PlatformException.BadInput("--reason cannot go with --sign-to: a relayed ballot carries no reason");
                }
                string path = ctx.PathOf(file);
                JsonFile.CheckNew(path, "ballot");
                // Shown first, as a hardware wallet would: the domain, its separator, the struct hash and the digest.
                var signer = new BallotSigner(chain, platform);
                var (request, nonce) = await signer.PrepareAsync(id, choice, ctx.CancellationToken).ConfigureAwait(false);
                JsonObject shown = Signing.TypedDataDisplay.Show(ctx, request,
                [
                    $"proposal          {id}",
                    $"support           {choice.ToString().ToLowerInvariant()}",
                    $"voter             {chain.Key!.Address}",
                    $"ballot nonce      {nonce}",
                ], new JsonObject { ["proposalId"] = Output.Number(id), ["support"] = choice.ToString().ToLowerInvariant(), ["voter"] = chain.Key!.Address.ToString(), ["nonce"] = Output.Number(nonce) });
                SignedBallot ballot = signer.Sign(request, id, choice, nonce);
                await JsonFile.WriteNewAsync(path, ballot.ToJson(), "ballot", ctx.CancellationToken).ConfigureAwait(false);
                ctx.Render(new JsonObject { ["proposalId"] = Output.Number(id), ["support"] = choice.ToString().ToLowerInvariant(), ["voter"] = ballot.Voter.ToString(), ["file"] = path,
                    ["domainSeparator"] = shown["domainSeparator"]!.DeepClone(), ["structHash"] = shown["structHash"]!.DeepClone(), ["digest"] = shown["digest"]!.DeepClone() },
                    console => console.WriteLine($"signed a ballot '{choice.ToString().ToLowerInvariant()}' on proposal {id} by {ballot.Voter}, written to {path}"));
                return;
            }
            var outcome = await governance.VoteAsync(id, choice, why, ctx.CancellationToken).ConfigureAwait(false);
            ctx.RenderTransactions([outcome], new JsonObject { ["proposalId"] = Output.Number(id), ["support"] = choice.ToString().ToLowerInvariant(), ["reason"] = why },
                $"voted {choice.ToString().ToLowerInvariant()} on proposal {id}");
        });
        return command;
    }

    private static Command Relay(CliApp app)
    {
        var signed = Opt.Arg("file", "A ballot file from 'dao vote --sign-to' or a delegation file from 'dao delegate --sign-to'");
        var command = new Command("relay", "Relay a signed ballot (castVoteBySig) or delegation (delegateBySig): you pay the gas, the signer's votes count").With(signed);
        app.Handle(command, async ctx =>
        {
            string path = ctx.PathOf(ctx.Get(signed)!);
            // One parser with the node's relayer: a delegation names a delegatee, a ballot a proposalId.
            JsonObject json = await JsonFile.ReadAsync(path, "ballot or delegation", ctx.CancellationToken).ConfigureAwait(false);
            T Read<T>(Func<JsonObject, T> parse)
            {
                try
                {
                    return parse(json);
                }
                catch (SignedFileException e)
                {
                    throw PlatformException.BadInput($"{path}: {e.Message}", e);
                }
            }
            SignedFileKind kind = Read(SignedFile.KindOf);
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            if (kind == SignedFileKind.Delegation)
            {
                SignedDelegation delegation = Read(SignedDelegation.Parse);
                var delegated = await new GovernanceService(chain, platform).RelayDelegationAsync(delegation, ctx.CancellationToken).ConfigureAwait(false);
                ctx.RenderTransactions([delegated], new JsonObject { ["delegator"] = delegation.Delegator.ToString(), ["delegatee"] = delegation.Delegatee.ToString() },
                    $"relayed {delegation.Delegator}'s delegation of its votes to {delegation.Delegatee}");
                return;
            }
            SignedBallot ballot = Read(SignedBallot.Parse);
            var outcome = await new GovernanceService(chain, platform).RelayBallotAsync(ballot, ctx.CancellationToken).ConfigureAwait(false);
            ctx.RenderTransactions([outcome], new JsonObject { ["proposalId"] = Output.Number(ballot.ProposalId), ["voter"] = ballot.Voter.ToString(), ["support"] = ballot.Support.ToString().ToLowerInvariant() },
                $"relayed {ballot.Voter}'s ballot '{ballot.Support.ToString().ToLowerInvariant()}' on proposal {ballot.ProposalId}");
        });
        return command;
    }

    private static Command Queue(CliApp app) => ProposalStep(app, "queue", "Queue a succeeded proposal in the timelock", (g, p, ct) => g.QueueAsync(p, ct), "queued");

    private static Command Execute(CliApp app) => ProposalStep(app, "execute", "Execute a queued proposal once the timelock delay has passed", (g, p, ct) => g.ExecuteAsync(p, ct), "executed");

    private static Command ProposalStep(CliApp app, string name, string description, Func<GovernanceService, ProposalFile, CancellationToken, Task<TransactionOutcome>> step, string verb)
    {
        var proposal = Opt.Arg("proposal-file", "The proposal file 'dao propose --out' wrote");
        var command = new Command(name, description).With(proposal);
        app.Handle(command, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            ProposalFile file = await ProposalFile.LoadAsync(ctx.PathOf(ctx.Get(proposal)!), ctx.CancellationToken).ConfigureAwait(false);
            var outcome = await step(new GovernanceService(chain, platform), file, ctx.CancellationToken).ConfigureAwait(false);
            ctx.RenderTransactions([outcome], new JsonObject { ["proposalId"] = Output.Number(file.ProposalId) }, $"{verb} proposal {file.ProposalId}");
        });
        return command;
    }

    private static Command Status(CliApp app)
    {
        var proposal = Opt.Arg("proposal", "The proposal: its file or its id");
        var command = new Command("status", "A proposal's state, tallies, quorum and times").With(proposal);
        app.Handle(command, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: false).ConfigureAwait(false);
            BigInteger id = await ProposalIdAsync(ctx, ctx.Get(proposal)!).ConfigureAwait(false);
            ProposalStatus s = await new GovernanceService(chain, platform).StatusAsync(id, ctx.CancellationToken).ConfigureAwait(false);
            ulong now = await chain.LatestTimestampAsync(ctx.CancellationToken).ConfigureAwait(false);
            ctx.Render(new JsonObject
            {
                ["proposalId"] = Output.Number(id),
                ["state"] = s.State.ToString(),
                ["for"] = Output.Number(s.ForVotes),
                ["against"] = Output.Number(s.AgainstVotes),
                ["abstain"] = Output.Number(s.AbstainVotes),
                ["quorum"] = Output.Number(s.Quorum),
                ["voteStart"] = s.VoteStart,
                ["voteEnd"] = s.VoteEnd,
                ["eta"] = s.Eta,
                ["now"] = now,
            }, console =>
            {
                var table = new Table().AddColumn("proposal").AddColumn(id.ToString(CultureInfo.InvariantCulture));
                table.AddRow("state", s.State.ToString());
                table.AddRow("for / against / abstain", $"{EtherAmount.Format(s.ForVotes)} / {EtherAmount.Format(s.AgainstVotes)} / {EtherAmount.Format(s.AbstainVotes)}");
                table.AddRow("quorum", EtherAmount.Format(s.Quorum));
                table.AddRow("voting opens", Times.Describe(s.VoteStart, now));
                table.AddRow("voting closes", Times.Describe(s.VoteEnd, now));
                table.AddRow("executable from", s.Eta == 0 ? "- (not queued)" : Times.Describe(s.Eta, now));
                console.Write(table);
            });
        });
        return command;
    }

    private static Command Proposals(CliApp app)
    {
        var since = Opt.Text("--since", "How far back, by the chain's time (e.g. 7d, 12h; default 30d)");
        var fromBlock = Opt.Text("--from-block", "List the proposals created from this block on (instead of --since)");
        var command = new Command("proposals", "The governor's recent proposals with their state (default: created in the last 30 days)").With(since, fromBlock);
        app.Handle(command, async ctx =>
        {
            if (ctx.Get(since) is not null && ctx.Get(fromBlock) is not null)
            {
                throw PlatformException.BadInput("--since and --from-block both say where the list starts: give one");
            }
            ulong? startBlock = ctx.Get(fromBlock) is { } block ? (ulong)InputParsing.ParseInteger(block, "--from-block") : null;
            ulong window = Duration.ParseSeconds(ctx.Get(since) ?? "30d");
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: false).ConfigureAwait(false);
            ulong head = await chain.Eth.BlockNumberAsync(ctx.CancellationToken).ConfigureAwait(false);
            var options = new ReadOptions { StartBlock = Math.Max(platform.Addresses.DeploymentBlock, startBlock ?? 0) };
            ulong now = await chain.LatestTimestampAsync(ctx.CancellationToken).ConfigureAwait(false);
            ulong after = now > window ? now - window : 0;
            // A recent window, as explorers and Tally show by default: its first block by bisection over headers, then one
            // bounded log scan from there, not from the governor's deployment (docs/protocol.md, ProposalLog).
            var (from, created) = startBlock is not null
                ? (options.StartBlock, await ProposalLog.AllAsync(platform.Governor, options, head, ctx.CancellationToken).ConfigureAwait(false))
                : await ProposalLog.SinceAsync(platform.Governor, options, head, after, ctx.CancellationToken).ConfigureAwait(false);
            var governance = new GovernanceService(chain, platform);
            var rows = new JsonArray();
            foreach (var p in created)
            {
                var status = await governance.StatusAsync(p.ProposalId, ctx.CancellationToken).ConfigureAwait(false);
                rows.Add(new JsonObject
                {
                    ["proposalId"] = Output.Number(p.ProposalId), ["state"] = status.State.ToString(), ["proposer"] = p.Proposer.ToString(),
                    ["description"] = p.Description, ["actions"] = p.Targets.Count, ["voteEnd"] = status.VoteEnd, ["eta"] = status.Eta,
                });
            }
            ctx.Render(new JsonObject { ["proposals"] = rows, ["fromBlock"] = from, ["now"] = now }, console =>
            {
                console.WriteLine(startBlock is not null
                    ? $"proposals created from block {from} on"
                    : $"proposals created since {UnitFormat.Timestamp(after)} (block {from} on; older: --since or --from-block)");
                var table = new Table().AddColumn("proposal").AddColumn("state").AddColumn("voting closes").AddColumn("executable from").AddColumn("actions").AddColumn("description");
                foreach (var r in rows)
                {
                    ulong eta = r!["eta"]!.GetValue<ulong>();
                    table.AddRow(Markup.Escape(r["proposalId"]!.GetValue<string>()), r["state"]!.GetValue<string>(),
                        Times.Describe(r["voteEnd"]!.GetValue<ulong>(), now), eta == 0 ? "-" : Times.Describe(eta, now),
                        r["actions"]!.ToString(), Markup.Escape(r["description"]!.GetValue<string>().Split('\n')[0]));
                }
                console.Write(table);
            });
        });
        return command;
    }

    private static Command Proposal(CliApp app)
    {
        var id = Opt.Arg("proposal-id", "The proposal's id");
        var output = Opt.Text("--out", "Where to write the rebuilt proposal file", required: true);
        var get = new Command("get", "Rebuild a lost proposal file from the chain (its ProposalCreated event): what queue and execute need").With(id, output);
        app.Handle(get, async ctx =>
        {
            string path = ctx.PathOf(ctx.Require(output));
            JsonFile.CheckNew(path, "proposal");
            BigInteger proposalId = InputParsing.ParseInteger(ctx.Get(id)!, "proposal id");
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: false).ConfigureAwait(false);
            ulong head = await chain.Eth.BlockNumberAsync(ctx.CancellationToken).ConfigureAwait(false);
            var created = await Protocol.Reads.ProposalLog.FindAsync(platform.Governor, new Protocol.Reads.ReadOptions { StartBlock = platform.Addresses.DeploymentBlock }, head, proposalId, ctx.CancellationToken).ConfigureAwait(false)
                ?? throw PlatformException.NotFound($"proposal {proposalId} was never created on the governor {platform.Governor.Address}");
            var actions = created.Targets.Select((t, i) => ProposalAction.Raw(t, created.Values[i], created.Calldatas[i])).ToList();
            var file = new ProposalFile(platform.Governor.Address, chain.ChainId, proposalId, created.Description, actions);
            await JsonFile.WriteNewAsync(path, file.ToJson(), "proposal", ctx.CancellationToken).ConfigureAwait(false);
            ctx.Render(new JsonObject { ["proposalId"] = Output.Number(proposalId), ["file"] = path, ["actions"] = actions.Count },
                console => console.WriteLine($"proposal {proposalId} ({actions.Count} actions) rebuilt from the chain into {path}"));
        });
        return new Command("proposal", "One proposal: get (rebuild its file from the chain)").With(get);
    }

    private static Command GiveTokens(CliApp app)
    {
        var to = Opt.Text("--to", "Recipient", required: true);
        var amount = Opt.Text("--amount", "Tokens (e.g. 200000)", required: true);
        var command = new Command("give-tokens", "Transfer DAO tokens (voting power once delegated) to a member").With(to, amount);
        app.Handle(command, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            var recipient = ctx.AddressOf(ctx.Require(to), "--to");
            BigInteger value = EtherAmount.Parse(ctx.Require(amount));
            var outcome = await new MoveSender(chain).SendAsync(Protocol.Moves.TransferMoves.Tokens(platform.Token.Address, recipient, value), ctx.CancellationToken).ConfigureAwait(false);
            ctx.RenderTransactions([outcome], new JsonObject { ["to"] = recipient.ToString(), ["amount"] = Output.Number(value) },
                $"sent {EtherAmount.Format(value)} tokens to {recipient}");
        });
        return command;
    }

    private static Command FundTreasury(CliApp app)
    {
        var amount = Opt.Text("--amount", "ETH to send to the treasury (the timelock)", required: true);
        var command = new Command("fund-treasury", "Send ETH to the DAO's treasury").With(amount);
        app.Handle(command, async ctx =>
        {
            var (chain, platform) = await ctx.OpenPlatformAsync(sign: true).ConfigureAwait(false);
            BigInteger value = EtherAmount.Parse(ctx.Require(amount));
            var outcome = await new MoveSender(chain).SendAsync(Protocol.Moves.TransferMoves.Ether(platform.Timelock.Address, value, "the treasury"), ctx.CancellationToken).ConfigureAwait(false);
            BigInteger balance = await chain.Eth.GetBalanceAsync(platform.Timelock.Address, cancellationToken: ctx.CancellationToken).ConfigureAwait(false);
            ctx.RenderTransactions([outcome], new JsonObject { ["treasury"] = platform.Timelock.Address.ToString(), ["balance"] = Output.Number(balance) },
                $"the treasury {platform.Timelock.Address} holds {EtherAmount.Format(balance)} ETH");
        });
        return command;
    }

    internal static async Task<BigInteger> ProposalIdAsync(CommandContext ctx, string text)
    {
        string path = ctx.PathOf(text);
        return File.Exists(path)
            ? (await ProposalFile.LoadAsync(path, ctx.CancellationToken).ConfigureAwait(false)).ProposalId
            : text.All(char.IsAsciiDigit) ? InputParsing.ParseInteger(text, "proposal id") : throw PlatformException.BadInput($"proposal '{text}' is neither a proposal file nor a proposal id");
    }

    private static VoteSupport ParseSupport(string text) =>
        Enum.TryParse(text, ignoreCase: true, out VoteSupport s) && Enum.IsDefined(s) && !text.All(char.IsAsciiDigit)
            ? s
            : throw PlatformException.BadInput($"--support '{text}' is not for, against or abstain");

    private static (string, string) Split(string text, char separator, string option, string shape)
    {
        int at = text.IndexOf(separator, StringComparison.Ordinal);
        return at > 0 ? (text[..at], text[(at + 1)..]) : throw PlatformException.BadInput($"{option} '{text}' is not {shape}");
    }

}
