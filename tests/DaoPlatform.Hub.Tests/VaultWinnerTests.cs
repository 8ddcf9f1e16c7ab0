using System.Data.Common;
using System.Numerics;
using System.Security.Cryptography;
using DaoPlatform.Contracts.Registry;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Index;
using DaoPlatform.Index.Storage;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Custody;
using DaoPlatform.Platform.Verification;
using DaoPlatform.Protocol;
using DaoPlatform.Protocol.Content;
using DaoPlatform.Protocol.Reads;
using DaoPlatform.Protocol.Rules;
using DaoPlatform.Protocol.TestSets;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Npgsql;

namespace DaoPlatform.Ethereum.IntegrationTests.Hub;

/// <summary>
/// A task on the deployer's model asset whose winner is the vault's model, committed and revealed through
/// <c>MultisigVault.execute</c> (alice and bob sign): the winner beats the incumbent (<c>IncumbentBeaten</c>), but its
/// bytes are in a vault call, which the readers do not open (docs/training-tasks.md §9.1), so the settled task's page
/// says it cannot register it and names the command that registers it from the file. The same task's
/// <c>IncumbentBeaten</c> is what an index database built before the index kept that event lacks: it reads it back.
/// </summary>
[NonParallelizable]
public sealed class VaultWinnerTests
{
    private BigInteger _original;
    private BigInteger _taskId;
    private BigInteger _incumbentScore;
    private BigInteger _winnerScore;
    private byte[] _winner = [];

    [OneTimeSetUp]
    public async Task ArrangeAsync()
    {
        byte[][] trained = Training.Models(81);
        byte[] incumbent = Training.Models(82)[0];
        _winner = trained[0];
        (TrainingTasks.TaskConfig config, byte[] records, TestSetTree tree) = await Training.ArrangeAsync(_winner, seed: 83);
        // The incumbent takes a trainer's slot; the other trainers' stakes must still cover the reward.
        config = config with { MaxTrainers = 5 };

        using ChainConnection deployer = await OpenAsync("deployer");
        PlatformContracts platform = Platform(deployer);
        _original = await RegisterModelAsync(deployer, platform, incumbent);
        _taskId = platform.Tasks.DecodeTaskCreatedEvents(
            await platform.Tasks.CreateTaskWithAssetsAsync(config, _original, incumbent, 0, Training.Reward)).Single().TaskId;
        var task = new HubTask(_taskId, config, records, tree, trained);

        // Entry 1: the vault's model, committed and revealed by vault transactions; entry 2: bob's, directly.
        Address vault = platform.Vault.Address;
        byte[] vaultSalt = RandomNumberGenerator.GetBytes(32);
        byte[] bobSalt = RandomNumberGenerator.GetBytes(32);
        await ThroughTheVaultAsync(deployer, platform, Training.Stake,
            TrainingTasks.EncodeCommitCall(_taskId, await platform.Tasks.CommitmentOfAsync(Keccak256.Hash(_winner), vaultSalt, vault, _taskId)), "enter the vault's model");
        using (ChainConnection bob = await OpenAsync("bob"))
        {
            TrainingTasks tasks = Platform(bob).Tasks;
            await tasks.CommitAsync(_taskId, await tasks.CommitmentOfAsync(Keccak256.Hash(trained[1]), bobSalt, bob.Key!.Address, _taskId), Training.Stake);
        }
        await Training.AdvanceToAsync(config.CommitDeadline);
        await ThroughTheVaultAsync(deployer, platform, BigInteger.Zero,
            TrainingTasks.EncodeRevealCall(_taskId, vaultSalt, "test://vault-model", _winner), "reveal the vault's model");
        using (ChainConnection bob = await OpenAsync("bob"))
        {
            await Platform(bob).Tasks.RevealAsync(_taskId, bobSalt, "test://bob-model", trained[1]);
        }
        await Training.AdvanceToAsync(config.RevealDeadline);
        await Training.RevealTestSetAsync(task, "deployer");

        // The evaluator, holding the vault's model, posts the honest result; it stands.
        TaskResult result = TaskResult.Evaluate(new ScalarBackend(), [Dqm1.Read(incumbent), Dqm1.Read(_winner), Dqm1.Read(trained[1])],
            TestSetRecords.ToDataset(records, config.InputSize), config.MinScore);
        Assert.That(result.Winner, Is.EqualTo(1), "the arrangement: the vault's model wins");
        Assert.That(result.Scores[1], Is.GreaterThan(result.Scores[0]), "the arrangement: it beats the incumbent");
        await Training.PostAsync(task, result, "deployer");
        await Training.AdvanceToAsync(await deployer.LatestTimestampAsync() + 2 * (ulong)Training.Day);
        await new ResultService(deployer, platform).FinalizeAsync(_taskId);
        Assert.That((await platform.Registry.BeatenByAsync(_taskId)).ModelHash, Is.EqualTo(Keccak256.Hash(_winner)), "the registry waits for the vault's model");
        _incumbentScore = result.Scores[0];
        _winnerScore = result.Scores[1];
    }

    [Test]
    public async Task TheSettledTaskPageSaysTheWinnersBytesCannotBeReadAndTheWinnersFileRegistersIt()
    {
        using ChainConnection deployer = await OpenAsync("deployer");
        PlatformContracts platform = Platform(deployer);
        PendingNextVersion status = await PendingNextVersion.ReadAsync(platform, new ReadOptions(), (ulong)_taskId);
        Assert.That(status.State, Is.EqualTo(NextVersionState.Unavailable));
        Assert.That(status.Reason, Does.StartWith($"the revealed models of task {_taskId} cannot be read: transaction 0x"));
        Assert.That(status.Reason, Does.EndWith($"is not a direct call of TrainingTasks.reveal or revealLargeModel or commitLargeModel (to {platform.Vault.Address}); reveals made through another contract are not read yet"));

        await using Member carol = await HubFixture.MemberAsync("carol");
        await carol.OpenAsync($"/tasks/{_taskId}");
        await carol.ReloadUntilShownAsync(carol.Page.GetByText("Finalized"));
        await carol.ConnectAsync();
        await Assertions.Expect(carol.Page.GetByTestId("next-version-pending")).ToHaveTextAsync(
            $"The winner beat model asset {_original} (which scored {_incumbentScore}) with score {_winnerScore} and waits to be registered as its next version " +
            $"(minted to asset {_original}'s owner, with the lineage: previous version, this task, the score). Anyone may send the registration; it carries the winner's bytes.");
        await Assertions.Expect(carol.Page.GetByTestId("next-version-unavailable")).ToHaveTextAsync(
            $"The hub cannot register it: {status.Reason}. daoplatform asset next-version {_taskId} --model FILE registers it from the winner's file.");
        await Assertions.Expect(carol.Page.GetByRole(AriaRole.Button, new() { Name = "Register as next version" })).ToHaveCountAsync(0);
        await Assertions.Expect(carol.Page.GetByTestId("verify")).ToHaveCountAsync(0);
        await Screens.CheckAsync(carol.Page, "task-next-version-unavailable");

        // Whoever holds the file (here the deployer) registers it as the command would; the page then shows it registered.
        PendingNextVersion withFile = await PendingNextVersion.ReadAsync(platform, new ReadOptions(), (ulong)_taskId, _winner);
        Assert.That(withFile.State, Is.EqualTo(NextVersionState.Ready), withFile.Reason);
        await new MoveSender(deployer).SendAsync(withFile.Move!);
        BigInteger next = (await platform.Registry.BeatenByAsync(_taskId)).TokenId;
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
        (BigInteger, BigInteger)[] beaten = [(_taskId, _winnerScore)];
        await using (IndexStore store = await IndexStore.OpenAsync(options))
        {
            await new IndexFollower(eth, store, options).TickAsync();
            Assert.That(await new IndexReader(store).IncumbentBeatenAsync(_original), Is.EqualTo(beaten), "an index built today keeps it");
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
        Assert.That(await reader.IncumbentBeatenAsync(_original), Is.Empty, "the older database lacks it, below its cursor");
        await new IndexFollower(eth, upgraded, options).TickAsync();

        Assert.That(await reader.IncumbentBeatenAsync(_original), Is.EqualTo(beaten), "read back from the deployment block");
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

    /// <summary>Registers <paramref name="model"/> as the deployer's model asset (commit, then register) and returns its token.</summary>
    private static async Task<BigInteger> RegisterModelAsync(ChainConnection deployer, PlatformContracts platform, byte[] model)
    {
        AssetRegistry registry = platform.Registry;
        byte[] contentHash = Keccak256.Hash(model);
        byte[] salt = RandomNumberGenerator.GetBytes(32);
        Address owner = deployer.Key!.Address;
        string cid = Cid.ForRawBlock(model).ToString();
        await registry.CommitRegistrationAsync(await registry.RegistrationCommitmentAsync(contentHash, owner, salt, owner));
        await registry.RegisterCommittedAsync(0, contentHash, cid, "ipfs://" + cid, owner, salt);
        return await registry.TokenOfContentAsync(contentHash);
    }

    private static PlatformContracts Platform(ChainConnection chain) => new(chain.Contracts, HubFixture.Deployment.ToAddresses());

    private static async Task<ChainConnection> OpenAsync(string member) =>
        await ChainConnection.OpenAsync(Devnet.Url, null, EthereumKey.FromHex(HubFixture.Keys[member]));
}
