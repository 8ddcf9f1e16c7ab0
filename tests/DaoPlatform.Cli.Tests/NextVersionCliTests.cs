using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;

namespace DaoPlatform.Cli.Tests;

/// <summary>
/// <c>asset next-version TASK [--model FILE]</c> (docs/training-tasks.md §9): two tasks run side by side on the devnet,
/// each naming an incumbent model asset. In the first, alice's model beats an incumbent whose weights are all zero, and
/// the winner, read from the task's reveals, is registered as the incumbent's next version with its lineage; in the
/// second, the incumbent beats alice's entry and nothing can be registered. Every refusal is one line and sends nothing.
/// </summary>
[NonParallelizable]
public sealed class NextVersionCliTests
{
    private static CliHarness Cli => CliDevnet.Cli;

    /// <summary>A copy of the MNIST model at <paramref name="path"/> with one weight negated (valid, and this test's own content).</summary>
    private static byte[] Tweaked(string path, string to, int which)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int weight = 7 + 3 * bytes[4] + which;
        bytes[weight] = (byte)(sbyte)-(sbyte)(bytes[weight] == 0x80 || bytes[weight] == 0 ? 1 : bytes[weight]);
        File.WriteAllBytes(to, bytes);
        return bytes;
    }

    /// <summary>A copy of the MNIST model with every weight and bias zero, with one weight set to <paramref name="mark"/>: a poor model of its own.</summary>
    private static byte[] Blank(string path, string to, sbyte mark)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int header = 7 + 3 * bytes[4];
        bytes.AsSpan(header).Clear();
        bytes[header] = (byte)mark;
        File.WriteAllBytes(to, bytes);
        return bytes;
    }

    private static string[] Create(string digits, string incumbent, string file) =>
        ["task", "create", "--test-set", digits, "--reward", "0.5", "--stake", "0.1", "--min-score", "50", "--commit-window", "1d",
            "--reveal-window", "1d", "--test-set-reveal-window", "1d", "--incumbent", incumbent, "--incumbent-model", file];

    private static async Task<CliRun> AssertOneLineAsync(string why, string says, params string[] args)
    {
        CliRun run = await Cli.RunAsync(args);
        Assert.That(run.ExitCode, Is.Not.EqualTo(0), $"{why}: {run.Out}");
        Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), $"{why}: one line: {run.Error}");
        Assert.That(run.Error, Does.Contain(says), why);
        return run;
    }

    [Test]
    public async Task The_winner_that_beat_the_incumbent_is_registered_as_its_next_version_with_its_lineage_and_bad_input_is_one_line()
    {
        string folder = CliDevnet.NewFolder();
        var (mnist, digits) = Fixtures.MnistFiles(folder);
        string poor = Path.Combine(folder, "poor.dqm1"), good = Path.Combine(folder, "good.dqm1"), incumbentB = Path.Combine(folder, "incumbent-b.dqm1");
        string poorEntry = Path.Combine(folder, "poor-entry.dqm1");
        Blank(mnist, poor, 3);
        byte[] winner = Tweaked(mnist, good, 11);
        Tweaked(mnist, incumbentB, 12);
        Blank(mnist, poorEntry, 5);

        string incumbentA = (await Cli.AsAsync("deployer", "asset", "register", poor, "--kind", "model", "--metadata-uri", "test://poor")).Ok()["assetId"]!.GetValue<string>();
        string assetB = (await Cli.AsAsync("deployer", "asset", "register", incumbentB, "--kind", "model", "--metadata-uri", "test://b")).Ok()["assetId"]!.GetValue<string>();
        string taskA = (await Cli.AsAsync("deployer", Create(digits, incumbentA, poor))).Ok()["taskId"]!.GetValue<string>();
        string taskB = (await Cli.AsAsync("deployer", Create(digits, assetB, incumbentB))).Ok()["taskId"]!.GetValue<string>();
        string plain = (await Cli.AsAsync("deployer", "task", "create", "--test-set", digits, "--reward", "0.5")).Ok()["taskId"]!.GetValue<string>();

        string commitA = Path.Combine(folder, "commit-a.json"), commitB = Path.Combine(folder, "commit-b.json");
        (await Cli.AsAsync("alice", "task", "commit", taskA, "--model", good, "--out", commitA)).Ok();
        (await Cli.AsAsync("alice", "task", "commit", taskB, "--model", poorEntry, "--out", commitB)).Ok();
        await AssertOneLineAsync("a task not settled", $"task {taskA} is not settled yet", "--json", "--account", "carol", "--yes", "asset", "next-version", taskA);
        (await Cli.JsonAsync("devnet", "advance", "1d11m")).Ok();
        (await Cli.AsAsync("alice", "task", "reveal", commitA)).Ok();
        (await Cli.AsAsync("alice", "task", "reveal", commitB)).Ok();
        (await Cli.JsonAsync("devnet", "advance", "1d")).Ok();
        foreach (string task in new[] { taskA, taskB })
        {
            (await Cli.AsAsync("deployer", "task", "reveal-test-set", task, "--test-set", digits)).Ok();
            (await Cli.AsAsync("bob", "result", "post", task, "--device", "cpu")).Ok();
        }
        (await Cli.JsonAsync("devnet", "advance", "3d")).Ok();
        (await Cli.AsAsync("carol", "result", "finalize", taskA)).Ok();
        (await Cli.AsAsync("carol", "result", "finalize", taskB)).Ok();

        // A file that is not the winner, and a dry run: nothing is sent.
        await AssertOneLineAsync("a file that is not the winner", "but the winner of task", "--json", "--account", "carol", "--yes", "asset", "next-version", taskA, "--model", poor);
        CliRun dry = await Cli.RunAsync(["--json", "--account", "carol", "--dry-run", "asset", "next-version", taskA]);
        Assert.That(dry.Out + dry.Error, Does.Contain($"register the winner of task {taskA}"), "the dry run shows the move");

        // Anyone may register a small winner: carol does, with the bytes the hub and the CLI read from the reveals.
        JsonObject registered = (await Cli.AsAsync("carol", "asset", "next-version", taskA)).Ok();
        string version = registered["assetId"]!.GetValue<string>();
        Assert.That(registered["previous"]!.GetValue<string>(), Is.EqualTo(incumbentA));
        Assert.That(registered["contentHash"]!.GetValue<string>(), Is.EqualTo(HexConvert.Encode(Keccak256.Hash(winner))));
        string score = registered["score"]!.GetValue<string>();
        Assert.That(int.Parse(score, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(50), "the winner passed the minimum score");
        Assert.That(registered["lineage"]!.GetValue<string>(), Does.Contain($"asset {version} (task {taskA}, score {score})").And.Contain($"asset {incumbentA}"));
        JsonArray versions = (await Cli.JsonAsync("asset", "lineage", version)).Ok()["versions"]!.AsArray();
        Assert.That(versions.Select(v => v!["assetId"]!.GetValue<string>()), Is.EqualTo(new[] { version, incumbentA }));
        JsonObject listed = (await Cli.JsonAsync("asset", "list")).Ok()["assets"]!.AsArray().Single(a => a!["assetId"]!.GetValue<string>() == version)!.AsObject();
        Assert.That(listed["owner"]!.GetValue<string>(), Is.EqualTo(CliDevnet.Address("deployer")), "minted to the incumbent's owner");

        CliRun human = await Cli.RunAsync(["--account", "carol", "--yes", "asset", "lineage", version]);
        Assert.That(human.Out, Does.Contain($"task {taskA}"));

        string[] nextVersion = ["--json", "--account", "carol", "--yes", "asset", "next-version"];
        await AssertOneLineAsync("registered already", $"registered already, as asset {version}", [.. nextVersion, taskA]);
        await AssertOneLineAsync("the incumbent not beaten", $"no entry of task {taskB} beat its incumbent", [.. nextVersion, taskB]);
        await AssertOneLineAsync("no incumbent", $"task {plain} names no incumbent model", [.. nextVersion, plain]);
        CliRun unknown = await AssertOneLineAsync("an unknown task", "task 424242 does not exist", [.. nextVersion, "424242"]);
        Assert.That(unknown.ExitCode, Is.EqualTo(4));
        await AssertOneLineAsync("not a task id", "task id", [.. nextVersion, "seven"]);
        await AssertOneLineAsync("a missing file", "missing.dqm1", [.. nextVersion, taskA, "--model", Path.Combine(folder, "missing.dqm1")]);
    }
}
