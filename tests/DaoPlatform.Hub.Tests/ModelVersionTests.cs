using System.Numerics;
using System.Security.Cryptography;
using DaoPlatform.Contracts.Registry;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Custody;
using DaoPlatform.Platform.Registry;
using DaoPlatform.Platform.Verification;
using DaoPlatform.Protocol;
using DaoPlatform.Protocol.Content;
using DaoPlatform.Protocol.Reads;
using DaoPlatform.Protocol.Rules;
using DaoPlatform.Protocol.TestSets;
using Microsoft.Playwright;

namespace DaoPlatform.Ethereum.IntegrationTests.Hub;

/// <summary>
/// A model the DAO improves through its vault: the deployer's model asset, managed by the vault, is the incumbent of a
/// task the vault creates (alice and bob sign, <c>MultisigVault.execute</c> calls <c>createTaskWithAssets</c>); alice
/// and bob enter models; the evaluator's reader finds the incumbent inside the vault's call and evaluates it as entry 0,
/// exactly as the models evaluate by themselves; the winner is registered as the asset's next version, and the hub
/// shows the lineage both ways with links.
/// </summary>
[NonParallelizable]
public sealed class ModelVersionTests
{
    [Test]
    public async Task AnIncumbentEnteredThroughTheVaultIsEvaluatedAndItsNextVersionShowsItsLineageInTheHub()
    {
        byte[][] trained = Training.Models(71);
        byte[] incumbent = Training.Models(72)[0];
        (TrainingTasks.TaskConfig config, byte[] records, TestSetTree tree) = await Training.ArrangeAsync(trained[0], seed: 73);
        // The incumbent takes a trainer's slot; the other trainers' stakes must still cover the reward.
        config = config with { MaxTrainers = 5 };

        using ChainConnection deployer = await OpenAsync("deployer");
        var platform = new PlatformContracts(deployer.Contracts, HubFixture.Deployment.ToAddresses());
        BigInteger original = await RegisterModelAsync(deployer, platform, incumbent);
        await platform.Registry.SetApprovalForAllAsync(platform.Vault.Address, true);

        // The vault creates the task: two of its three owners sign, the deployer executes.
        VaultTransactionFile proposal = await new VaultService(deployer, platform).ProposeAsync(
            platform.Tasks.Address, config.Reward, TrainingTasks.EncodeCreateTaskWithAssetsCall(config, original, incumbent, 0), "create a task on the DAO's model");
        foreach (string owner in new[] { "alice", "bob" })
        {
            using ChainConnection signer = await OpenAsync(owner);
            proposal = await new VaultService(signer, new PlatformContracts(signer.Contracts, HubFixture.Deployment.ToAddresses())).SignAsync(proposal);
        }
        TransactionOutcome executed = await new VaultService(deployer, platform).ExecuteAsync(proposal);
        BigInteger taskId = platform.Tasks.DecodeTaskCreatedEvents(executed.Receipt).Single().TaskId;
        var task = new HubTask(taskId, config, records, tree, trained);
        await Training.CommitRevealAndRevealTestSetAsync(task, "deployer", "alice", "bob");

        // The evaluator's read: entry 0 is the incumbent, from inside the vault's execute call.
        var results = new ResultService(deployer, platform);
        TaskSnapshot snapshot = await results.SnapshotAsync(taskId);
        IReadOnlyList<RevealedModel> models = await new RevealedDataReader(platform, new ReadOptions()).ReadModelsAsync(snapshot, CancellationToken.None);
        Assert.That(models.Select(m => m.EntryIndex), Is.EqualTo(Enumerable.Range(0, 3)));
        Assert.That(models[0].Bytes, Is.EqualTo(incumbent), "the incumbent's bytes, read from the vault's call");
        TaskResult evaluated = await results.EvaluateAsync(taskId, new ScalarBackend());
        TaskResult expected = TaskResult.Evaluate(new ScalarBackend(), [Dqm1.Read(incumbent), .. trained.Select(m => Dqm1.Read(m))],
            TestSetRecords.ToDataset(records, config.InputSize), config.MinScore);
        Assert.That(evaluated.Scores, Is.EqualTo(expected.Scores));
        Assert.That(evaluated.Predictions, Is.EqualTo(expected.Predictions));
        Assert.That(evaluated.Winner, Is.EqualTo(expected.Winner));
        Assert.That(expected.Scores[1], Is.GreaterThan(expected.Scores[0]), "the arrangement: alice's model beats the incumbent");

        // The result stands; the winner becomes the asset's next version.
        await Training.PostAsync(task, evaluated, "deployer");
        await Training.AdvanceToAsync(await deployer.LatestTimestampAsync() + 2 * (ulong)Training.Day);
        await results.FinalizeAsync(taskId);
        int winner = evaluated.Winner;
        byte[] winnerBytes = models.Single(m => m.Index == winner).Bytes;
        BigInteger next = (await new TaskAssetService(deployer, platform).RegisterNextVersionAsync(taskId, winnerBytes)).TokenId;
        IReadOnlyList<AssetVersion> lineage = await AssetLineage.ReadAsync(platform.Registry, next);
        Assert.That(lineage.Select(v => v.TokenId), Is.EqualTo(new[] { next, original }));
        string newest = AssetLineage.Describe(lineage[0]);
        Assert.That(newest, Is.EqualTo($"asset {next} (task {taskId}, score {evaluated.Scores[winner]})"));

        // The hub: the new version's page shows its lineage with links; the original's page names its successor.
        await using Member carol = await HubFixture.MemberAsync("carol");
        await carol.OpenAsync($"/assets/{next}");
        ILocator steps = carol.Page.GetByTestId("lineage").Locator("li");
        // The page reads the new version from the index, which follows the registration's block.
        await carol.ReloadUntilShownAsync(steps);
        await Assertions.Expect(steps).ToHaveCountAsync(2);
        await Assertions.Expect(steps.Nth(0)).ToContainTextAsync($"{newest} (this asset)");
        await Assertions.Expect(steps.Nth(0)).ToContainTextAsync($"won in task {taskId}");
        await Assertions.Expect(steps.Nth(0).GetByRole(AriaRole.Link, new() { Name = $"task {taskId}" })).ToHaveAttributeAsync("href", $"tasks/{taskId}");
        await Screens.CheckAsync(carol.Page, "asset-lineage");
        await steps.Nth(1).GetByRole(AriaRole.Link, new() { Name = $"asset {original} (original)" }).ClickAsync();
        await carol.Page.WaitForURLAsync($"**/assets/{original}");
        await Assertions.Expect(carol.Page.GetByTestId("next-version")).ToContainTextAsync($"Succeeded by {newest}, the winner of task {taskId}");
        await Screens.CheckAsync(carol.Page, "asset-lineage-original");
        await carol.Page.GetByTestId("next-version").GetByRole(AriaRole.Link, new() { Name = newest }).ClickAsync();
        await carol.Page.WaitForURLAsync($"**/assets/{next}");
        await Assertions.Expect(steps).ToHaveCountAsync(2);
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

    private static async Task<ChainConnection> OpenAsync(string member) =>
        await ChainConnection.OpenAsync(Devnet.Url, null, EthereumKey.FromHex(HubFixture.Keys[member]));
}
