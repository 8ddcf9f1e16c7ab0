using System.Text.RegularExpressions;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Protocol.Rules;
using DaoPlatform.Protocol.TestSets;
using Microsoft.Playwright;

namespace DaoPlatform.Ethereum.IntegrationTests.Hub;

/// <summary>Trainers and auditors on the task page, each in their own browser context with their own wallet.</summary>
public sealed class TaskFlowTests
{
    [Test]
    public async Task TrainersCommitInTheBrowserAndRevealWithTheKeptOrDownloadedRecord()
    {
        byte[][] models = Training.Models(seed: 21);
        HubTask task = await Training.CreateAsync("dave", models, seed: 21);
        string folder = HubFixture.NewFolder();
        string[] modelFiles = [Path.Combine(folder, "alice-model.dqm"), Path.Combine(folder, "bob-model.dqm")];
        await File.WriteAllBytesAsync(modelFiles[0], models[0]);
        await File.WriteAllBytesAsync(modelFiles[1], models[1]);
        await using Member alice = await HubFixture.MemberAsync("alice");
        await using Member bob = await HubFixture.MemberAsync("bob");
        string path = $"/tasks/{task.Id}";

        // A file that is not a model is refused next to its field; nothing is sent.
        await alice.OpenAsync(path);
        await alice.ConnectAsync();
        string junk = Path.Combine(folder, "notes.txt");
        await File.WriteAllTextAsync(junk, "not a model");
        await alice.Page.GetByLabel("Model file (DQM1)").SetInputFilesAsync(junk);
        await Assertions.Expect(alice.Page.GetByTestId("model-error")).ToContainTextAsync("notes.txt is not a valid DQM1 model");
        Assert.That(alice.Wallet.Forwarded, Is.Empty);

        await alice.Page.GetByLabel("Model file (DQM1)").SetInputFilesAsync(modelFiles[0]);
        await Assertions.Expect(alice.Page.GetByTestId("model-hash")).ToContainTextAsync("alice-model.dqm");
        IDownload aliceDownload = await alice.Page.RunAndWaitForDownloadAsync(
            () => alice.Page.GetByRole(AriaRole.Button, new() { Name = "Commit" }).ClickAsync(), new() { Timeout = 60_000 });
        await Assertions.Expect(alice.Page.GetByTestId("train-outcome")).ToContainTextAsync("Done: commit", new() { Timeout = 30_000 });
        await Assertions.Expect(alice.Page.GetByRole(AriaRole.Heading, new() { Name = "Entries (1)" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Screens.CheckAsync(alice.Page, "task-committed");
        Assert.That(aliceDownload.SuggestedFilename, Is.EqualTo($"commit-task-{task.Id}.json"));
        string kept = await alice.Page.EvaluateAsync<string>("key => Object.keys(localStorage).find(k => k.startsWith('daoplatform-commit:'))", null);
        Assert.That(kept, Does.EndWith($":{task.Id}:{alice.Address.ToLowerHex()}"), "the record is kept by alice's browser");

        await bob.OpenAsync(path);
        await bob.ConnectAsync();
        await bob.Page.GetByLabel("Model file (DQM1)").SetInputFilesAsync(modelFiles[1]);
        IDownload bobDownload = await bob.Page.RunAndWaitForDownloadAsync(
            () => bob.Page.GetByRole(AriaRole.Button, new() { Name = "Commit" }).ClickAsync(), new() { Timeout = 60_000 });
        await Assertions.Expect(bob.Page.GetByTestId("train-outcome")).ToContainTextAsync("Done: commit", new() { Timeout = 30_000 });
        string bobRecord = Path.Combine(folder, "bob-commit.json");
        await bobDownload.SaveAsAsync(bobRecord);
        // Bob's browser forgets; he reveals with the file he downloaded.
        await bob.Page.EvaluateAsync("() => localStorage.clear()");
        await Assertions.Expect(alice.Page.GetByRole(AriaRole.Heading, new() { Name = "Entries (2)" })).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await Training.AdvanceToAsync(task.Config.CommitDeadline);
        await alice.OpenAsync(path);
        await alice.ConnectAsync();
        await Assertions.Expect(alice.Page.GetByTestId("commit-record")).ToContainTextAsync("kept by this browser", new() { Timeout = 30_000 });
        await alice.Page.GetByLabel("Model file (DQM1)").SetInputFilesAsync(modelFiles[0]);
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Reveal" }).ClickAsync();
        await Assertions.Expect(alice.Page.GetByTestId("train-outcome")).ToContainTextAsync("Done: reveal", new() { Timeout = 30_000 });

        await bob.OpenAsync(path);
        await bob.ConnectAsync();
        await bob.Page.GetByLabel("Commit record (the JSON the commit offered)").SetInputFilesAsync(bobRecord);
        await Assertions.Expect(bob.Page.GetByTestId("commit-record")).ToContainTextAsync("from bob-commit.json");
        // The wrong model is refused before the wallet is asked.
        await bob.Page.GetByLabel("Model file (DQM1)").SetInputFilesAsync(modelFiles[0]);
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Reveal" }).ClickAsync();
        await Assertions.Expect(bob.Page.GetByTestId("train-outcome")).ToContainTextAsync("is not the committed model");
        await bob.Page.GetByLabel("Model file (DQM1)").SetInputFilesAsync(modelFiles[1]);
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Reveal" }).ClickAsync();
        await Assertions.Expect(bob.Page.GetByTestId("train-outcome")).ToContainTextAsync("Done: reveal", new() { Timeout = 30_000 });
        await Assertions.Expect(bob.Page.GetByRole(AriaRole.Table)).ToContainTextAsync("revealed", new() { Timeout = 30_000 });
        await Assertions.Expect(bob.Page.GetByText("committed, not revealed")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Screens.CheckAsync(bob.Page, "task-revealed");

        var entries = await Training.EntriesAsync(task.Id);
        Assert.That(entries.Select(e => e.Trainer), Is.EqualTo(new[] { alice.Address, bob.Address }));
        Assert.That(entries.Select(e => Convert.ToHexString(e.ModelHash)), Is.EqualTo(models.Select(m => Convert.ToHexString(Hashing.Keccak256.Hash(m)))));
        Assert.That(bob.Wallet.Forwarded.Count(m => m == "eth_sendTransaction"), Is.EqualTo(2), "bob's wrong model never reached his wallet");
    }

    [Test]
    public async Task AnAuditorOverturnsAForgedResultWithTheChallengeButton()
    {
        byte[][] models = Training.Models(seed: 33);
        HubTask task = await Training.CreateAsync("dave", models, seed: 33);
        await Training.CommitRevealAndRevealTestSetAsync(task, "dave", "alice", "bob");
        TaskResult honest = task.Honest();
        byte[] labels = TestSetRecords.ToDataset(task.Records, task.Config.InputSize).Labels;
        TaskResult forged = Training.Forge(honest, labels, model: 1, sample: 5, task.Config.Classes, task.Config.MinScore);
        await Training.PostAsync(task, forged, "deployer");
        string path = $"/tasks/{task.Id}";

        // Bob only looks: the hub's verdict names the lie; without a wallet the button waits for one.
        await using Member bob = await HubFixture.MemberAsync("bob");
        await bob.OpenAsync(path);
        await Assertions.Expect(bob.Page.GetByTestId("verdict")).ToHaveTextAsync(
            new Regex($"^wrong at sample 5, model 1: posted class {forged.Predictions[1][5]}, the model predicts {honest.Predictions[1][5]}$"), new() { Timeout = 60_000 });
        await Assertions.Expect(bob.Page.GetByRole(AriaRole.Button, new() { Name = "Challenge" })).ToBeDisabledAsync();
        await Screens.CheckAsync(bob.Page, "task-forged-result");

        await using Member carol = await HubFixture.MemberAsync("carol");
        await carol.OpenAsync(path);
        await carol.ConnectAsync();
        await Assertions.Expect(carol.Page.GetByTestId("verify")).ToContainTextAsync("challenge model 1's prediction for sample 5", new() { Timeout = 60_000 });
        await carol.Page.GetByRole(AriaRole.Button, new() { Name = "Challenge" }).ClickAsync();
        await Assertions.Expect(carol.Page.GetByTestId("challenge-outcome")).ToContainTextAsync("Done: challenge model 1's prediction for sample 5", new() { Timeout = 60_000 });
        await Assertions.Expect(carol.Page.GetByText("The posted result was overturned")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(carol.Page.GetByTestId("challenge-outcome")).ToContainTextAsync("Done: challenge", new() { Timeout = 5_000 });
        await Screens.CheckAsync(carol.Page, "task-overturned");
        Assert.That(await Training.OverturnsAsync(task.Id), Is.EqualTo(1));
        Assert.That(carol.Wallet.Forwarded, Is.EqualTo((string[])["eth_sendTransaction"]));

        // The honest result, posted next, is verified and offers no challenge.
        await Training.PostAsync(task, honest, "deployer");
        await bob.OpenAsync(path);
        await Assertions.Expect(bob.Page.GetByTestId("verdict")).ToContainTextAsync("verified", new() { Timeout = 60_000 });
        await Assertions.Expect(bob.Page.GetByRole(AriaRole.Button, new() { Name = "Challenge" })).ToHaveCountAsync(0);
        await Screens.CheckAsync(bob.Page, "task-verified");
    }
}
