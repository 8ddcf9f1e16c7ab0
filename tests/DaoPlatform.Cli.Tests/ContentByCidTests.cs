using System.Text.Json.Nodes;
using DaoPlatform.Evaluation.Identifiers;
using DaoPlatform.Protocol.Content;

namespace DaoPlatform.Cli.Tests;

/// <summary>
/// Content by CID (docs/node.md, "Content store"): test sets and assets go into the CLI's content store (a local
/// folder of the data directory here), a task is created from a test set by CID, and the node's submitter reveals it
/// from the same store; the CID an asset is registered under fetches its bytes back.
/// </summary>
[NonParallelizable]
public sealed class ContentByCidTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static CliHarness Cli => CliDevnet.Cli;

    /// <summary>The store the CLI uses by default: the folder <c>content</c> of its data directory.</summary>
    private static LocalContentStore Store() => new(Path.Combine(Cli.Variables["DAOPLATFORM_DATA_DIR"]!, "content"), 1 << 24);

    [Test]
    public async Task A_task_created_by_test_set_CID_is_revealed_by_the_node_from_the_store_evaluated_and_settled()
    {
        string folder = CliDevnet.NewFolder();
        var (model, digits) = Fixtures.MnistFiles(folder);
        byte[] file = await File.ReadAllBytesAsync(digits);
        JsonObject first = (await Cli.AsAsync("deployer", "task", "create", "--test-set", digits, "--reward", "0.1")).Ok();
        string cid = first["testSetCid"]!.GetValue<string>();
        Assert.That(cid, Is.EqualTo(ContentId.Of(file)), "under 256 KiB the store's CID is the raw CID of the DQD1 file");
        Assert.That(await Store().GetAsync(Cid.Parse(cid)), Is.EqualTo(file), "--test-set put the file into the content store");
        File.Delete(digits);

        JsonObject created = (await Cli.AsAsync("deployer", "task", "create", "--test-set-cid", cid, "--reward", "0.5", "--stake", "0.1",
            "--min-score", "50", "--commit-window", "1d", "--reveal-window", "1d", "--test-set-reveal-window", "1d")).Ok();
        string task = created["taskId"]!.GetValue<string>();
        Assert.That(created["testSetRoot"]!.GetValue<string>(), Is.EqualTo(first["testSetRoot"]!.GetValue<string>()), "the same test set, committed by its root");
        Assert.That(created["testSetCid"]!.GetValue<string>(), Is.EqualTo(cid));
        string commit = Path.Combine(folder, "commit.json");
        (await Cli.AsAsync("alice", "task", "commit", task, "--model", model, "--out", commit)).Ok();
        (await Cli.JsonAsync("devnet", "advance", "1d11m")).Ok();
        (await Cli.AsAsync("alice", "task", "reveal", commit)).Ok();
        (await Cli.JsonAsync("devnet", "advance", "1d")).Ok();

        // The node holds the test set only by CID: the file is gone, the submitter reads it from the store.
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        Task<CliRun> node = Cli.RunAsync(["--json", "--account", "bob", "node", "run", "--roles", "submitter,evaluator,finalizer",
            "--role-account", "submitter=deployer", "--test-set-cid", cid], cancellationToken: stop.Token);
        try
        {
            await WaitForAsync(task, s => s["testSetRevealed"]!.GetValue<bool>(), "the submitter's reveal from the store", node);
            await WaitForResultAsync(task, node);
            // Past the result's own deadline: another test on this shared devnet may have lengthened the challenge window.
            ulong deadline = (await Cli.JsonAsync("result", "status", task)).Ok()["deadline"]!.GetValue<ulong>();
            ulong now = (await Cli.JsonAsync("devnet", "status")).Ok()["timestamp"]!.GetValue<ulong>();
            (await Cli.JsonAsync("devnet", "advance", $"{deadline - now + 60}s")).Ok();
            await WaitForAsync(task, s => s["settled"]!.GetValue<bool>(), "the finalizer", node);
        }
        finally
        {
            await stop.CancelAsync();
            await node;
        }
        JsonObject status = (await Cli.JsonAsync("task", "status", task)).Ok();
        Assert.That(status["winnerEntry"]!.GetValue<string>(), Is.EqualTo("0"), "the model beat the baseline on the test set from the store");
    }

    [Test]
    public async Task Task_create_by_CID_refuses_an_unknown_CID_a_CID_that_is_no_test_set_and_a_store_that_is_down_in_one_line()
    {
        string folder = CliDevnet.NewFolder();
        var (model, _) = Fixtures.MnistFiles(folder);
        string unknown = ContentId.Of("never stored"u8);
        string notATestSet = (await Store().PutAsync(await File.ReadAllBytesAsync(model))).ToString();
        (string Why, string[] Args, int Exit, string Says)[] cases =
        [
            ("an unknown CID", ["task", "create", "--test-set-cid", unknown, "--reward", "0.1"], 4, $"test set {unknown} is not in the content store"),
            ("a model's CID", ["task", "create", "--test-set-cid", notATestSet, "--reward", "0.1"], 1, "is not a DQD1 test set"),
            ("not a CID", ["task", "create", "--test-set-cid", "bafy-nothing", "--reward", "0.1"], 1, "--test-set-cid 'bafy-nothing' is not a CID"),
            ("a Kubo that does not answer", ["--content-store", $"kubo=http://127.0.0.1:{CliDevnet.FreePort()}/", "task", "create", "--test-set-cid", unknown, "--reward", "0.1"], 1, "cannot fetch test set"),
            ("no test set", ["task", "create", "--reward", "0.1"], 1, "give exactly one of --test-set FILE and --test-set-cid CID"),
            ("a file as the store", ["--content-store", model, "task", "create", "--test-set-cid", unknown, "--reward", "0.1"], 1, "is a file: give a folder"),
            ("node run with a malformed CID", ["node", "run", "--roles", "submitter", "--test-set-cid", "bafy-nothing", "--for", "5s"], 1, "--test-set-cid 'bafy-nothing' is not a CID"),
            ("a URL without its kind", ["--content-store", "http://127.0.0.1:5001/", "task", "create", "--test-set-cid", unknown, "--reward", "0.1"], 1, "is a URL: name its kind"),
        ];
        foreach (var (why, args, exit, says) in cases)
        {
            CliRun run = await Cli.RunAsync(["--account", "deployer", "--yes", .. args]);
            Assert.That(run.ExitCode, Is.EqualTo(exit), $"{why}: {run.Error}");
            Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), $"{why}: one line: {run.Error}");
            Assert.That(run.Error, Does.Contain(says), why);
        }
    }

    [TestCase(1_000)]
    [TestCase(300_000)]
    public async Task The_CID_an_asset_is_registered_under_fetches_its_bytes_from_the_store(int size)
    {
        string path = Path.Combine(CliDevnet.NewFolder(), "asset.bin");
        byte[] content = System.Security.Cryptography.RandomNumberGenerator.GetBytes(size);
        await File.WriteAllBytesAsync(path, content);

        JsonObject registered = (await Cli.AsAsync("carol", "asset", "register", path, "--kind", "code")).Ok();

        string id = registered["assetId"]!.GetValue<string>();
        JsonNode listed = (await Cli.JsonAsync("asset", "list")).Ok()["assets"]!.AsArray().Single(a => a!["assetId"]!.GetValue<string>() == id)!;
        string onChain = listed["cid"]!.GetValue<string>();
        Cid stored = Cid.Parse(registered["storedCid"]!.GetValue<string>());
        Assert.That(onChain, Is.EqualTo(registered["cid"]!.GetValue<string>()));
        if (size <= UnixFsImporter.ChunkSize)
        {
            Assert.That(stored.ToString(), Is.EqualTo(onChain), "one block: the registry's CID is the store's");
            Assert.That(await Store().GetAsync(Cid.Parse(onChain)), Is.EqualTo(content), "the registered CID fetches the bytes");
        }
        else
        {
            // The registry takes raw sha2-256 CIDs only; above one block the store names the content by its UnixFS root.
            byte[] fetched = await Store().GetAsync(stored);
            Assert.That(fetched, Is.EqualTo(content));
            Assert.That(ContentId.Of(fetched), Is.EqualTo(onChain), "the bytes from the store are the registered ones");
        }
    }

    private static async Task WaitForAsync(string task, Func<JsonObject, bool> done, string what, Task<CliRun> node)
    {
        for (DateTime deadline = DateTime.UtcNow + Patience; DateTime.UtcNow < deadline; await Task.Delay(500))
        {
            Assert.That(node.IsCompleted, Is.False, () => $"the node stopped while waiting for {what}: {node.Result.Error} {node.Result.Out}");
            if (done((await Cli.JsonAsync("task", "status", task)).Ok()))
            {
                return;
            }
        }
        Assert.Fail($"no {what} within {Patience.TotalSeconds} s");
    }

    private static async Task WaitForResultAsync(string task, Task<CliRun> node)
    {
        for (DateTime deadline = DateTime.UtcNow + Patience; DateTime.UtcNow < deadline; await Task.Delay(500))
        {
            Assert.That(node.IsCompleted, Is.False, () => $"the node stopped while waiting for the evaluator: {node.Result.Error} {node.Result.Out}");
            if ((await Cli.JsonAsync("result", "status", task)).Ok()["pending"]!.GetValue<bool>())
            {
                return;
            }
        }
        Assert.Fail($"no result posted within {Patience.TotalSeconds} s");
    }
}
