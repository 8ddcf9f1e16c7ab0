using System.Globalization;
using System.Numerics;
using DaoPlatform.Contracts.Governance;
using DaoPlatform.Contracts.Registry;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Index;
using DaoPlatform.Index.Storage;

namespace DaoPlatform.Ethereum.IntegrationTests.Hub;

/// <summary>
/// The index's list reads (one grouped query per page) give what the one-item reads give, page by page, on both
/// databases: tallies, owners after transfers, revenue, entries; <c>limit</c>/<c>offset</c> page newest first.
/// </summary>
public sealed class IndexListReadTests
{
    private static readonly Address Alice = Address.Parse("0x00000000000000000000000000000000000a11ce");
    private static readonly Address Bob = Address.Parse("0x0000000000000000000000000000000000000b0b");

    [TestCase(IndexDatabase.Sqlite)]
    [TestCase(IndexDatabase.PostgreSql)]
    public async Task ListPagesMatchTheOneItemReads(IndexDatabase database)
    {
        using PrivatePostgres? postgres = database == IndexDatabase.PostgreSql ? PrivatePostgres.Start() : null;
        var options = new IndexOptions { DataDirectory = HubFixture.NewFolder(), Database = database, ConnectionString = postgres?.ConnectionString };
        await using IndexStore store = await IndexStore.OpenAsync(options);
        var events = new List<IndexedEvent>();
        ulong block = 100;
        void Add(string kind, BigInteger subject, Address actor, string payload) =>
            events.Add(new IndexedEvent(block++, "0x" + new string('1', 64), 1_000 + block, "0x" + new string('2', 64), 0, kind, Id(subject), actor.ToChecksumString(), payload));

        // Proposals 1..5, proposal p with p votes for (weight 10 each) and one against (weight p); votes interleaved across proposals.
        for (int p = 1; p <= 5; p++)
        {
            Add(IndexKinds.ProposalCreated, p, Alice, EventJson.Write(new DaoGovernor.ProposalCreatedEvent(p, Alice, [Bob], [BigInteger.One], [""], [[]], 900, 5_000, $"Proposal {p}")));
        }
        for (int p = 1; p <= 5; p++)
        {
            for (int v = 0; v < p; v++)
            {
                Add(IndexKinds.VoteCast, p, Alice, EventJson.Write(new DaoGovernor.VoteCastEvent(Alice, p, 1, 10, "")));
            }
            Add(IndexKinds.VoteCast, p, Bob, EventJson.Write(new DaoGovernor.VoteCastEvent(Bob, p, 0, p, "no")));
        }
        // Assets 1..3 registered by alice; asset a goes to bob and back a times (odd: bob owns it) and is paid a wei twice.
        for (int a = 1; a <= 3; a++)
        {
            Add(IndexKinds.AssetRegistered, a, Alice, EventJson.Write(new AssetRegistry.AssetRegisteredEvent(a, Alice, 0, new byte[32], "bafy" + a, "ipfs://m")));
            for (int t = 0; t < a; t++)
            {
                (Address from, Address to) = t % 2 == 0 ? (Alice, Bob) : (Bob, Alice);
                Add(IndexKinds.AssetTransfer, a, from, EventJson.Write(new AssetRegistry.TransferEvent(from, to, a)));
            }
            Add(IndexKinds.AssetRevenuePaid, a, Bob, EventJson.Write(new AssetRegistry.RevenuePaidEvent(a, Alice, Address.Zero, Bob, a)));
            Add(IndexKinds.AssetRevenuePaid, a, Bob, EventJson.Write(new AssetRegistry.RevenuePaidEvent(a, Alice, Address.Zero, Bob, a)));
        }
        // Tasks 1..3, task t with t entries.
        for (int t = 1; t <= 3; t++)
        {
            Add(IndexKinds.TaskCreated, t, Alice, EventJson.Write(new TrainingTasks.TaskCreatedEvent(t, Alice,
                new TrainingTasks.TaskConfig(Address.Zero, 10, 1, new byte[32], 256, 784, 10, 32, 8, 4, 1_000_000, 100_000, 5_000, 6_000, 7_000, 128))));
        }
        for (int t = 1; t <= 3; t++)
        {
            for (int e = 0; e < t; e++)
            {
                Add(IndexKinds.Committed, t, Bob, EventJson.Write(new TrainingTasks.CommittedEvent(t, e, Bob, new byte[32])));
            }
        }
        await store.AppendAsync(events, new IndexedBlock(block, "0x" + new string('3', 64), 1_000 + block));
        var reader = new IndexReader(store);

        IReadOnlyList<ProposalView> page = await reader.ProposalsAsync(limit: 2, offset: 1);
        Assert.That(string.Join(",", page.Select(p => p.Id)), Is.EqualTo("4,3"), "newest first, after skipping one");
        Assert.That(page.Select(p => (p.For, p.Against, p.Votes.Count)), Is.EqualTo(new[] { (new BigInteger(40), new BigInteger(4), 5), (new BigInteger(30), new BigInteger(3), 4) }));
        foreach (ProposalView listed in await reader.ProposalsAsync(limit: 50))
        {
            ProposalView one = (await reader.ProposalAsync(Id(listed.Id)))!;
            Assert.That((listed.For, listed.Against, listed.Abstain, listed.Votes.Count, listed.Title), Is.EqualTo((one.For, one.Against, one.Abstain, one.Votes.Count, one.Title)), $"proposal {listed.Id}");
        }

        IReadOnlyList<AssetView> assets = await reader.AssetsAsync(limit: 50);
        Assert.That(assets.Select(a => ((int)a.TokenId, a.Owner, a.Revenue)), Is.EqualTo(new[] { (3, Bob, new BigInteger(6)), (2, Alice, new BigInteger(4)), (1, Bob, new BigInteger(2)) }));
        Assert.That((await reader.AssetsAsync(limit: 1, offset: 2)).Single().TokenId, Is.EqualTo(BigInteger.One));

        IReadOnlyList<TaskView> tasks = await reader.TasksAsync(limit: 50);
        Assert.That(tasks.Select(t => ((int)t.Id, t.Entries.Count)), Is.EqualTo(new[] { (3, 3), (2, 2), (1, 1) }));
        Assert.That(await reader.TasksAsync(limit: 50, offset: 3), Is.Empty);
    }

    private static string Id(BigInteger id) => id.ToString(CultureInfo.InvariantCulture);
}
