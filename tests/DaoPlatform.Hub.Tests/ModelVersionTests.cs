using System.Numerics;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Custody;
using DaoPlatform.Platform.Verification;
using DaoPlatform.Protocol;
using DaoPlatform.Protocol.Reads;
using DaoPlatform.Protocol.Rules;
using DaoPlatform.Protocol.TestSets;
using Microsoft.Playwright;

namespace DaoPlatform.Ethereum.IntegrationTests.Hub;

/// <summary>
/// A model the DAO improves through its vault: the deployer's model asset, managed by the vault, is the incumbent of a
/// task the vault creates (alice and bob sign, <c>MultisigVault.execute</c> calls <c>createTaskWithAssets</c>); alice
/// and bob enter models; the evaluator's reader finds the incumbent inside the vault's call and evaluates it as entry 0,
/// exactly as the models evaluate by themselves; the settled task's page offers the winner's registration as the asset's
/// next version, a refusal in the wallet sends nothing, carol's wallet signs it, bob's page (still offering it) is refused
/// by the chain before his wallet is asked, and the hub shows the lineage both ways with links.
/// </summary>
[NonParallelizable]
public sealed class ModelVersionTests
{
    [Test]
    public async Task AnIncumbentEnteredThroughTheVaultIsEvaluatedAndItsNextVersionIsRegisteredFromTheHubWithItsLineage()
    {
        byte[][] trained = Training.Models(71);
        byte[] incumbent = Training.Models(72)[0];
        (TrainingTasks.TaskConfig config, byte[] records, TestSetTree tree) = await Training.ArrangeAsync(trained[0], seed: 73);
        // The incumbent takes a trainer's slot; the other trainers' stakes must still cover the reward.
        config = config with { MaxTrainers = 5 };

        using ChainConnection deployer = await OpenAsync("deployer");
        var platform = new PlatformContracts(deployer.Contracts, HubFixture.Deployment.ToAddresses());
        BigInteger original = await Training.RegisterModelAsync(deployer, platform, incumbent);
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
        Assert.That((await platform.Registry.BeatenByAsync(taskId)).ModelHash, Is.EqualTo(Keccak256.Hash(models.Single(m => m.Index == winner).Bytes)),
            "the registry waits for alice's model as the next version");

        // The hub: the incumbent's page says a winner waits and links its task, whose settled page offers the
        // registration; carol (anyone may send it) comes from the asset's page, bob opens the task's page.
        await using Member carol = await HubFixture.MemberAsync("carol");
        await using Member bob = await HubFixture.MemberAsync("bob");
        await carol.OpenAsync($"/assets/{original}");
        ILocator waiting = carol.Page.GetByTestId("next-version-waiting");
        await carol.ReloadUntilShownAsync(waiting);
        await Assertions.Expect(waiting).ToHaveTextAsync(
            $"The winner of task {taskId} beat this model with score {evaluated.Scores[winner]} and waits to be registered as its next version: anyone may register it from the task's page.");
        await Screens.CheckAsync(carol.Page, "asset-next-version-waiting");
        await waiting.GetByRole(AriaRole.Link, new() { Name = $"task {taskId}" }).ClickAsync();
        await carol.Page.WaitForURLAsync($"**/tasks/{taskId}");
        await bob.OpenAsync($"/tasks/{taskId}");
        foreach (Member member in new[] { carol, bob })
        {
            await member.ReloadUntilShownAsync(member.Page.GetByText("Finalized"));
            await member.ConnectAsync();
            await Assertions.Expect(member.Page.GetByTestId("next-version-pending")).ToContainTextAsync(
                $"The winner beat model asset {original} (which scored {evaluated.Scores[0]}) with score {evaluated.Scores[winner]} and waits to be registered as its next version");
        }
        await Assertions.Expect(carol.Page.GetByTestId("verify")).ToContainTextAsync($"register the winner of task {taskId}");
        await Assertions.Expect(carol.Page.GetByTestId("verify")).ToContainTextAsync($"The same from the command line: daoplatform asset next-version {taskId}");
        ILocator register = carol.Page.GetByRole(AriaRole.Button, new() { Name = "Register as next version" });
        await Screens.CheckAsync(carol.Page, "task-next-version-pending");

        // Refused in the wallet: nothing is sent, the page says so in place.
        carol.Wallet.Refuse = true;
        await register.ClickAsync();
        await Assertions.Expect(carol.Page.GetByTestId("next-version-outcome")).ToHaveTextAsync("You declined in your wallet; nothing was sent.");
        Assert.That((await platform.Registry.BeatenByAsync(taskId)).TokenId, Is.EqualTo(BigInteger.Zero), "a refusal registers nothing");

        // Signed: the winner's bytes, read by the hub from the task's reveals, become the incumbent's next version.
        carol.Wallet.Refuse = false;
        await register.ClickAsync();
        await Assertions.Expect(carol.Page.GetByTestId("next-version-outcome")).ToContainTextAsync($"Done: register the winner of task {taskId}", new() { Timeout = 30_000 });
        BigInteger next = (await platform.Registry.BeatenByAsync(taskId)).TokenId;
        Assert.That(next, Is.GreaterThan(original));
        Assert.That(await platform.Registry.OwnerOfAsync(next), Is.EqualTo(deployer.Key!.Address), "minted to the incumbent's owner");
        await Assertions.Expect(carol.Page.GetByTestId("next-version-registered")).ToContainTextAsync($"registered as its next version, asset {next}");
        await Screens.CheckAsync(carol.Page, "task-next-version-registered");
        IReadOnlyList<AssetVersion> lineage = await AssetLineage.ReadAsync(platform.Registry, next);
        Assert.That(lineage.Select(v => v.TokenId), Is.EqualTo(new[] { next, original }));
        string newest = AssetLineage.Describe(lineage[0]);
        Assert.That(newest, Is.EqualTo($"asset {next} (task {taskId}, score {evaluated.Scores[winner]})"));

        // Bob's page still offers it: the chain refuses a second registration before his wallet is asked.
        int asked = bob.Wallet.Requests.Count(r => r == "eth_sendTransaction");
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Register as next version" }).ClickAsync();
        await Assertions.Expect(bob.Page.GetByTestId("next-version-outcome")).ToContainTextAsync(
            $"Not sent: the chain would refuse it with VersionAlreadyRegistered(", new() { Timeout = 30_000 });
        await Assertions.Expect(bob.Page.GetByTestId("next-version-outcome")).ToContainTextAsync(next.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(bob.Wallet.Requests.Count(r => r == "eth_sendTransaction"), Is.EqualTo(asked), "the wallet is not asked");
        await Assertions.Expect(bob.Page.GetByTestId("next-version-registered")).ToContainTextAsync($"registered as its next version, asset {next}");
        await Assertions.Expect(bob.Page.GetByRole(AriaRole.Button, new() { Name = "Register as next version" })).ToHaveCountAsync(0);
        await Screens.CheckAsync(bob.Page, "task-next-version-already-registered");

        // The new version's page, reached from the task's: it looks again until the index has the new asset, then shows
        // the lineage with links; the original's page names its successor.
        await carol.Page.GetByTestId("next-version-registered").GetByRole(AriaRole.Link, new() { Name = $"asset {next}" }).ClickAsync();
        await carol.Page.WaitForURLAsync($"**/assets/{next}");
        ILocator steps = carol.Page.GetByTestId("lineage").Locator("li");
        await Assertions.Expect(steps).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Assertions.Expect(steps.Nth(0)).ToContainTextAsync($"{newest} (this asset)");
        await Assertions.Expect(steps.Nth(0)).ToContainTextAsync($"won in task {taskId}");
        await Assertions.Expect(steps.Nth(0).GetByRole(AriaRole.Link, new() { Name = $"task {taskId}" })).ToHaveAttributeAsync("href", $"tasks/{taskId}");
        await Screens.CheckAsync(carol.Page, "asset-lineage");
        await steps.Nth(1).GetByRole(AriaRole.Link, new() { Name = $"asset {original} (original)" }).ClickAsync();
        await carol.Page.WaitForURLAsync($"**/assets/{original}");
        await Assertions.Expect(carol.Page.GetByTestId("next-version")).ToContainTextAsync($"Succeeded by {newest}, the winner of task {taskId}");
        await Assertions.Expect(carol.Page.GetByTestId("next-version-waiting")).ToHaveCountAsync(0);
        await Screens.CheckAsync(carol.Page, "asset-lineage-original");
        await carol.Page.GetByTestId("next-version").GetByRole(AriaRole.Link, new() { Name = newest }).ClickAsync();
        await carol.Page.WaitForURLAsync($"**/assets/{next}");
        await Assertions.Expect(steps).ToHaveCountAsync(2);
    }


    private static async Task<ChainConnection> OpenAsync(string member) =>
        await ChainConnection.OpenAsync(Devnet.Url, null, EthereumKey.FromHex(HubFixture.Keys[member]));
}
