using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using DaoPlatform.Contracts.Governance;
using DaoPlatform.Contracts.Registry;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Sending;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Hub;
using DaoPlatform.Index;
using DaoPlatform.Index.Storage;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Deployment;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

// The hub's benchmark (scripts/benchmark hub; figures in docs/hub.md). Usage:
//   DaoPlatform.HubBench RPC_URL [--postgres CONNECTION] [--transfers N] [--requests N]
// 1. catch-up: the platform deployed on the devnet at RPC_URL, N payments of one wei into the vault (one
//    EtherReceived event and one block each), then the index follows from the deployment block to the head
//    on SQLite and, with --postgres, on PostgreSQL: blocks and events per second.
// 2. pages: an index filled through IndexStore.AppendAsync with synthetic decoded events (10,000 proposals, 100,000
//    votes, 1,000 tasks, 10,000 assets, the shapes the follower writes), then the hub (HubHost, the node's host) over
//    that index and the devnet: each page requested over loopback HTTP (server-side prerendering, the whole response
//    read), p50/p95/max per page.
if (args.Length < 1 || !Uri.TryCreate(args[0], UriKind.Absolute, out Uri? rpc))
{
    Console.Error.WriteLine("usage: DaoPlatform.HubBench RPC_URL [--postgres CONNECTION] [--transfers N] [--requests N]");
    return 2;
}
string? postgres = Option("--postgres");
int transfers = int.Parse(Option("--transfers") ?? "1000", CultureInfo.InvariantCulture);
int requests = int.Parse(Option("--requests") ?? "100", CultureInfo.InvariantCulture);
string work = Directory.CreateTempSubdirectory("daoplatform-hubbench-").FullName;
try
{
    Console.WriteLine($"CPU: {Cpu()}, {Environment.ProcessorCount} cores; .NET {Environment.Version}");
    using ChainConnection deployer = await ChainConnection.OpenAsync(rpc, null, EthereumKey.FromHex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
    DeploymentRecord deployment = await new PlatformDeployer(deployer).DeployAsync("devnet", publicNetwork: false, new DeploymentParameters
    {
        VaultOwners = [deployer.Key!.Address],
        VaultThreshold = 1,
    });
    string deploymentPath = Path.Combine(work, "devnet.json");
    await File.WriteAllTextAsync(deploymentPath, deployment.ToJson());

    await CatchUp.MakeEventsAsync(rpc, deployment, transfers);
    Console.WriteLine();
    Console.WriteLine($"## Index catch-up ({transfers:N0} payments into the vault, one event and one block each, from block {deployment.DeploymentBlock})");
    Console.WriteLine("| database | blocks | events | seconds | blocks/s | events/s |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|");
    await CatchUp.MeasureAsync("SQLite", rpc, deployment, new IndexOptions { DataDirectory = Path.Combine(work, "catch-up") });
    if (postgres is not null)
    {
        await CatchUp.MeasureAsync("PostgreSQL", rpc, deployment, new IndexOptions { Database = IndexDatabase.PostgreSql, ConnectionString = postgres });
    }

    string data = Path.Combine(work, "pages");
    var filled = new IndexOptions { DataDirectory = data, Database = postgres is null ? IndexDatabase.Sqlite : IndexDatabase.PostgreSql, ConnectionString = postgres };
    if (postgres is not null)
    {
        // The catch-up run left its events there: the page figures are for the synthetic index alone.
        await using IndexStore old = await IndexStore.OpenAsync(filled);
        await old.RewindAsync(null);
    }
    var clock = Stopwatch.StartNew();
    var ids = await SyntheticIndex.FillAsync(filled, rpc, deployment);
    Console.WriteLine();
    Console.WriteLine($"## Hub pages ({(postgres is null ? "SQLite" : "PostgreSQL")} index filled with {ids.Events:N0} synthetic events in {clock.Elapsed.TotalSeconds:0.0} s; {requests} requests a page after 10 warm-up)");
    await Pages.MeasureAsync(rpc, deploymentPath, filled, ids, requests);
    return 0;
}
finally
{
    Directory.Delete(work, recursive: true);
}

string? Option(string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string Cpu() =>
    File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
        : "unknown";

/// <summary>The ids the synthetic index holds, for the pages that show one item.</summary>
internal sealed record SyntheticIds(BigInteger Proposal, BigInteger Task, BigInteger Asset, int Events);

/// <summary>How fast the index follows a devnet with many events.</summary>
internal static class CatchUp
{
    public static async Task MakeEventsAsync(Uri rpc, DeploymentRecord deployment, int transfers)
    {
        // One wei into the vault per transaction: one block and one MultisigVault.EtherReceived event each. (Token
        // transfers between delegated holders would give two events, but their gas estimate on the pending block
        // falls short when the mined block opens a new vote checkpoint.)
        using ChainConnection a = await ChainConnection.OpenAsync(rpc, null, EthereumKey.FromHex("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"));
        Address vault = deployment.AddressOf("MultisigVault");
        for (int i = 0; i < transfers; i++)
        {
            await a.Sender!.SendAndWaitAsync(new TransactionRequest { To = vault, Value = BigInteger.One });
        }
    }

    public static async Task MeasureAsync(string name, Uri rpc, DeploymentRecord deployment, IndexOptions options)
    {
        options.StartBlock = deployment.DeploymentBlock;
        options.MaxLogRange = 2000;
        foreach ((string contract, DeployedContract c) in deployment.Contracts)
        {
            options.Contracts[contract] = c.Address;
        }
        var eth = new EthRpcClient(new JsonRpcClient(rpc));
        ulong head = await eth.BlockNumberAsync();
        await using IndexStore store = await IndexStore.OpenAsync(options);
        await store.RewindAsync(null);
        var follower = new IndexFollower(eth, store, options);
        int events = 0;
        var clock = Stopwatch.StartNew();
        while ((await store.CursorAsync())?.Number < head || await store.CursorAsync() is null)
        {
            events += await follower.TickAsync();
        }
        double seconds = clock.Elapsed.TotalSeconds;
        ulong blocks = head - deployment.DeploymentBlock + 1;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {blocks:N0} | {events:N0} | {seconds:0.00} | {blocks / seconds:N0} | {events / seconds:N0} |"));
    }
}

/// <summary>Fills an index through its own store API with events in the shapes the follower writes.</summary>
internal static class SyntheticIndex
{
    public const int Proposals = 10_000, VotesPerProposal = 10, Tasks = 1_000, Assets = 10_000;

    public static async Task<SyntheticIds> FillAsync(IndexOptions options, Uri rpc, DeploymentRecord deployment)
    {
        // Every event sits at or below the devnet's real head, and the cursor is that head: the hub's follower
        // finds its cursor's hash unchanged and adds nothing while the pages are measured.
        var eth = new EthRpcClient(new JsonRpcClient(rpc));
        ulong head = await eth.BlockNumberAsync();
        BlockHeader block = (await eth.GetBlockByNumberAsync(BlockTag.Number(head)))!;
        var cursor = new IndexedBlock(head, block.Hash, block.Timestamp);
        Address treasury = deployment.AddressOf(nameof(DaoTimelock));
        Address[] voters = [.. Enumerable.Range(1, 50).Select(i => Address.Parse("0x" + i.ToString("x40", CultureInfo.InvariantCulture)))];
        await using IndexStore store = await IndexStore.OpenAsync(options);
        var batch = new List<IndexedEvent>(10_000);
        ulong log = 0;
        int total = 0;
        ulong now = block.Timestamp;

        async Task AddAsync(string kind, string subject, Address? actor, string payload)
        {
            batch.Add(new IndexedEvent(head, block.Hash, now, "0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), log++, kind, subject, actor?.ToChecksumString() ?? "", payload));
            total++;
            if (batch.Count == 10_000)
            {
                await store.AppendAsync(batch, cursor);
                batch.Clear();
            }
        }

        BigInteger ProposalId(int i) => new(SHA256.HashData(BitConverter.GetBytes(i)), isUnsigned: true, isBigEndian: true);
        for (int i = 0; i < Proposals; i++)
        {
            BigInteger id = ProposalId(i);
            await AddAsync(IndexKinds.ProposalCreated, Id(id), voters[i % voters.Length], EventJson.Write(new DaoGovernor.ProposalCreatedEvent(
                id, voters[i % voters.Length], [treasury], [BigInteger.One], [""], [[]], now - 60, now + 600, $"Proposal {i}: pay one wei from the treasury")));
            for (int v = 0; v < VotesPerProposal; v++)
            {
                Address voter = voters[(i + v) % voters.Length];
                await AddAsync(IndexKinds.VoteCast, Id(id), voter, EventJson.Write(new DaoGovernor.VoteCastEvent(voter, id, (byte)(v % 3), BigInteger.Pow(10, 21), v == 0 ? "a reason" : "")));
            }
        }
        for (int t = 1; t <= Tasks; t++)
        {
            await AddAsync(IndexKinds.TaskCreated, Id(t), voters[t % voters.Length], EventJson.Write(new TrainingTasks.TaskCreatedEvent(t, voters[t % voters.Length],
                new TrainingTasks.TaskConfig(Address.Zero, BigInteger.Pow(10, 18), BigInteger.Pow(10, 17), new byte[32], 256, 784, 10, 32, 8, 4, 1_000_000, 100_000, now + 86_400, now + 2 * 86_400, now + 3 * 86_400, 128))));
        }
        for (int a = 1; a <= Assets; a++)
        {
            await AddAsync(IndexKinds.AssetRegistered, Id(a), voters[a % voters.Length], EventJson.Write(new AssetRegistry.AssetRegisteredEvent(
                a, voters[a % voters.Length], (byte)(a % 2), SHA256.HashData(BitConverter.GetBytes(a)), "bafkreisynthetic" + a.ToString(CultureInfo.InvariantCulture), "ipfs://metadata")));
        }
        await store.AppendAsync(batch, cursor);
        return new SyntheticIds(ProposalId(Proposals / 2), Tasks / 2, Assets / 2, total);
    }

    private static string Id(BigInteger id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Every page's server time over loopback HTTP.</summary>
internal static class Pages
{
    public static async Task MeasureAsync(Uri rpc, string deployment, IndexOptions index, SyntheticIds ids, int requests)
    {
        int port = FreePort();
        var settings = new Dictionary<string, string?>
        {
            ["Hub:RpcUrl"] = rpc.ToString(),
            ["Hub:Deployment"] = deployment,
            ["Hub:DataDirectory"] = index.DataDirectory,
            ["Hub:Url"] = $"http://127.0.0.1:{port}",
            ["Index:Database"] = index.Database.ToString(),
            ["Index:ConnectionString"] = index.ConnectionString,
            ["Index:PollInterval"] = "01:00:00",
        };
        await using WebApplication app = await HubHost.BuildAsync([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.ClearProviders();
        });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        string[] paths =
        [
            "/", $"/proposals/{ids.Proposal}", "/vault", "/tasks", $"/tasks/{ids.Task}", "/assets", $"/assets/{ids.Asset}",
            "/api/proposals", $"/api/proposals/{ids.Proposal}", "/api/tasks", "/api/assets",
        ];
        Console.WriteLine("| page | bytes | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (string path in paths)
        {
            var times = new List<double>(requests);
            long bytes = 0;
            for (int i = 0; i < requests + 10; i++)
            {
                long start = Stopwatch.GetTimestamp();
                using HttpResponseMessage response = await http.GetAsync(path);
                byte[] body = await response.Content.ReadAsByteArrayAsync();
                double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}");
                }
                if (i >= 10)
                {
                    times.Add(ms);
                    bytes = body.Length;
                }
            }
            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| `{path}` | {bytes:N0} | {Percentile(times, 0.50):0.0} | {Percentile(times, 0.95):0.0} | {times[^1]:0.0} |"));
        }
        await app.StopAsync();
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
