using System.Numerics;
using DaoPlatform.Contracts.Governance;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Deployment;
using DaoPlatform.Platform.Governance;
using DaoPlatform.Protocol;
using DaoPlatform.Protocol.Rules;
using DaoPlatform.Protocol.Signed;
using DaoPlatform.Services;

// In the namespace of the shared Devnet [SetUpFixture], so that it starts a devnet for these tests.
namespace DaoPlatform.Ethereum.IntegrationTests.Services;

/// <summary>
/// The relayer on the devnet: ballots signed with the CLI's <see cref="GovernanceService.SignBallotAsync"/> and dropped
/// in the inbox are cast by the node's relayer account (which pays the gas); a forged and a replayed ballot are
/// rejected with the reason and cost nothing; likewise delegations (<c>delegateBySig</c>) from a holder with no ETH,
/// and a forged, expired or replayed one; the daily gas budget stops relaying.
/// </summary>
public sealed class RelayerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly EthereumKey RelayerKey = DevKeys.Key(DevKeys.Finalizer);
    private static readonly EthereumKey Voter = DevKeys.Key(DevKeys.TrainerA);
    private static readonly EthereumKey SecondVoter = DevKeys.Key(DevKeys.TrainerB);

    [Test]
    public async Task A_signed_ballot_is_cast_by_the_relayer_and_a_forged_or_replayed_one_is_rejected_without_a_transaction()
    {
        using var inbox = new Inbox();
        await using Governance dao = await Governance.DeployAsync();
        SignedBallot ballot = await dao.SignAsync(Voter, VoteSupport.For);
        // Mallory signs the voter's ballot (same proposal, support and nonce) with her own key.
        SignedBallot forged = (await dao.SignAsync(DevKeys.Key(DevKeys.Mallory), VoteSupport.Against)) with { Voter = Voter.Address, Nonce = ballot.Nonce };
        BigInteger voterBalance = await dao.Chain.Eth.GetBalanceAsync(Voter.Address);
        BigInteger relayerBalance = await dao.Chain.Eth.GetBalanceAsync(RelayerKey.Address);
        ulong relayerNonce = await dao.Chain.Eth.GetTransactionCountAsync(RelayerKey.Address);
        await inbox.DropAsync("a-forged.json", forged);
        await inbox.DropAsync("b-ballot.json", ballot);

        await using NodeHost node = await StartRelayerAsync(dao, inbox, budget: null);
        await NodeHost.WaitForAsync(() => Task.FromResult(inbox.Relayed("b-ballot.json")), "the ballot relayed", Patience, node);
        await NodeHost.WaitForAsync(() => Task.FromResult(inbox.Rejected("a-forged.json")), "the forged ballot rejected", Patience, node);

        var votes = await dao.Contracts.Governor.ProposalVotesAsync(dao.ProposalId);
        Assert.That(votes.ForVotes, Is.EqualTo(await dao.Contracts.Token.GetVotesAsync(Voter.Address)), "the voter's votes counted for");
        Assert.That(votes.AgainstVotes, Is.EqualTo(BigInteger.Zero), "the forged ballot counted nothing");
        Assert.That(await dao.Chain.Eth.GetBalanceAsync(Voter.Address), Is.EqualTo(voterBalance), "the voter paid nothing");
        Assert.That(await dao.Chain.Eth.GetBalanceAsync(RelayerKey.Address), Is.LessThan(relayerBalance), "the relayer paid the gas");
        Assert.That(await dao.Chain.Eth.GetTransactionCountAsync(RelayerKey.Address), Is.EqualTo(relayerNonce + 1), "one transaction: none for the forged ballot");
        Assert.That(inbox.Reason("a-forged.json"), Does.Contain($"not by the voter {Voter.Address}"));
        Assert.That(node.Logs.Lines.Count(l => l.Contains("Rejected ballot a-forged.json", StringComparison.Ordinal)), Is.EqualTo(1), "logged once");

        // The same ballot again: the governor's nonce for the voter has moved on.
        await inbox.DropAsync("c-replayed.json", ballot);
        // The relayer looks at the inbox on each new block; the devnet makes one only for a transaction.
        await AnvilCheats.AdvanceAsync(dao.Chain.Eth, 1);
        await NodeHost.WaitForAsync(() => Task.FromResult(inbox.Rejected("c-replayed.json")), "the replayed ballot rejected", Patience, node);
        Assert.That(inbox.Reason("c-replayed.json"), Does.Contain($"nonce {ballot.Nonce} is not the voter's current nonce {ballot.Nonce + 1}"));
        Assert.That(await dao.Chain.Eth.GetTransactionCountAsync(RelayerKey.Address), Is.EqualTo(relayerNonce + 1), "no transaction for the replay");
    }

    [Test]
    public async Task A_signed_delegation_from_a_holder_without_ETH_is_relayed_and_a_replayed_expired_or_forged_one_is_refused_without_gas()
    {
        using var inbox = new Inbox();
        await using Governance dao = await Governance.DeployAsync();
        // A holder with tokens and no ETH at all: it can only delegate by signature.
        EthereumKey holder = EthereumKey.Generate();
        BigInteger tokens = 1_000_000_000_000_000_000;
        using (ChainConnection voter = await ChainConnection.OpenAsync(Devnet.Url, null, Voter))
        {
            await new MoveSender(voter).SendAsync(Protocol.Moves.TransferMoves.Tokens(dao.Contracts.Token.Address, holder.Address, tokens));
        }
        Assert.That(await dao.Chain.Eth.GetBalanceAsync(holder.Address), Is.EqualTo(BigInteger.Zero));
        Assert.That(await dao.Contracts.Token.GetVotesAsync(holder.Address), Is.EqualTo(BigInteger.Zero), "undelegated tokens do not vote");

        SignedDelegation delegation = await dao.SignDelegationAsync(holder, holder.Address, validFor: 3600);
        // Mallory signs the same delegation with her key; the file still names the holder.
        SignedDelegation forged = (await dao.SignDelegationAsync(DevKeys.Key(DevKeys.Mallory), holder.Address, validFor: 3600)) with { Delegator = holder.Address, Nonce = delegation.Nonce };
        SignedDelegation expiring = await dao.SignDelegationAsync(SecondVoter, SecondVoter.Address, validFor: 5);
        ulong relayerNonce = await dao.Chain.Eth.GetTransactionCountAsync(RelayerKey.Address);
        // The expiring one passes its expiry before the relayer starts.
        await AnvilCheats.AdvanceAsync(dao.Chain.Eth, 60);
        await inbox.DropAsync("a-forged.json", forged.ToJson());
        await inbox.DropAsync("b-delegation.json", delegation.ToJson());
        await inbox.DropAsync("c-expired.json", expiring.ToJson());

        await using NodeHost node = await StartRelayerAsync(dao, inbox, budget: null);
        await NodeHost.WaitForAsync(() => Task.FromResult(inbox.Relayed("b-delegation.json")), "the delegation relayed", Patience, node);
        await NodeHost.WaitForAsync(() => Task.FromResult(inbox.Rejected("a-forged.json") && inbox.Rejected("c-expired.json")), "the forged and expired delegations rejected", Patience, node);

        Assert.That(await dao.Contracts.Token.GetVotesAsync(holder.Address), Is.EqualTo(tokens), "the holder's tokens now vote");
        Assert.That(await dao.Contracts.Token.DelegatesAsync(holder.Address), Is.EqualTo(holder.Address));
        Assert.That(await dao.Contracts.Token.DelegatesAsync(SecondVoter.Address), Is.Not.EqualTo(SecondVoter.Address), "the expired delegation changed nothing");
        Assert.That(await dao.Chain.Eth.GetBalanceAsync(holder.Address), Is.EqualTo(BigInteger.Zero), "the holder paid nothing");
        Assert.That(await dao.Chain.Eth.GetTransactionCountAsync(RelayerKey.Address), Is.EqualTo(relayerNonce + 1), "one transaction: none for the refused ones");
        Assert.That(inbox.Reason("a-forged.json"), Does.Contain($"not by the delegator {holder.Address}"));
        Assert.That(inbox.Reason("c-expired.json"), Does.StartWith("expired at"));
        Assert.That(node.Logs.Lines.Count(l => l.Contains("Rejected delegation a-forged.json", StringComparison.Ordinal)), Is.EqualTo(1), "logged once");
        Assert.That(node.Logs.Lines.Count(l => l.Contains("Rejected delegation c-expired.json", StringComparison.Ordinal)), Is.EqualTo(1), "logged once");

        // The same delegation again: the token's nonce for the holder has moved on.
        await inbox.DropAsync("d-replayed.json", delegation.ToJson());
        await AnvilCheats.AdvanceAsync(dao.Chain.Eth, 1);
        await NodeHost.WaitForAsync(() => Task.FromResult(inbox.Rejected("d-replayed.json")), "the replayed delegation rejected", Patience, node);
        Assert.That(inbox.Reason("d-replayed.json"), Does.Contain($"nonce {delegation.Nonce} is not the delegator's current nonce {delegation.Nonce + 1}"));
        Assert.That(await dao.Chain.Eth.GetTransactionCountAsync(RelayerKey.Address), Is.EqualTo(relayerNonce + 1), "no transaction for the replay");
    }

    [Test]
    public async Task The_daily_gas_budget_stops_relaying_once_spent()
    {
        using var inbox = new Inbox();
        await using Governance dao = await Governance.DeployAsync();
        await inbox.DropAsync("a-first.json", await dao.SignAsync(Voter, VoteSupport.For));
        await inbox.DropAsync("b-second.json", await dao.SignAsync(SecondVoter, VoteSupport.Against));
        ulong relayerNonce = await dao.Chain.Eth.GetTransactionCountAsync(RelayerKey.Address);

        // One castVoteBySig costs far more than 1,000 gas: the first ballot spends the day's budget.
        await using NodeHost node = await StartRelayerAsync(dao, inbox, budget: 1_000);
        await NodeHost.WaitForAsync(() => Task.FromResult(inbox.Relayed("a-first.json")), "the first ballot relayed", Patience, node);
        await NodeHost.WaitForAsync(() => Task.FromResult(node.Logs.Contains("Relaying stopped until UTC midnight")), "the budget's log line", Patience, node);
        // New blocks plan the job again; it still relays nothing.
        await AnvilCheats.AdvanceAsync(dao.Chain.Eth, 1);
        await AnvilCheats.AdvanceAsync(dao.Chain.Eth, 1);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.That(inbox.Waiting("b-second.json"), Is.True, "the second ballot waits in the inbox");
        Assert.That(await dao.Chain.Eth.GetTransactionCountAsync(RelayerKey.Address), Is.EqualTo(relayerNonce + 1));
        Assert.That(node.Logs.Lines.Count(l => l.Contains("Relaying stopped", StringComparison.Ordinal)), Is.EqualTo(1), "logged once");
    }

    [Test]
    public async Task A_ballot_posted_to_the_node_is_relayed_and_a_malformed_one_is_refused()
    {
        using var inbox = new Inbox();
        await using Governance dao = await Governance.DeployAsync();
        SignedBallot ballot = await dao.SignAsync(Voter, VoteSupport.Against);
        int port = Devnet.FreePort();
        await using NodeHost node = await StartRelayerAsync(dao, inbox, budget: null, new Dictionary<string, string?> { ["Node:HealthUrl"] = $"http://127.0.0.1:{port}/" });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        using HttpResponseMessage bad = await http.PostAsync("ballots", new StringContent("{\"proposalId\": \"1\", \"governor\": \"0x12\"}"));
        Assert.That((int)bad.StatusCode, Is.EqualTo(400));
        Assert.That(System.Text.Json.Nodes.JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), Does.StartWith("not a ballot file: the field 'governor' is not an address: '0x12'"));
        using HttpResponseMessage neither = await http.PostAsync("ballots", new StringContent("{\"governor\": \"0x12\"}"));
        Assert.That((int)neither.StatusCode, Is.EqualTo(400));
        Assert.That(await neither.Content.ReadAsStringAsync(), Does.Contain("neither a ballot"));

        using HttpResponseMessage accepted = await http.PostAsync("ballots", new StringContent(ballot.ToJson().ToJsonString()));
        Assert.That((int)accepted.StatusCode, Is.EqualTo(202));
        string name = System.Text.Json.Nodes.JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!["file"]!.GetValue<string>();
        await AnvilCheats.AdvanceAsync(dao.Chain.Eth, 1);
        await NodeHost.WaitForAsync(() => Task.FromResult(inbox.Relayed(name)), "the posted ballot relayed", Patience, node);
        Assert.That((await dao.Contracts.Governor.ProposalVotesAsync(dao.ProposalId)).AgainstVotes, Is.EqualTo(await dao.Contracts.Token.GetVotesAsync(Voter.Address)));
    }

    private static async Task<NodeHost> StartRelayerAsync(Governance dao, Inbox inbox, ulong? budget, Dictionary<string, string?>? settings = null)
    {
        var extra = new Dictionary<string, string?>(settings ?? [])
        {
            ["Node:Governor"] = dao.Contracts.Governor.Address.ToString(),
            ["Relayer:Inbox"] = inbox.Path,
        };
        if (budget is { } b)
        {
            extra["Relayer:DailyGasBudget"] = b.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return await NodeHost.StartAsync(dao.Tasks, NodeRoles.Relayer, new NodeKeys().Set(NodeRoles.Relayer, RelayerKey), extra: extra);
    }

    /// <summary>The whole platform deployed with the C# deployer (voting delay 1 s), the voter's tokens delegated, one Active proposal.</summary>
    private sealed class Governance : IAsyncDisposable
    {
        private Governance(TestPlatform tasks, ChainConnection chain, PlatformContracts contracts, BigInteger proposalId)
        {
            Tasks = tasks;
            Chain = chain;
            Contracts = contracts;
            ProposalId = proposalId;
        }

        public TestPlatform Tasks { get; }

        public ChainConnection Chain { get; }

        public PlatformContracts Contracts { get; }

        public BigInteger ProposalId { get; }

        public static async Task<Governance> DeployAsync()
        {
            TestPlatform tasks = await TestPlatform.DeployAsync();
            ChainConnection deployer = await ChainConnection.OpenAsync(Devnet.Url, null, DevKeys.Key(DevKeys.Deployer));
            DeploymentRecord record = await new PlatformDeployer(deployer).DeployAsync(
                "devnet", publicNetwork: false, new DeploymentParameters { TokenRecipient = Voter.Address, VotingDelay = 1, VotingPeriod = 3600 });
            PlatformAddresses addresses = record.ToAddresses();
            using (ChainConnection voter = await ChainConnection.OpenAsync(Devnet.Url, null, Voter))
            {
                var governance = new GovernanceService(voter, new PlatformContracts(voter.Contracts, addresses));
                await governance.DelegateAsync(Voter.Address);
                await AnvilCheats.AdvanceAsync(voter.Eth, 1);
                (ProposalFile proposal, _) = await governance.ProposeAsync(
                    [ProposalAction.Transfer(Voter.Address, 1)], $"Relayer test {Guid.NewGuid():N}");
                await AnvilCheats.AdvanceAsync(voter.Eth, 2);
                var contracts = new PlatformContracts(deployer.Contracts, addresses);
                Assert.That(await contracts.Governor.StateAsync(proposal.ProposalId), Is.EqualTo((byte)ProposalState.Active));
                return new Governance(tasks, deployer, contracts, proposal.ProposalId);
            }
        }

        /// <summary>Signs a delegation with <paramref name="key"/>, as <c>dao delegate --sign-to</c> does; sends nothing.</summary>
        public async Task<SignedDelegation> SignDelegationAsync(EthereumKey key, Address delegatee, ulong validFor)
        {
            using ChainConnection member = await ChainConnection.OpenAsync(Devnet.Url, null, key);
            var signer = new DelegationSigner(member, new PlatformContracts(member.Contracts, Contracts.Addresses));
            var (request, nonce, expiry) = await signer.PrepareAsync(delegatee, validFor);
            return signer.Sign(request, delegatee, nonce, expiry);
        }

        /// <summary>Signs a ballot with <paramref name="key"/>, as <c>dao vote --sign-to</c> does; sends nothing.</summary>
        public async Task<SignedBallot> SignAsync(EthereumKey key, VoteSupport support)
        {
            using ChainConnection member = await ChainConnection.OpenAsync(Devnet.Url, null, key);
            return await new GovernanceService(member, new PlatformContracts(member.Contracts, Contracts.Addresses)).SignBallotAsync(ProposalId, support);
        }

        public ValueTask DisposeAsync()
        {
            Chain.Dispose();
            Tasks.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A temporary inbox folder.</summary>
    private sealed class Inbox : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("relayer-inbox-").FullName;

        /// <summary>Writes the file as the CLI does, then moves it in whole, so the relayer never reads half a file.</summary>
        public Task DropAsync(string name, SignedBallot ballot) => DropAsync(name, ballot.ToJson());

        /// <summary>Writes a ballot or delegation file's JSON as the CLI does.</summary>
        public async Task DropAsync(string name, System.Text.Json.Nodes.JsonObject json)
        {
            string staging = System.IO.Path.Combine(Path, name + ".tmp");
            await JsonFile.WriteAsync(staging, json);
            File.Move(staging, System.IO.Path.Combine(Path, name));
        }

        public bool Relayed(string name) => File.Exists(System.IO.Path.Combine(Path, "relayed", name));

        public bool Rejected(string name) => File.Exists(System.IO.Path.Combine(Path, "rejected", name));

        public bool Waiting(string name) => File.Exists(System.IO.Path.Combine(Path, name));

        public string Reason(string name) => File.ReadAllText(System.IO.Path.Combine(Path, "rejected", System.IO.Path.ChangeExtension(name, ".reason")));

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
