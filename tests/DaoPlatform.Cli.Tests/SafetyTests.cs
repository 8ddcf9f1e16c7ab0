using System.Numerics;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Platform.Custody;

namespace DaoPlatform.Cli.Tests;

/// <summary>
/// What a careful user relies on (issue 17), on the devnet: secrets and records never lost, what is signed shown and
/// checked, value never leaving without a yes, proposals that would fail refused at propose, defaults that work.
/// </summary>
[NonParallelizable]
public sealed class SafetyTests
{
    private static CliHarness Cli => CliDevnet.Cli;

    private static async Task<ulong> NonceAsync(string account)
    {
        using var rpc = new JsonRpcClient(new Uri(Cli.Variables["DAOPLATFORM_RPC_URL"]!));
        return await new EthRpcClient(rpc).GetTransactionCountAsync(Address.Parse(CliDevnet.Address(account)), BlockTag.Latest);
    }

    private static async Task<BigInteger> BalanceAsync(string address)
    {
        using var rpc = new JsonRpcClient(new Uri(Cli.Variables["DAOPLATFORM_RPC_URL"]!));
        return await new EthRpcClient(rpc).GetBalanceAsync(Address.Parse(address), BlockTag.Latest);
    }

    private static async Task<string> CreateTaskAsync(string digits, params string[] extra)
    {
        JsonObject created = (await Cli.AsAsync("deployer", ["task", "create", "--test-set", digits, "--reward", "0.5", "--stake", "0.1", .. extra])).Ok();
        return created["taskId"]!.GetValue<string>();
    }

    [Test]
    public async Task A_commit_file_is_private_written_before_sending_never_overwritten_and_recovered_from_the_key()
    {
        string folder = CliDevnet.NewFolder();
        var (model, digits) = Fixtures.MnistFiles(folder);
        string first = await CreateTaskAsync(digits), second = await CreateTaskAsync(digits);
        string commit = Path.Combine(folder, "commit.json");
        (await Cli.AsAsync("carol", "task", "commit", first, "--model", model, "--out", commit)).Ok();
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(commit), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "0600");
        }
        string original = await File.ReadAllTextAsync(commit);

        ulong nonce = await NonceAsync("carol");
        CliRun overwrite = await Cli.AsAsync("carol", "task", "commit", second, "--model", model, "--out", commit);
        Assert.That(overwrite.ExitCode, Is.EqualTo(5));
        Assert.That(overwrite.Error, Does.Contain(commit).And.Contain("never overwritten"));
        Assert.That(await File.ReadAllTextAsync(commit), Is.EqualTo(original), "the other task's salt is kept");
        Assert.That(await NonceAsync("carol"), Is.EqualTo(nonce), "nothing was sent");
        CliRun toDirectory = await Cli.AsAsync("carol", "task", "commit", second, "--model", model, "--out", folder);
        Assert.That(toDirectory.ExitCode, Is.EqualTo(1));
        Assert.That(toDirectory.Error, Does.Contain("is a directory"));
        Assert.That(await NonceAsync("carol"), Is.EqualTo(nonce), "nothing was sent");

        // The file is lost: the key and the model rebuild it, byte for byte the same salt.
        File.Delete(commit);
        (await Cli.AsAsync("carol", "task", "commit", first, "--model", model, "--out", commit, "--recover")).Ok();
        Assert.That(JsonNode.Parse(await File.ReadAllTextAsync(commit))!["salt"]!.GetValue<string>(), Is.EqualTo(JsonNode.Parse(original)!["salt"]!.GetValue<string>()));
        Assert.That(await NonceAsync("carol"), Is.EqualTo(nonce), "recovering sends nothing");
        CliRun otherKey = await Cli.AsAsync("bob", "task", "commit", first, "--model", model, "--out", Path.Combine(folder, "bob.json"), "--recover");
        Assert.That(otherKey.ExitCode, Is.EqualTo(4), "bob never committed");

        // Or the reveal derives it without any file.
        (await Cli.JsonAsync("devnet", "advance", "1d11m")).Ok();
        JsonObject revealed = (await Cli.AsAsync("carol", "task", "reveal", "--task", first, "--model", model)).Ok();
        Assert.That(revealed["taskId"]!.GetValue<string>(), Is.EqualTo(first));
        JsonObject status = (await Cli.JsonAsync("task", "status", first)).Ok();
        Assert.That(status["phase"]!.GetValue<string>(), Is.EqualTo("reveal"));
        Assert.That(status["entries"]![0]!["revealed"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task A_proposal_record_is_checked_first_and_written_before_the_proposal_and_a_doomed_proposal_is_refused()
    {
        string folder = CliDevnet.NewFolder();
        (await Cli.AsAsync("deployer", "dao", "give-tokens", "--to", "alice", "--amount", "2000")).Ok();
        (await Cli.AsAsync("alice", "dao", "delegate")).Ok();
        (await Cli.JsonAsync("devnet", "advance", "1s")).Ok();
        ulong nonce = await NonceAsync("alice");
        CliRun toDirectory = await Cli.AsAsync("alice", "dao", "propose", "--description", "to a directory " + Guid.NewGuid(), "--min-bond", "0.2", "--out", folder);
        Assert.That(toDirectory.ExitCode, Is.EqualTo(1));
        Assert.That(toDirectory.Error, Does.Contain("is a directory"));

        CliRun window = await Cli.AsAsync("alice", "dao", "propose", "--description", "too short " + Guid.NewGuid(), "--challenge-window", "1s", "--out", Path.Combine(folder, "w.json"));
        Assert.That(window.ExitCode, Is.EqualTo(1), window.Error);
        Assert.That(window.Error, Does.Contain("would revert when the timelock executes it").And.Contain("ChallengeWindow"));
        CliRun share = await Cli.AsAsync("alice", "dao", "propose", "--description", "too much " + Guid.NewGuid(), "--challenger-share", "20000", "--out", Path.Combine(folder, "s.json"));
        Assert.That(share.ExitCode, Is.EqualTo(1), share.Error);
        Assert.That(share.Error, Does.Contain("ChallengerShare"));
        CliRun rich = await Cli.AsAsync("alice", "dao", "propose", "--description", "too rich " + Guid.NewGuid(), "--transfer", "carol=1000000", "--out", Path.Combine(folder, "r.json"));
        Assert.That(rich.ExitCode, Is.EqualTo(1), rich.Error);
        Assert.That(rich.Error, Does.Contain("treasury").And.Contain("holds"));
        Assert.That(await NonceAsync("alice"), Is.EqualTo(nonce), "nothing was sent");
        Assert.That(Directory.GetFiles(folder), Is.Empty, "no record of a proposal that was not made");

        string record = Path.Combine(folder, "proposal.json");
        JsonObject proposed = (await Cli.AsAsync("alice", "dao", "propose", "--description", "fine " + Guid.NewGuid(), "--min-bond", "0.2", "--out", record)).Ok();
        Assert.That(JsonNode.Parse(await File.ReadAllTextAsync(record))!["proposalId"]!.GetValue<string>(), Is.EqualTo(proposed["proposalId"]!.GetValue<string>()));
        CliRun again = await Cli.AsAsync("alice", "dao", "propose", "--description", "another " + Guid.NewGuid(), "--min-bond", "0.3", "--out", record);
        Assert.That(again.ExitCode, Is.EqualTo(5), "a proposal record is never overwritten");

        // The record is lost: the chain rebuilds it, and the proposal is found without knowing its id.
        string rebuilt = Path.Combine(folder, "rebuilt.json");
        (await Cli.JsonAsync("dao", "proposal", "get", proposed["proposalId"]!.GetValue<string>(), "--out", rebuilt)).Ok();
        var original = JsonNode.Parse(await File.ReadAllTextAsync(record))!;
        var fromChain = JsonNode.Parse(await File.ReadAllTextAsync(rebuilt))!;
        Assert.That(fromChain["description"]!.GetValue<string>(), Is.EqualTo(original["description"]!.GetValue<string>()));
        foreach (string field in new[] { "target", "value", "calldata" })
        {
            Assert.That(fromChain["actions"]![0]![field]!.GetValue<string>(), Is.EqualTo(original["actions"]![0]![field]!.GetValue<string>()), field);
        }
        JsonArray listed = (await Cli.JsonAsync("dao", "proposals")).Ok()["proposals"]!.AsArray();
        Assert.That(listed.Select(p => p!["proposalId"]!.GetValue<string>()), Does.Contain(proposed["proposalId"]!.GetValue<string>()));
        JsonNode ours = listed.Single(p => p!["proposalId"]!.GetValue<string>() == proposed["proposalId"]!.GetValue<string>())!;
        Assert.That(ours["voteEnd"]!.GetValue<ulong>(), Is.GreaterThan(0UL), "when voting closes is listed");
        string table = (await Cli.RunAsync(["dao", "proposals"])).Out;
        Assert.That(table, Does.Contain(" UTC"), "the table shows dates, not unix seconds");
        Assert.That((await Cli.JsonAsync("dao", "proposal", "get", "12345", "--out", Path.Combine(folder, "none.json"))).ExitCode, Is.EqualTo(4));
        JsonObject balance = (await Cli.JsonAsync("balance", "alice")).Ok();
        Assert.That(balance["account"]!.GetValue<string>(), Is.EqualTo(CliDevnet.Address("alice")));
        Assert.That(balance["tokens"]!.GetValue<string>(), Is.Not.EqualTo("0"));
    }

    [Test]
    public async Task Vault_sign_shows_the_digest_and_refuses_a_file_that_disagrees_with_itself_or_its_approvals()
    {
        string folder = CliDevnet.NewFolder();
        (await Cli.AsAsync("deployer", "dao", "fund-treasury", "--amount", "0.1")).Ok();
        string file = Path.Combine(folder, "pay.json");
        (await Cli.JsonAsync("vault", "propose", "--to", "carol", "--value", "0.5", "--summary", "pay carol 0.5 ETH", "--out", file)).Ok();
        string pristine = await File.ReadAllTextAsync(file);

        CliRun shown = await Cli.RunAsync(["--account", "alice", "vault", "sign", file]);
        Assert.That(shown.ExitCode, Is.Zero, shown.Error);
        Assert.That(shown.Out, Does.Contain("domain separator").And.Contain("struct hash").And.Contain("digest").And.Contain("0.5 ETH").And.Contain(CliDevnet.Address("carol")));
        VaultTransactionFile signedByAlice = await VaultTransactionFile.LoadAsync(file);
        string digest = Ethereum.Hex.HexConvert.Encode(signedByAlice.Approval().Digest);
        Assert.That(shown.Out, Does.Contain(digest));

        // The summary says one thing, the value another.
        var lying = JsonNode.Parse(pristine)!;
        lying["value"] = "500000000000000000000";
        string lie = Path.Combine(folder, "lie.json");
        await File.WriteAllTextAsync(lie, lying.ToJsonString());
        CliRun refused = await Cli.AsAsync("bob", "vault", "sign", lie);
        Assert.That(refused.ExitCode, Is.EqualTo(1));
        Assert.That(refused.Error, Does.Contain("summary").And.Contain("disagrees"));

        // The note names an amount the transaction does not send.
        var noted = JsonNode.Parse(pristine)!;
        noted["note"] = "pay carol 0.0001 ETH";
        string note = Path.Combine(folder, "note.json");
        await File.WriteAllTextAsync(note, noted.ToJsonString());
        Assert.That((await Cli.AsAsync("bob", "vault", "sign", note)).Error, Does.Contain("0.0001 ETH").And.Contain("sends 0.5 ETH"));

        // A consistent file whose contents changed after alice approved: her approval no longer matches.
        string changed = Path.Combine(folder, "changed.json");
        await File.WriteAllTextAsync(changed, (signedByAlice with { Value = signedByAlice.Value * 2, Summary = "" }).ToJson().ToJsonString());
        CliRun stale = await Cli.AsAsync("bob", "vault", "sign", changed);
        Assert.That(stale.ExitCode, Is.EqualTo(1));
        Assert.That(stale.Error, Does.Contain(CliDevnet.Address("alice")).And.Contain("does not match"));
        Assert.That(JsonNode.Parse(await File.ReadAllTextAsync(changed))!["approvals"]!.AsArray(), Has.Count.EqualTo(1), "bob signed nothing");
    }

    [Test]
    public async Task Value_leaves_only_with_a_yes_and_a_dry_run_sends_nothing()
    {
        string treasury = JsonNode.Parse(await File.ReadAllTextAsync(Cli.Variables["DAOPLATFORM_DEPLOYMENT"]!))!["contracts"]!["DaoTimelock"]!["address"]!.GetValue<string>();
        BigInteger before = await BalanceAsync(treasury);
        ulong nonce = await NonceAsync("deployer");

        CliRun script = await Cli.RunAsync(["--account", "deployer", "dao", "fund-treasury", "--amount", "1"]);
        Assert.That(script.ExitCode, Is.EqualTo(5));
        Assert.That(script.Error.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(script.Error, Does.Contain("--yes").And.Contain("not a terminal"));
        Assert.That(script.Out, Does.Contain("L1 fee").And.Contain("max cost").And.Contain("value     1 ETH"), "what would be signed is shown first");

        CliRun declined = await Cli.RunAsync(["--account", "deployer", "dao", "fund-treasury", "--amount", "1"], "n\n", terminal: true);
        Assert.That(declined.ExitCode, Is.EqualTo(5));
        Assert.That(declined.Error, Does.Contain("Send it? [y/N]").And.Contain("declined"));

        CliRun dry = await Cli.RunAsync(["--json", "--account", "deployer", "--dry-run", "dao", "fund-treasury", "--amount", "1"]);
        Assert.That(dry.ExitCode, Is.Zero, dry.Error);
        Assert.That(dry.Json["dryRun"]!.GetValue<bool>(), Is.True);
        Assert.That(dry.Json["outcome"]!.GetValue<string>(), Is.EqualTo("would succeed"));
        Assert.That(await BalanceAsync(treasury), Is.EqualTo(before));
        Assert.That(await NonceAsync("deployer"), Is.EqualTo(nonce), "refused, declined and dry runs send nothing");

        CliRun accepted = await Cli.RunAsync(["--json", "--account", "deployer", "dao", "fund-treasury", "--amount", "1"], "y\n", terminal: true);
        Assert.That(accepted.ExitCode, Is.Zero, accepted.Error);
        Assert.That(await BalanceAsync(treasury), Is.EqualTo(before + BigInteger.Pow(10, 18)));
        Assert.That(JsonNode.Parse(accepted.Error.Split('\n')[0])!["signing"]!["maxCost"]!.GetValue<string>(), Is.Not.EqualTo("0"));
    }

    [Test]
    public async Task The_documented_defaults_work_and_show_deadlines_and_phases()
    {
        string folder = CliDevnet.NewFolder();
        var (_, digits) = Fixtures.MnistFiles(folder);
        CliRun created = await Cli.RunAsync(["--account", "deployer", "--yes", "task", "create", "--test-set", digits, "--reward", "0.3"]);
        Assert.That(created.ExitCode, Is.Zero, created.Error);
        Assert.That(created.Out, Does.Contain("commits until").And.Contain("UTC (in 1 day"));
        string task = System.Text.RegularExpressions.Regex.Match(created.Out, @"task (\d+): reward").Groups[1].Value;
        JsonObject status = (await Cli.JsonAsync("task", "status", task)).Ok();
        Assert.That(status["phase"]!.GetValue<string>(), Is.EqualTo("commit"));
        Assert.That(status["minScore"]!.GetValue<uint>(), Is.EqualTo(11u), "chance (100 samples / 10 classes) + 1");
        CliRun text = await Cli.RunAsync(["task", "status", task]);
        Assert.That(text.Out, Does.Contain("commits until").And.Contain("reveals until"));
        CliRun bad = await Cli.AsAsync("deployer", "task", "create", "--test-set", digits, "--reward", "0.3", "--min-score", "0");
        Assert.That(bad.ExitCode, Is.EqualTo(1));
        Assert.That(bad.Error, Does.Contain("--min-score 0 is outside 11..100"));
        Assert.That((await Cli.JsonAsync("eval", folder, digits)).Error, Does.Contain("is a directory"));
    }

    [Test]
    public async Task Task_watch_waits_on_a_chain_with_no_new_blocks_for_a_minute()
    {
        string folder = CliDevnet.NewFolder();
        var (_, digits) = Fixtures.MnistFiles(folder);
        string task = await CreateTaskAsync(digits);
        CliRun watched = await Cli.JsonAsync("task", "watch", task, "--interval", "1s", "--timeout", "61s");
        Assert.That(watched.ExitCode, Is.Zero, watched.Error);
        Assert.That(watched.Json["finalized"]!.GetValue<bool>(), Is.False);
        Assert.That(watched.Json["events"]!.AsArray(), Is.Empty);
    }
}
