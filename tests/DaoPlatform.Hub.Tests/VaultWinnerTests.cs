using System.Data.Common;
using System.Numerics;
using System.Security.Cryptography;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Sending;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Index;
using DaoPlatform.Index.Storage;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Custody;
using DaoPlatform.Platform.Verification;
using DaoPlatform.Protocol;
using DaoPlatform.Protocol.Reads;
using DaoPlatform.Protocol.Rules;
using DaoPlatform.Protocol.TestSets;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Npgsql;

namespace DaoPlatform.Ethereum.IntegrationTests.Hub;

/// <summary>
/// Tasks on the deployer's model assets whose winners are contracts' models. The vault's, committed and revealed
/// through <c>MultisigVault.execute</c> (alice and bob sign): the readers open the vault's calls (<see cref="ExecutedCalls"/>),
/// so the settled task's page registers it like any winner. A smart account's (<c>CallForwarder</c>, a contract the
/// readers cannot open): the winner beats the incumbent (<c>IncumbentBeaten</c>) but its bytes cannot be read from
/// calldata, so the page says it cannot register it and names the command that registers it from the file. The vault
/// task's <c>IncumbentBeaten</c> is also what an index database built before the index kept that event lacks: it reads
/// it back.
/// </summary>
[NonParallelizable]
public sealed class VaultWinnerTests
{
    /// <summary>A settled task whose winner beat its incumbent, <paramref name="Original"/>.</summary>
    private sealed record Settled(BigInteger Original, BigInteger TaskId, BigInteger IncumbentScore, BigInteger WinnerScore, byte[] Winner);

    private Settled _vault = null!;
    private Settled _forwarded = null!;

    [OneTimeSetUp]
    public async Task ArrangeAsync()
    {
        using ChainConnection deployer = await OpenAsync("deployer");
        PlatformContracts platform = Platform(deployer);
        _vault = await SettleAsync(deployer, platform, 81, platform.Vault.Address,
            (data, value, summary) => ThroughTheVaultAsync(deployer, platform, value, data, summary));

        TransactionReceipt deployment = await deployer.Sender!.SendAndWaitAsync(new TransactionRequest { Data = Artifacts.Bytecode(Artifacts.CallForwarderPath) });
        Address forwarder = deployment.ContractAddress!.Value;
        AbiFunction forward = ContractAbi.Parse(Artifacts.AbiJson(Artifacts.CallForwarderPath)).GetFunction("forward");
        _forwarded = await SettleAsync(deployer, platform, 91, forwarder,
            (data, value, _) => deployer.Sender!.SendAndWaitAsync(new TransactionRequest { To = forwarder, Value = value, Data = forward.EncodeCall(platform.Tasks.Address, data) }));
    }

    /// <summary>
    /// Registers a new incumbent model asset, creates a task on it, has <paramref name="winner"/> enter and reveal the
    /// best model through <paramref name="call"/> (data and value for the tasks contract) and bob a weaker one directly,
    /// reveals the test set, posts the honest result and finalizes it.
    /// </summary>
    private static async Task<Settled> SettleAsync(ChainConnection deployer, PlatformContracts platform, int seed, Address winner,
        Func<byte[], BigInteger, string, Task> call)
    {
        byte[][] trained = Training.Models(seed);
        byte[] incumbent = Training.Models(seed + 1)[0];
        (TrainingTasks.TaskConfig config, byte[] records, TestSetTree tree) = await Training.ArrangeAsync(trained[0], seed: seed + 2);
        // The incumbent takes a trainer's slot; the other trainers' stakes must still cover the reward.
        config = config with { MaxTrainers = 5 };
        BigInteger original = await Training.RegisterModelAsync(deployer, platform, incumbent);
        BigInteger taskId = platform.Tasks.DecodeTaskCreatedEvents(
            await platform.Tasks.CreateTaskWithAssetsAsync(config, original, incumbent, 0, Training.Reward)).Single().TaskId;
        var task = new HubTask(taskId, config, records, tree, trained);

        byte[] winnerSalt = RandomNumberGenerator.GetBytes(32);
        byte[] bobSalt = RandomNumberGenerator.GetBytes(32);
        await call(TrainingTasks.EncodeCommitCall(taskId, await platform.Tasks.CommitmentOfAsync(Keccak256.Hash(trained[0]), winnerSalt, winner, taskId)),
            Training.Stake, "enter the winning model");
        using (ChainConnection bob = await OpenAsync("bob"))
        {
            TrainingTasks tasks = Platform(bob).Tasks;
            await tasks.CommitAsync(taskId, await tasks.CommitmentOfAsync(Keccak256.Hash(trained[1]), bobSalt, bob.Key!.Address, taskId), Training.Stake);
        }
        await Training.AdvanceToAsync(config.CommitDeadline);
        await call(TrainingTasks.EncodeRevealCall(taskId, winnerSalt, "test://contract-model", trained[0]), BigInteger.Zero, "reveal the winning model");
        using (ChainConnection bob = await OpenAsync("bob"))
        {
            await Platform(bob).Tasks.RevealAsync(taskId, bobSalt, "test://bob-model", trained[1]);
        }
        await Training.AdvanceToAsync(config.RevealDeadline);
        await Training.RevealTestSetAsync(task, "deployer");

        TaskResult result = TaskResult.Evaluate(new ScalarBackend(), [Dqm1.Read(incumbent), Dqm1.Read(trained[0]), Dqm1.Read(trained[1])],
            TestSetRecords.ToDataset(records, config.InputSize), config.MinScore);
        Assert.That(result.Winner, Is.EqualTo(1), "the arrangement: the contract's model wins");
        Assert.That(result.Scores[1], Is.GreaterThan(result.Scores[0]), "the arrangement: it beats the incumbent");
        await Training.PostAsync(task, result, "deployer");
        await Training.AdvanceToAsync(await deployer.LatestTimestampAsync() + 2 * (ulong)Training.Day);
        await new ResultService(deployer, platform).FinalizeAsync(taskId);
        Assert.That((await platform.Registry.BeatenByAsync(taskId)).ModelHash, Is.EqualTo(Keccak256.Hash(trained[0])), "the registry waits for the contract's model");
        return new Settled(original, taskId, result.Scores[0], result.Scores[1], trained[0]);
    }

    [Test]
    public async Task A_winner_revealed_through_the_vault_is_read_from_the_vault_call_and_the_page_offers_to_register_it()
    {
        using ChainConnection deployer = await OpenAsync("deployer");
        PendingNextVersion status = await PendingNextVersion.ReadAsync(Platform(deployer), new ReadOptions(), (ulong)_vault.TaskId);
        Assert.That(status.State, Is.EqualTo(NextVersionState.Ready), status.Reason);

        await using Member carol = await HubFixture.MemberAsync("carol");
        await carol.OpenAsync($"/tasks/{_vault.TaskId}");
        await carol.ReloadUntilShownAsync(carol.Page.GetByText("Finalized"));
        await carol.ConnectAsync();
        await Assertions.Expect(carol.Page.GetByRole(AriaRole.Button, new() { Name = "Register as next version" })).ToBeVisibleAsync();
        await Assertions.Expect(carol.Page.GetByTestId("next-version-unavailable")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task The_settled_task_page_says_a_smart_account_winners_bytes_cannot_be_read_and_the_winners_file_registers_it()
    {
        using ChainConnection deployer = await OpenAsync("deployer");
        PlatformContracts platform = Platform(deployer);
        (BigInteger original, BigInteger taskId, BigInteger incumbentScore, BigInteger winnerScore, byte[] winner) = _forwarded;
        PendingNextVersion status = await PendingNextVersion.ReadAsync(platform, new ReadOptions(), (ulong)taskId);
        Assert.That(status.State, Is.EqualTo(NextVersionState.Unavailable));
        Assert.That(status.Reason, Does.StartWith($"the revealed models of task {taskId} cannot be read: transaction 0x"));
        Assert.That(status.Reason, Does.EndWith("makes no call of TrainingTasks.reveal or revealLargeModel or commitLargeModel for it, directly or through the vault, timelock or governor; calls made through other contracts are not read"));

        await using Member carol = await HubFixture.MemberAsync("carol");
        await carol.OpenAsync($"/tasks/{taskId}");
        await carol.ReloadUntilShownAsync(carol.Page.GetByText("Finalized"));
        await carol.ConnectAsync();
        await Assertions.Expect(carol.Page.GetByTestId("next-version-pending")).ToHaveTextAsync(
            $"The winner beat model asset {original} (which scored {incumbentScore}) with score {winnerScore} and waits to be registered as its next version " +
            $"(minted to asset {original}'s owner, with the lineage: previous version, this task, the score). Anyone may send the registration; it carries the winner's bytes.");
        await Assertions.Expect(carol.Page.GetByTestId("next-version-unavailable")).ToHaveTextAsync(
            $"The hub cannot register it: {status.Reason}. daoplatform asset next-version {taskId} --model FILE registers it from the winner's file.");
        await Assertions.Expect(carol.Page.GetByRole(AriaRole.Button, new() { Name = "Register as next version" })).ToHaveCountAsync(0);
        await Assertions.Expect(carol.Page.GetByTestId("verify")).ToHaveCountAsync(0);
        await Screens.CheckAsync(carol.Page, "task-next-version-unavailable");

        // Whoever holds the file (here the deployer) registers it as the command would; the page then shows it registered.
        PendingNextVersion withFile = await PendingNextVersion.ReadAsync(platform, new ReadOptions(), (ulong)taskId, winner);
        Assert.That(withFile.State, Is.EqualTo(NextVersionState.Ready), withFile.Reason);
        await new MoveSender(deployer).SendAsync(withFile.Move!);
        BigInteger next = (await platform.Registry.BeatenByAsync(taskId)).TokenId;
        Assert.That(next, Is.Not.EqualTo(BigInteger.Zero));
        ILocator registered = carol.Page.GetByTestId("next-version-registered");
        await carol.ReloadUntilShownAsync(registered);
        await Assertions.Expect(registered).ToContainTextAsync($"registered as its next version, asset {next}");
        await Assertions.Expect(carol.Page.GetByTestId("next-version-unavailable")).ToHaveCountAsync(0);
    }

    [TestCase(IndexDatabase.Sqlite)]
    [TestCase(IndexDatabase.PostgreSql)]
    public async Task AnIndexBuiltBeforeItKeptIncumbentBeatenReadsItsHistoryBack(IndexDatabase database)
    {
        using PrivatePostgres? postgres = database == IndexDatabase.PostgreSql ? PrivatePostgres.Start() : null;
        var options = new IndexOptions
        {
            StartBlock = HubFixture.Deployment.DeploymentBlock, DataDirectory = HubFixture.NewFolder(), MaxLogRange = 50,
            Database = database, ConnectionString = postgres?.ConnectionString,
        };
        foreach ((string name, var contract) in HubFixture.Deployment.Contracts)
        {
            options.Contracts[name] = contract.Address;
        }
        using var rpc = new JsonRpcClient(Devnet.Url);
        var eth = new EthRpcClient(rpc);
        (BigInteger, BigInteger)[] beaten = [(_vault.TaskId, _vault.WinnerScore)];
        await using (IndexStore store = await IndexStore.OpenAsync(options))
        {
            await new IndexFollower(eth, store, options).TickAsync();
            Assert.That(await new IndexReader(store).IncumbentBeatenAsync(_vault.Original), Is.EqualTo(beaten), "an index built today keeps it");
        }

        // The database as a hub built before the index kept IncumbentBeaten left it: past the task's settlement, without
        // that event and without the table of kinds kept (which that version did not have).
        await ExecuteAsync(options, $"DELETE FROM events WHERE kind = '{IndexKinds.IncumbentBeaten}'");
        await ExecuteAsync(options, "DROP TABLE kept_kinds");
        long others = await CountAsync(options, $"SELECT COUNT(*) FROM events WHERE kind <> '{IndexKinds.IncumbentBeaten}'");
        Assert.That(others, Is.GreaterThan(0));

        await using IndexStore upgraded = await IndexStore.OpenAsync(options);
        var reader = new IndexReader(upgraded);
        IndexedBlock cursor = (await upgraded.CursorAsync())!.Value;
        Assert.That(await reader.IncumbentBeatenAsync(_vault.Original), Is.Empty, "the older database lacks it, below its cursor");
        await new IndexFollower(eth, upgraded, options).TickAsync();

        Assert.That(await reader.IncumbentBeatenAsync(_vault.Original), Is.EqualTo(beaten), "read back from the deployment block");
        Assert.That(await CountAsync(options, $"SELECT COUNT(*) FROM events WHERE kind <> '{IndexKinds.IncumbentBeaten}' AND block_number <= {cursor.Number}"),
            Is.EqualTo(others), "the events it kept are not added twice");
        Assert.That(await upgraded.KeptKindsAsync(), Does.Contain(IndexKinds.IncumbentBeaten));
    }

    private static async Task ExecuteAsync(IndexOptions options, string sql)
    {
        await using DbConnection connection = await ConnectAsync(options);
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(IndexOptions options, string sql)
    {
        await using DbConnection connection = await ConnectAsync(options);
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<DbConnection> ConnectAsync(IndexOptions options)
    {
        DbConnection connection = options.Database == IndexDatabase.PostgreSql
            ? new NpgsqlConnection(options.ConnectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(options.DataDirectory, "index.sqlite") }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Has the vault call <paramref name="data"/> on the tasks contract with <paramref name="value"/>: alice and bob sign, the deployer executes.</summary>
    private static async Task ThroughTheVaultAsync(ChainConnection deployer, PlatformContracts platform, BigInteger value, byte[] data, string summary)
    {
        VaultTransactionFile proposal = await new VaultService(deployer, platform).ProposeAsync(platform.Tasks.Address, value, data, summary);
        foreach (string owner in new[] { "alice", "bob" })
        {
            using ChainConnection signer = await OpenAsync(owner);
            proposal = await new VaultService(signer, Platform(signer)).SignAsync(proposal);
        }
        await new VaultService(deployer, platform).ExecuteAsync(proposal);
    }


    private static PlatformContracts Platform(ChainConnection chain) => new(chain.Contracts, HubFixture.Deployment.ToAddresses());

    private static async Task<ChainConnection> OpenAsync(string member) =>
        await ChainConnection.OpenAsync(Devnet.Url, null, EthereumKey.FromHex(HubFixture.Keys[member]));
}
