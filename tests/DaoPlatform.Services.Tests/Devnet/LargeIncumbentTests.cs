using System.Numerics;
using DaoPlatform.Contracts.Registry;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Evaluation.Formats;
using DaoPlatform.Evaluation.Model;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Registry;
using DaoPlatform.Protocol;
using DaoPlatform.Protocol.Content;
using DaoPlatform.Protocol.Moves;
using DaoPlatform.Protocol.Reads;
using DaoPlatform.Protocol.Rules;
using DaoPlatform.Services;
using ModelCommitment = DaoPlatform.Evaluation.LargeModels.ModelCommitment;

// In the namespace of the shared Devnet [SetUpFixture], so that it starts a devnet for these tests.
namespace DaoPlatform.Ethereum.IntegrationTests.Services;

/// <summary>
/// Model versions of a large model (docs/training-tasks.md §9.3) through the node's services on the devnet: the DAO's
/// large model asset, registered under its model root, is a large-model task's incumbent entered by its commitment
/// (bytes only in the content store); the node's evaluator fetches and evaluates it with the trainer's committed model,
/// a trainer that does not beat it does not win, and one that does is registered as its next version.
/// </summary>
public sealed class LargeIncumbentTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Test]
    public async Task The_evaluator_scores_the_incumbent_with_the_entry_and_a_winner_that_beats_it_becomes_its_next_version()
    {
        using TestPlatform platform = await TestPlatform.DeployAsync(withRegistry: true);
        (string content, LocalContentStore store) = NewStore();
        (TestTask task, BigInteger incumbent) = await platform.CreateLargeTaskWithIncumbentAsync(seed: 71, labeler: 1, StoredIn(store));
        TaskResult honest = task.Honest();
        Assert.That(honest.Winner, Is.EqualTo(1), "the trainer's model (entry 1) beats the incumbent on this test set");

        OptimisticVerifier.ResultPostedEvent post = await EvaluatedAsync(platform, task, content);
        Assert.That(post.Result.Scores.Select(v => (uint)v), Is.EqualTo(honest.Scores), "the incumbent and the entry both scored");
        Assert.That(post.Result.Winner, Is.EqualTo(honest.WinnerValue));
        await FinalizeAsync(platform, task);

        AssetRegistry asOwner = platform.RegistryAs(DevKeys.Submitter);
        var winner = new ModelCommitment(Dqm1.Read(task.Models[1]));
        AssetRegistry.BeatenBy beaten = await asOwner.BeatenByAsync(task.Id);
        Assert.That(beaten.ModelHash, Is.EqualTo(winner.ModelRoot), "the registry recorded the winner by its model root");

        // The shared read (the CLI's asset next-version and the hub's page): the move registers the winner by the
        // commitment of its ModelCommitted log; the incumbent's owner may send it, another account is refused, decoded.
        var addresses = new PlatformAddresses(platform.TasksAddress, platform.VerifierAddress) { AssetRegistry = platform.RegistryAddress };
        using (ChainConnection stranger = await ChainConnection.OpenAsync(platform.Url, null, DevKeys.Key(DevKeys.TrainerB)))
        {
            var asStranger = new TaskAssetService(stranger, new PlatformContracts(stranger.Contracts, addresses));
            PendingNextVersion offered = await asStranger.NextVersionAsync(task.Id);
            Assert.That((offered.State, offered.LargeModels, offered.Incumbent, offered.IncumbentOwner),
                Is.EqualTo((NextVersionState.Ready, true, incumbent, DevKeys.Key(DevKeys.Submitter).Address)));
            Assert.That(offered.Move!.Data, Is.EqualTo(AssetRegistry.EncodeRegisterNextLargeVersionCall(
                task.Id, winner.Header, winner.RowsRoot, DaoPlatform.Evaluation.Identifiers.ContentId.Of(task.Models[1]))), "the header, rows root and raw CID of the winner's log");
            MoveRevertedException refused = (await Assert.ThrowsAsync<MoveRevertedException>(() => asStranger.RegisterNextVersionAsync(offered)))!;
            Assert.That(refused.Message, Does.Contain("ERC721InsufficientApproval"), "a large version only from the incumbent's owner or manager");
        }
        using ChainConnection owner = await ChainConnection.OpenAsync(platform.Url, null, DevKeys.Key(DevKeys.Submitter));
        var asOwnerService = new TaskAssetService(owner, new PlatformContracts(owner.Contracts, addresses));
        (BigInteger version, _) = await asOwnerService.RegisterNextVersionAsync(await asOwnerService.NextVersionAsync(task.Id));
        PendingNextVersion after = await asOwnerService.NextVersionAsync(task.Id);
        Assert.That((after.State, after.Registered), Is.EqualTo((NextVersionState.Registered, version)));
        Assert.That(await asOwner.TokenOfContentAsync(winner.ModelRoot), Is.EqualTo(version));
        AssetRegistry.Version lineage = await asOwner.VersionOfAsync(version);
        Assert.That((lineage.Previous, lineage.TaskId, lineage.Score), Is.EqualTo((incumbent, new BigInteger(task.Id), new BigInteger(honest.Scores[1]))));
    }

    [Test]
    public async Task A_trainer_that_does_not_beat_the_incumbent_does_not_win_and_no_version_follows()
    {
        using TestPlatform platform = await TestPlatform.DeployAsync(withRegistry: true);
        (string content, LocalContentStore store) = NewStore();
        (TestTask task, _) = await platform.CreateLargeTaskWithIncumbentAsync(seed: 72, labeler: 0, StoredIn(store));
        TaskResult honest = task.Honest();
        Assert.That(honest.Winner, Is.EqualTo(0), "the incumbent is best on this test set");

        OptimisticVerifier.ResultPostedEvent post = await EvaluatedAsync(platform, task, content);
        Assert.That(post.Result.Scores.Select(v => (uint)v), Is.EqualTo(honest.Scores));
        Assert.That(post.Result.Winner, Is.EqualTo(BigInteger.Zero), "the incumbent wins: no trainer does");
        await FinalizeAsync(platform, task);
        AssetRegistry.BeatenBy beaten = await platform.RegistryAs(DevKeys.Submitter).BeatenByAsync(task.Id);
        Assert.That(beaten.ModelHash.All(b => b == 0), Is.True, "no next version to register");
    }

    private static (string Folder, LocalContentStore Store) NewStore()
    {
        string content = Directory.CreateTempSubdirectory("incumbent-").FullName;
        return (content, new LocalContentStore(content, 1 << 20));
    }

    private static Func<QuantizedModel, Task<string>> StoredIn(LocalContentStore store) =>
        async model => (await store.PutAsync(Dqm1.Write(model))).ToString();

    /// <summary>Reveals the test set, moves past the availability game, and waits for the node's evaluator to post.</summary>
    private static async Task<OptimisticVerifier.ResultPostedEvent> EvaluatedAsync(TestPlatform platform, TestTask task, string content)
    {
        await AnvilCheats.AdvanceToAsync(platform.Eth, task.Config.RevealDeadline);
        await platform.RevealTestSetAsync(task);
        await AnvilCheats.AdvanceToAsync(platform.Eth, task.Config.RevealDeadline + 2 * TestPlatform.Day + 1);
        await using NodeHost node = await NodeHost.StartAsync(platform, NodeRoles.Evaluator, RoleFlowTests.AllKeys(),
            extra: new Dictionary<string, string?> { ["ContentStore:LocalPath"] = content });
        await NodeHost.WaitForAsync(async () => (await platform.PostsAsync(task)).Count == 1, "the evaluator's post", Patience, node);
        return (await platform.PostsAsync(task)).Single().Event;
    }

    private static async Task FinalizeAsync(TestPlatform platform, TestTask task)
    {
        OptimisticVerifier.ClaimsOutput claim = await platform.Verifier.ClaimsAsync(task.Id);
        await AnvilCheats.AdvanceToAsync(platform.Eth, claim.Deadline);
        await platform.Verifier.FinalizeAsync(task.Id);
    }
}
