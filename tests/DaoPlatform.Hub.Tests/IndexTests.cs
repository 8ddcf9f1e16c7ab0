using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Index;
using DaoPlatform.Index.Storage;
using DaoPlatform.Protocol.Rules;

namespace DaoPlatform.Ethereum.IntegrationTests.Hub;

/// <summary>The index on the devnet: it follows the platform's events, and a reorg (anvil snapshot and revert) takes back what it replaced.</summary>
public sealed class IndexTests
{
    [TestCase(IndexDatabase.Sqlite)]
    [TestCase(IndexDatabase.PostgreSql)]
    public async Task FollowsProposalsAndVotesWithTalliesAndQuorum(IndexDatabase database)
    {
        using PrivatePostgres? postgres = database == IndexDatabase.PostgreSql ? PrivatePostgres.Start() : null;
        IndexOptions options = Options();
        options.Database = database;
        options.ConnectionString = postgres?.ConnectionString;
        await using IndexStore store = await IndexStore.OpenAsync(options);
        using var rpc = new JsonRpcClient(Devnet.Url);
        var eth = new EthRpcClient(rpc);
        var follower = new IndexFollower(eth, store, options);
        BigInteger id = await Governance.ProposeTransferAsync("alice", HubFixture.AddressOf("dave"), 1, $"Index test: tally\n\nPays dave 1 wei ({database}).");
        await Governance.AdvanceAsync(61);
        await Governance.VoteAsync("alice", id, 1, "good idea");
        await Governance.VoteAsync("bob", id, 0, "");
        await Governance.AdvanceAsync(1);
        await follower.TickAsync();

        ProposalView? proposal = await new IndexReader(store).ProposalAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(proposal, Is.Not.Null);
        Assert.That(proposal!.Title, Is.EqualTo("Index test: tally"));
        Assert.That(proposal.State, Is.EqualTo(ProposalState.Active));
        Assert.That(proposal.For, Is.EqualTo(100_000 * BigInteger.Pow(10, 18)));
        Assert.That(proposal.Against, Is.EqualTo(100_000 * BigInteger.Pow(10, 18)));
        Assert.That(proposal.VoteOf(HubFixture.AddressOf("alice"))!.Reason, Is.EqualTo("good idea"));
        // 4 % of the 1,000,000 tokens.
        Assert.That(proposal.Quorum, Is.EqualTo(40_000 * BigInteger.Pow(10, 18)));
    }

    [Test]
    public async Task AReorgTakesBackWhatItReplaced()
    {
        IndexOptions options = Options();
        await using IndexStore store = await IndexStore.OpenAsync(options);
        using var rpc = new JsonRpcClient(Devnet.Url);
        var eth = new EthRpcClient(rpc);
        var follower = new IndexFollower(eth, store, options);
        var reader = new IndexReader(store);
        await follower.TickAsync();
        string snapshot = await eth.Rpc.SendAsync(new RpcCall<string>("evm_snapshot", [], (e, _) => e.GetString()!));

        BigInteger replaced = await Governance.ProposeTransferAsync("alice", HubFixture.AddressOf("dave"), 2, "Reorg test: replaced");
        await Governance.AdvanceAsync(1);
        await follower.TickAsync();
        Assert.That(await reader.ProposalAsync(Id(replaced)), Is.Not.Null, "indexed before the reorg");
        IndexedBlock before = (await store.CursorAsync())!.Value;

        bool reverted = await eth.Rpc.SendAsync(new RpcCall<bool>("evm_revert", new JsonArray(snapshot), (e, _) => e.ValueKind == JsonValueKind.True));
        Assert.That(reverted, Is.True);
        BigInteger replacement = await Governance.ProposeTransferAsync("bob", HubFixture.AddressOf("dave"), 3, "Reorg test: the other branch");
        await Governance.AdvanceAsync(1);
        await Governance.AdvanceAsync(1);
        await follower.TickAsync();

        IndexedBlock after = (await store.CursorAsync())!.Value;
        Assert.That(after.Number, Is.GreaterThanOrEqualTo(before.Number));
        Assert.That(await reader.ProposalAsync(Id(replaced)), Is.Null, "the replaced branch's proposal is gone");
        Assert.That((await reader.ProposalAsync(Id(replacement)))?.Title, Is.EqualTo("Reorg test: the other branch"));
        IReadOnlyList<IndexedEvent> created = await store.EventsAsync([IndexKinds.ProposalCreated], limit: 10_000);
        Assert.That(created.Select(e => e.BlockHash).Distinct(), Has.All.Not.Null);
        foreach (IndexedEvent e in created)
        {
            Assert.That((await eth.GetBlockByNumberAsync(BlockTag.Number(e.BlockNumber)))!.Hash, Is.EqualTo(e.BlockHash), $"event of block {e.BlockNumber} is on the chain");
        }
    }

    private static string Id(BigInteger id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static IndexOptions Options()
    {
        var options = new IndexOptions { StartBlock = HubFixture.Deployment.DeploymentBlock, DataDirectory = HubFixture.NewFolder(), MaxLogRange = 7 };
        foreach ((string name, var contract) in HubFixture.Deployment.Contracts)
        {
            options.Contracts[name] = contract.Address;
        }
        return options;
    }
}
