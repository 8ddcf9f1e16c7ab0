using System.Net;
using System.Text.Json.Nodes;

namespace DaoPlatform.Cli.Tests;

/// <summary>Each role's commands through the real command tree against the devnet: output, --json shape, exit code.</summary>
[NonParallelizable]
public sealed class CommandTests
{
    private static readonly string[] s_postedThenFinalized = ["posted", "overturned", "posted", "finalized"];

    private static CliHarness Cli => CliDevnet.Cli;

    [Test]
    public async Task Help_lists_every_role_and_the_exit_codes()
    {
        CliRun help = await Cli.RunAsync(["--help"]);
        Assert.That(help.ExitCode, Is.Zero);
        foreach (string command in new[] { "account", "devnet", "deploy", "dao", "vault", "stream", "split", "asset", "task", "result", "train", "eval", "node" })
        {
            Assert.That(help.Out, Does.Contain($"  {command}"), command);
        }
        Assert.That(help.Out, Does.Contain("Exit codes"));
    }

    [Test]
    public async Task Accounts_are_created_listed_and_shown_readably()
    {
        JsonObject created = (await Cli.JsonAsync("account", "create", "--name", "zed", "--light-kdf")).Ok();
        Assert.That(created["address"]!.GetValue<string>(), Does.StartWith("0x").And.Length.EqualTo(42));
        Assert.That(File.Exists(created["keystore"]!.GetValue<string>()));
        JsonArray accounts = (await Cli.JsonAsync("account", "list")).Ok()["accounts"]!.AsArray();
        Assert.That(accounts.Select(a => a!["name"]!.GetValue<string>()), Does.Contain("zed").And.Contain("alice"));
        CliRun text = await Cli.RunAsync(["account", "list"]);
        Assert.That(text.Out, Does.Contain("zed").And.Contain(created["address"]!.GetValue<string>()));
        Assert.That((await Cli.JsonAsync("account", "create", "--name", "zed", "--light-kdf")).ExitCode, Is.EqualTo(1), "a second account of the same name is refused");
    }

    [Test]
    public async Task A_geth_keystore_is_imported_with_its_password_and_refused_without_it()
    {
        string folder = CliDevnet.NewFolder();
        var key = Ethereum.Signing.EthereumKey.Generate();
        string keystore = Path.Combine(folder, "UTC--geth.json");
        var kdf = new Ethereum.Keystore.Pbkdf2KeyDerivation(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), iterations: 1024);
        await File.WriteAllTextAsync(keystore, Ethereum.Keystore.Web3SecretStorage.Encrypt(key, "geth password", kdf));
        string wrong = Path.Combine(folder, "wrong"), right = Path.Combine(folder, "right");
        await File.WriteAllTextAsync(wrong, "not it\n");
        await File.WriteAllTextAsync(right, "geth password\n");

        CliRun refused = await Cli.RunAsync(["--password-file", wrong, "account", "import", "--name", "geth", "--keystore", keystore]);
        Assert.That(refused.ExitCode, Is.EqualTo(1));
        Assert.That(refused.Error, Does.Contain("wrong password"));
        JsonObject imported = (await Cli.RunAsync(["--json", "--password-file", right, "account", "import", "--name", "geth", "--keystore", keystore])).Ok();
        Assert.That(imported["address"]!.GetValue<string>(), Is.EqualTo(key.Address.ToString()));
    }

    [Test]
    public async Task Devnet_status_reports_the_chain()
    {
        JsonObject status = (await Cli.JsonAsync("devnet", "status")).Ok();
        Assert.That(status["chainId"]!.GetValue<ulong>(), Is.EqualTo(10UL));
        Assert.That(status["block"]!.GetValue<ulong>(), Is.GreaterThan(0UL));
    }

    [Test]
    public async Task A_proposal_with_every_typed_action_passes_with_a_relayed_ballot()
    {
        string folder = CliDevnet.NewFolder();
        foreach (string member in new[] { "alice", "bob" })
        {
            (await Cli.AsAsync("deployer", "dao", "give-tokens", "--to", CliDevnet.Address(member), "--amount", "100000")).Ok();
            (await Cli.AsAsync(member, "dao", "delegate")).Ok();
        }
        (await Cli.AsAsync("deployer", "dao", "fund-treasury", "--amount", "2")).Ok();
        (await Cli.JsonAsync("devnet", "advance", "1s")).Ok();

        string proposal = Path.Combine(folder, "proposal.json");
        JsonObject proposed = (await Cli.AsAsync("alice", "dao", "propose", "--description", "every typed action " + Guid.NewGuid(),
            "--fund-task-committee", "0.5", "--transfer", $"{CliDevnet.Address("carol")}=0.25", "--challenge-window", "2d", "--min-bond", "0.2",
            "--challenger-share", "4000", "--revenue-share", $"{CliDevnet.Address("bob")}=10", "--call", $"{CliDevnet.Address("carol")}:0.1:0x",
            "--out", proposal)).Ok();
        Assert.That(proposed["actions"]!.AsArray(), Has.Count.EqualTo(7));
        Assert.That(proposed["transactions"]![0]!["step"]!.GetValue<string>(), Is.EqualTo("Governor.propose"));
        Assert.That((await Cli.JsonAsync("dao", "status", proposal)).Ok()["state"]!.GetValue<string>(), Is.EqualTo("Pending"));

        (await Cli.JsonAsync("devnet", "advance", "61s")).Ok();
        JsonObject voted = (await Cli.AsAsync("alice", "dao", "vote", proposal, "--support", "for", "--reason", "the committee needs it")).Ok();
        Assert.That(voted["transactions"]![0]!["step"]!.GetValue<string>(), Does.Contain("castVoteWithReason"));
        Assert.That(voted["reason"]!.GetValue<string>(), Is.EqualTo("the committee needs it"));
        string ballot = Path.Combine(folder, "ballot.json");
        JsonObject signed = (await Cli.AsAsync("bob", "dao", "vote", proposed["proposalId"]!.GetValue<string>(), "--support", "abstain", "--sign-to", ballot)).Ok();
        Assert.That(signed["voter"]!.GetValue<string>(), Is.EqualTo(CliDevnet.Address("bob")));
        Assert.That(signed.ContainsKey("transactions"), Is.False, "signing a ballot sends nothing");
        JsonObject relayed = (await Cli.AsAsync("carol", "dao", "relay", ballot)).Ok();
        Assert.That(relayed["transactions"]![0]!["step"]!.GetValue<string>(), Does.Contain("castVoteBySig"));
        JsonObject tally = (await Cli.JsonAsync("dao", "status", proposal)).Ok();
        Assert.That(tally["for"]!.GetValue<string>(), Is.Not.EqualTo("0"));
        Assert.That(tally["abstain"]!.GetValue<string>(), Is.Not.EqualTo("0"), "bob's relayed ballot counts");
        // The relayer's own check (SignedBallotCheck, as the node's): the same ballot again is refused before any gas, naming the nonce.
        CliRun replayed = await Cli.RunAsync(["--account", "carol", "--yes", "dao", "relay", ballot]);
        Assert.That(replayed.ExitCode, Is.EqualTo(1), replayed.Error);
        Assert.That(replayed.Error, Does.Contain("the ballot is refused: nonce ").And.Contain("is not the voter's current nonce"));

        (await Cli.JsonAsync("devnet", "advance", "10m")).Ok();
        (await Cli.AsAsync("carol", "dao", "queue", proposal)).Ok();
        Assert.That((await Cli.JsonAsync("dao", "status", proposal)).Ok()["eta"]!.GetValue<ulong>(), Is.GreaterThan(0UL));
        Assert.That((await Cli.AsAsync("carol", "dao", "execute", proposal)).ExitCode, Is.EqualTo(3), "the timelock delay has not passed: the revert is reported");
        (await Cli.JsonAsync("devnet", "advance", "301s")).Ok();
        (await Cli.AsAsync("carol", "dao", "execute", proposal)).Ok();
        Assert.That((await Cli.JsonAsync("dao", "status", proposal)).Ok()["state"]!.GetValue<string>(), Is.EqualTo("Executed"));
        Assert.That((await Cli.JsonAsync("split", "shares", "--payee", CliDevnet.Address("bob"))).Ok()["shares"]!.GetValue<string>(), Is.EqualTo("10"));
    }

    [Test]
    public async Task Vault_approvals_are_signed_apart_collected_and_executed()
    {
        string folder = CliDevnet.NewFolder();
        JsonObject before = (await Cli.JsonAsync("vault", "owners")).Ok();
        Assert.That(before["owners"]!.AsArray(), Has.Count.EqualTo(3));
        Assert.That(before["threshold"]!.GetValue<string>(), Is.EqualTo("2"));

        string a = Path.Combine(folder, "a.json"), b = Path.Combine(folder, "b.json"), merged = Path.Combine(folder, "merged.json");
        (await Cli.JsonAsync("vault", "propose", "--to", CliDevnet.Address("deployer"), "--data", "0x", "--summary", "a no-op", "--out", a)).Ok();
        File.Copy(a, b);
        (await Cli.AsAsync("alice", "vault", "sign", a)).Ok();
        CliRun tooFew = await Cli.AsAsync("carol", "vault", "execute", a);
        Assert.That(tooFew.ExitCode, Is.EqualTo(1));
        Assert.That(tooFew.Error, Does.Contain("1 approvals").And.Contain("needs 2"));
        Assert.That((await Cli.AsAsync("deployer", "vault", "sign", b)).ExitCode, Is.EqualTo(1), "the deployer is not an owner");
        (await Cli.AsAsync("bob", "vault", "sign", b)).Ok();
        Assert.That((await Cli.JsonAsync("vault", "collect", a, b, "--out", merged)).Ok()["approvals"]!.GetValue<int>(), Is.EqualTo(2));
        JsonObject executed = (await Cli.AsAsync("deployer", "vault", "execute", merged)).Ok();
        Assert.That(executed["transactions"]![0]!["gasUsed"]!.GetValue<ulong>(), Is.GreaterThan(21_000UL));
        Assert.That((await Cli.JsonAsync("vault", "owners")).Ok()["nonce"]!.GetValue<string>(), Is.Not.EqualTo(before["nonce"]!.GetValue<string>()));
        Assert.That((await Cli.AsAsync("deployer", "vault", "execute", merged)).ExitCode, Is.EqualTo(1), "a used nonce is named before sending");
    }

    [Test]
    public async Task Streams_are_created_read_and_cancelled_and_assets_registered_paid_and_moved()
    {
        string folder = CliDevnet.NewFolder();
        string stream = Path.Combine(folder, "stream.json");
        (await Cli.AsAsync("deployer", "stream", "create", "--to", CliDevnet.Address("alice"), "--per-day", "100", "--duration", "2d", "--out", stream)).Ok();
        (await Cli.JsonAsync("devnet", "advance", "1d")).Ok();
        JsonObject status = (await Cli.JsonAsync("stream", "status", stream)).Ok();
        Assert.That(decimal.Parse(status["withdrawable"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(99e18m));
        (await Cli.AsAsync("bob", "stream", "withdraw", stream)).Ok();
        (await Cli.AsAsync("deployer", "stream", "cancel", stream)).Ok();
        CliRun cancelled = await Cli.JsonAsync("stream", "status", stream);
        Assert.That(cancelled.ExitCode == 4 || cancelled.Json["unstreamed"]!.GetValue<string>() == "0", Is.True, "a cancelled stream streams no more");
        string other = Path.Combine(folder, "other.json");
        var terms = JsonNode.Parse(await File.ReadAllTextAsync(stream))!;
        terms["startTime"] = terms["startTime"]!.GetValue<ulong>() + 1;
        await File.WriteAllTextAsync(other, terms.ToJsonString());
        Assert.That((await Cli.JsonAsync("stream", "status", other)).ExitCode, Is.EqualTo(4), "terms that name no stream");

        string file = Path.Combine(folder, "asset.bin");
        await File.WriteAllBytesAsync(file, Guid.NewGuid().ToByteArray());
        JsonObject registered = (await Cli.AsAsync("alice", "asset", "register", file, "--kind", "dataset")).Ok();
        string id = registered["assetId"]!.GetValue<string>();
        Assert.That(registered["cid"]!.GetValue<string>(), Does.StartWith("bafkrei"));
        Assert.That((await Cli.AsAsync("alice", "asset", "register", file, "--kind", "dataset")).ExitCode, Is.EqualTo(1), "the same content twice");
        (await Cli.AsAsync("bob", "asset", "pay-revenue", id, "--amount", "0.01")).Ok();
        (await Cli.AsAsync("alice", "asset", "transfer", id, "--to", "vault")).Ok();
        Assert.That((await Cli.AsAsync("alice", "asset", "transfer", "999999", "--to", "vault")).ExitCode, Is.EqualTo(4));
    }

    [Test]
    public async Task A_task_runs_from_creation_to_payout_and_watch_posts_each_result_with_retries()
    {
        string folder = CliDevnet.NewFolder();
        var (model, digits) = Fixtures.MnistFiles(folder);
        JsonObject evaluated = (await Cli.JsonAsync("eval", model, digits, "--device", "cpu", "--threads", "1")).Ok();
        Assert.That(evaluated["correct"]!.GetValue<int>(), Is.EqualTo(Fixtures.MnistAccuracy()));
        Assert.That((await Cli.JsonAsync("eval", model, digits, "--threads", "0")).ExitCode, Is.EqualTo(1), "no thread to evaluate on");

        string viaVault = Path.Combine(folder, "create.json");
        JsonObject proposal = (await Cli.JsonAsync("task", "create", "--test-set", digits, "--reward", "0.5", "--vault-proposal", viaVault)).Ok();
        Assert.That(proposal["vaultTransactions"]![0]!["file"]!.GetValue<string>(), Is.EqualTo(viaVault));

        JsonObject created = (await Cli.AsAsync("deployer", "task", "create", "--test-set", digits, "--reward", "0.5", "--stake", "0.1",
            "--min-score", "50", "--commit-window", "1d", "--reveal-window", "1d", "--test-set-reveal-window", "1d")).Ok();
        string task = created["taskId"]!.GetValue<string>();
        Assert.That(created["testSetSize"]!.GetValue<int>(), Is.EqualTo(100));
        string commit = Path.Combine(folder, "commit.json");
        (await Cli.AsAsync("alice", "task", "commit", task, "--model", model, "--out", commit)).Ok();
        (await Cli.JsonAsync("devnet", "advance", "1d11m")).Ok();
        (await Cli.AsAsync("alice", "task", "reveal", commit)).Ok();
        (await Cli.JsonAsync("devnet", "advance", "1d")).Ok();
        JsonObject revealed = (await Cli.AsAsync("deployer", "task", "reveal-test-set", task, "--test-set", digits)).Ok();
        Assert.That(revealed["chunks"]!.GetValue<int>(), Is.EqualTo(4));
        JsonObject status = (await Cli.JsonAsync("task", "status", task)).Ok();
        Assert.That(status["testSetRevealed"]!.GetValue<bool>(), Is.True);
        Assert.That(status["entries"]![0]!["revealed"]!.GetValue<bool>(), Is.True);

        // A forged result (one prediction changed) is overturned by 'result challenge' with a one-sample dispute.
        string honest = Path.Combine(folder, "honest.json"), forged = Path.Combine(folder, "forged.json");
        (await Cli.JsonAsync("eval", model, digits, "--predictions-out", honest)).Ok();
        byte[] predictions = Ethereum.Hex.HexConvert.Decode(JsonNode.Parse(await File.ReadAllTextAsync(honest))!["predictions"]![0]!.GetValue<string>());
        predictions[7] = (byte)((predictions[7] + 1) % 10);
        await File.WriteAllTextAsync(forged, new JsonObject { ["predictions"] = new JsonArray(Ethereum.Hex.HexConvert.Encode(predictions)) }.ToJsonString());
        (await Cli.AsAsync("deployer", "result", "post", task, "--predictions-file", forged)).Ok();
        JsonObject overturned = (await Cli.AsAsync("carol", "result", "challenge", task, "--device", "cpu")).Ok();
        Assert.That(overturned["correct"]!.GetValue<bool>(), Is.False);
        Assert.That(overturned["dispute"]!.GetValue<string>(), Does.Contain("Prediction").And.Contain("Sample = 7"));
        Assert.That(overturned["credit"]!.GetValue<string>(), Is.Not.EqualTo("0"), "the auditor is credited part of the bond");
        Assert.That((await Cli.JsonAsync("result", "status", task)).Ok()["pending"]!.GetValue<bool>(), Is.False);

        JsonObject posted = (await Cli.AsAsync("bob", "result", "post", task, "--device", "cpu")).Ok();
        Assert.That(posted["scores"]![0]!.GetValue<uint>(), Is.EqualTo((uint)Fixtures.MnistAccuracy()));
        JsonObject pending = (await Cli.JsonAsync("result", "status", task)).Ok();
        Assert.That(pending["pending"]!.GetValue<bool>(), Is.True);
        Assert.That(pending["evaluator"]!.GetValue<string>(), Is.EqualTo(CliDevnet.Address("bob")));
        Assert.That((await Cli.AsAsync("carol", "result", "challenge", task, "--device", "cpu")).Ok()["correct"]!.GetValue<bool>(), Is.True, "an honest result is left alone");
        Assert.That((await Cli.AsAsync("carol", "result", "finalize", task)).ExitCode, Is.EqualTo(3), "the window is open: the revert is reported");
        (await Cli.JsonAsync("devnet", "advance", "3d")).Ok();
        (await Cli.AsAsync("carol", "result", "finalize", task)).Ok();

        // The callback fails once, then accepts: watch retries and reports each event delivered.
        int port = CliDevnet.FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var bodies = new List<string>();
        var serve = Task.Run(async () =>
        {
            for (int request = 0; request < 5; request++)
            {
                var context = await listener.GetContextAsync();
                using (var reader = new StreamReader(context.Request.InputStream))
                {
                    bodies.Add(await reader.ReadToEndAsync());
                }
                context.Response.StatusCode = request == 0 ? 500 : 200;
                context.Response.Close();
            }
        });
        JsonObject watched = (await Cli.JsonAsync("task", "watch", task, "--callback-url", $"http://127.0.0.1:{port}/hook", "--timeout", "30s")).Ok();
        await serve.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(watched["finalized"]!.GetValue<bool>(), Is.True);
        Assert.That(watched["events"]!.AsArray().Select(e => e!["event"]!.GetValue<string>()), Is.EqualTo(s_postedThenFinalized));
        Assert.That(watched["events"]!.AsArray().All(e => e!["delivered"]!.GetValue<bool>()), Is.True);
        Assert.That(bodies, Has.Count.EqualTo(5), "four events, the first delivered on the second attempt");
        Assert.That(JsonNode.Parse(bodies[0])!["event"]!.GetValue<string>(), Is.EqualTo("posted"));

        Assert.That((await Cli.AsAsync("alice", "task", "withdraw")).Ok()["amount"]!.GetValue<string>(), Is.EqualTo("600000000000000000"), "reward and stake");
        Assert.That((await Cli.AsAsync("bob", "result", "withdraw")).Ok()["amount"]!.GetValue<string>(), Is.EqualTo(pending["bond"]!.GetValue<string>()), "the honest evaluator's bond comes back");
    }
}
