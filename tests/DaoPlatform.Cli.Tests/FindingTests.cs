using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Deployment;
using DaoPlatform.Protocol;

namespace DaoPlatform.Cli.Tests;

/// <summary>
/// Finding things and reading what is signed (issue 17), on the devnet: the vault's queue, tasks by phase, a relayer
/// ballot shown before it is signed, token amounts in their symbol, dates, and explorer links.
/// </summary>
[NonParallelizable]
public sealed class FindingTests
{
    private static CliHarness Cli => CliDevnet.Cli;

    private static JsonObject Find(JsonObject queue, string file) =>
        queue["pending"]!.AsArray().Single(p => p!["file"]!.GetValue<string>() == file)!.AsObject();

    [Test]
    public async Task Vault_queue_shows_pending_transactions_by_nonce_their_approvals_and_what_needs_your_signature()
    {
        string folder = CliDevnet.NewFolder();
        string pay = Path.Combine(folder, "pay-bob.json"), tokens = Path.Combine(folder, "tokens-carol.json");
        (await Cli.JsonAsync("vault", "propose", "--to", "bob", "--summary", "ping bob", "--out", pay)).Ok();
        // An ERC-20 transfer of 1.5 tokens: the queue shows it in the token's symbol, read from the chain.
        string transfer = "0xa9059cbb" + CliDevnet.Address("carol")[2..].ToLowerInvariant().PadLeft(64, '0') + (1_500_000_000_000_000_000UL).ToString("x").PadLeft(64, '0');
        (await Cli.JsonAsync("vault", "propose", "--to", "token", "--data", transfer, "--out", tokens)).Ok();
        // A file that disagrees with itself is left out, named, never counted.
        var lying = JsonNode.Parse(await File.ReadAllTextAsync(pay))!;
        lying["value"] = "7000000000000000000";
        await File.WriteAllTextAsync(Path.Combine(folder, "lie.json"), lying.ToJsonString());
        // Other records in the folder are not vault transactions and are not read as such.
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.json"), """{"note": "not a vault transaction"}""");

        (await Cli.AsAsync("alice", "vault", "sign", pay)).Ok();
        JsonObject forBob = (await Cli.RunAsync(["--json", "--account", "bob", "vault", "queue", folder])).Ok();
        Assert.That(forBob["pending"]!.AsArray(), Has.Count.EqualTo(2));
        Assert.That(forBob["accountIsOwner"]!.GetValue<bool>(), Is.True);
        JsonObject payRow = Find(forBob, pay);
        Assert.Multiple(() =>
        {
            Assert.That(payRow["approvals"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(payRow["threshold"]!.GetValue<string>(), Is.EqualTo("2"));
            Assert.That(payRow["approvers"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EqualTo(new[] { CliDevnet.Address("alice") }));
            Assert.That(payRow["needsYourSignature"]!.GetValue<bool>(), Is.True);
            Assert.That(payRow["readyToExecute"]!.GetValue<bool>(), Is.False);
            Assert.That(Find(forBob, tokens)["summary"]!.GetValue<string>(), Does.Match(@"transfer 1\.5 \S+ \(token 0x[0-9a-fA-F]{40}\) from the vault to " + CliDevnet.Address("carol")));
            Assert.That(forBob["skipped"]!.AsArray().Select(s => s!["file"]!.GetValue<string>()), Is.EqualTo(new[] { Path.Combine(folder, "lie.json") }));
        });
        CliRun text = await Cli.RunAsync(["--account", "bob", "vault", "queue", folder]);
        Assert.That(text.ExitCode, Is.Zero, text.Error);
        Assert.That(text.Out, Does.Contain("1 of 2  needs your signature").And.Contain("left out " + Path.Combine(folder, "lie.json")));

        (await Cli.AsAsync("bob", "vault", "sign", pay)).Ok();
        JsonObject forCarol = (await Cli.RunAsync(["--json", "--account", "carol", "vault", "queue", folder])).Ok();
        Assert.That(Find(forCarol, pay)["readyToExecute"]!.GetValue<bool>(), Is.True);
        Assert.That(Find(forCarol, pay)["needsYourSignature"]!.GetValue<bool>(), Is.False, "two of three approved: carol's is not needed");
        Assert.That(Find(forCarol, tokens)["needsYourSignature"]!.GetValue<bool>(), Is.True);

        // Executed: its nonce is spent, and the other transaction at that nonce can never run.
        (await Cli.AsAsync("carol", "vault", "execute", pay)).Ok();
        JsonObject after = (await Cli.JsonAsync("vault", "queue", folder)).Ok();
        Assert.That(after["pending"]!.AsArray(), Is.Empty);
        Assert.That(after["skipped"]!.AsArray().Select(s => s!["reason"]!.GetValue<string>()), Has.Some.Contains("is spent"));
    }

    [Test]
    public async Task Vault_queue_names_a_hash_approved_on_chain_whose_file_is_not_given_until_the_approval_is_revoked()
    {
        string withFile = CliDevnet.NewFolder(), withoutFile = CliDevnet.NewFolder();
        string pay = Path.Combine(withFile, "pay-carol.json");
        (await Cli.JsonAsync("vault", "propose", "--to", "carol", "--summary", "approved on chain", "--out", pay)).Ok();
        string digest = Find((await Cli.JsonAsync("vault", "queue", withFile)).Ok(), pay)["digest"]!.GetValue<string>();
        DeploymentRecord deployment = await DeploymentRecord.LoadAsync(Cli.Variables["DAOPLATFORM_DEPLOYMENT"]!);
        using ChainConnection bob = await ChainConnection.OpenAsync(
            new Uri(Cli.Variables["DAOPLATFORM_RPC_URL"]!), null, EthereumKey.FromHex(CliDevnet.Accounts.Single(a => a.Name == "bob").Key));
        var vault = new PlatformContracts(bob.Contracts, deployment.ToAddresses()).Vault;
        await vault.ApproveHashAsync(HexConvert.Decode(digest));

        JsonObject orphaned = (await Cli.JsonAsync("vault", "queue", withoutFile)).Ok();
        Assert.That(orphaned["pending"]!.AsArray(), Is.Empty);
        JsonObject orphan = orphaned["approvedOnChainWithoutFile"]!.AsArray().Single(o => o!["hash"]!.GetValue<string>() == digest)!.AsObject();
        Assert.That(orphan["owners"]!.AsArray().Select(o => o!.GetValue<string>()), Is.EqualTo(new[] { CliDevnet.Address("bob") }));
        CliRun text = await Cli.RunAsync(["vault", "queue", withoutFile]);
        Assert.That(text.ExitCode, Is.Zero, text.Error);
        Assert.That(text.Out, Does.Contain($"approved on chain with no file given: hash {digest} by {CliDevnet.Address("bob")}"));

        // Given its file, the approval counts there and is no orphan.
        JsonObject given = (await Cli.JsonAsync("vault", "queue", withFile)).Ok();
        Assert.That(Find(given, pay)["approvers"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EqualTo(new[] { CliDevnet.Address("bob") }));
        Assert.That(given["approvedOnChainWithoutFile"]!.AsArray().Select(o => o!["hash"]!.GetValue<string>()), Does.Not.Contain(digest));

        // Revoked: the replay of approvals and revocations in log order drops it.
        await vault.RevokeApprovedHashAsync(HexConvert.Decode(digest));
        JsonObject revoked = (await Cli.JsonAsync("vault", "queue", withoutFile)).Ok();
        Assert.That(revoked["approvedOnChainWithoutFile"]!.AsArray().Select(o => o!["hash"]!.GetValue<string>()), Does.Not.Contain(digest));
    }

    [Test]
    public async Task Task_list_finds_tasks_by_phase_from_the_logs_with_deadlines_as_dates()
    {
        string folder = CliDevnet.NewFolder();
        var (_, digits) = Fixtures.MnistFiles(folder);
        string id = (await Cli.AsAsync("deployer", "task", "create", "--test-set", digits, "--reward", "0.5", "--stake", "0.1")).Ok()["taskId"]!.GetValue<string>();

        JsonObject committing = (await Cli.JsonAsync("task", "list", "--phase", "commit")).Ok();
        JsonObject row = committing["tasks"]!.AsArray().Single(t => t!["taskId"]!.GetValue<string>() == id)!.AsObject();
        Assert.That(row["phase"]!.GetValue<string>(), Is.EqualTo("commit"));
        Assert.That(row["nextDeadline"]!.GetValue<ulong>(), Is.EqualTo(row["commitDeadline"]!.GetValue<ulong>()));
        Assert.That(committing["tasks"]!.AsArray().All(t => t!["phase"]!.GetValue<string>() == "commit"), Is.True);
        JsonObject settled = (await Cli.JsonAsync("task", "list", "--phase", "settled")).Ok();
        Assert.That(settled["tasks"]!.AsArray().Select(t => t!["taskId"]!.GetValue<string>()), Does.Not.Contain(id));
        JsonObject all = (await Cli.JsonAsync("task", "list")).Ok();
        Assert.That(all["tasks"]!.AsArray().Select(t => t!["taskId"]!.GetValue<string>()), Does.Contain(id));

        CliRun text = await Cli.RunAsync(["task", "list", "--phase", "commit"]);
        Assert.That(text.ExitCode, Is.Zero, text.Error);
        Assert.That(text.Out, Does.Match(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC").And.Contain("(in "));
    }

    [Test]
    public async Task A_relayer_ballot_shows_its_domain_separator_struct_hash_and_digest_before_it_is_signed()
    {
        string folder = CliDevnet.NewFolder();
        // Alice needs the proposal threshold in delegated votes.
        (await Cli.AsAsync("deployer", "dao", "give-tokens", "--to", CliDevnet.Address("alice"), "--amount", "100000")).Ok();
        (await Cli.AsAsync("alice", "dao", "delegate")).Ok();
        (await Cli.JsonAsync("devnet", "advance", "1s")).Ok();
        string proposal = Path.Combine(folder, "proposal.json");
        (await Cli.AsAsync("alice", "dao", "propose", "--description", "ballot shown " + Guid.NewGuid().ToString("N"), "--min-bond", "0.2", "--out", proposal)).Ok();

        string ballot = Path.Combine(folder, "ballot.json");
        CliRun shown = await Cli.RunAsync(["--account", "bob", "dao", "vote", proposal, "--support", "for", "--sign-to", ballot]);
        Assert.That(shown.ExitCode, Is.Zero, shown.Error);
        Assert.That(shown.Out, Does.Contain("about to sign an EIP-712 Ballot").And.Contain("domain separator").And.Contain("struct hash").And.Contain("verifyingContract"));
        string digest = Regex.Match(shown.Out, @"digest\s+(0x[0-9a-f]{64})").Groups[1].Value;
        Assert.That(digest, Is.Not.Empty, shown.Out);
        // The digest shown is the one signed: the ballot's signature recovers to bob from it.
        JsonObject file = JsonNode.Parse(await File.ReadAllTextAsync(ballot))!.AsObject();
        var signature = Signature.FromBytes(HexConvert.Decode(file["signature"]!.GetValue<string>()));
        Assert.That(PublicKey.RecoverAddress(HexConvert.Decode(digest), signature).ToString(), Is.EqualTo(CliDevnet.Address("bob")));

        // The file is a record: never overwritten. With --json the three hashes come back.
        CliRun again = await Cli.RunAsync(["--json", "--account", "bob", "dao", "vote", proposal, "--support", "against", "--sign-to", ballot]);
        Assert.That(again.ExitCode, Is.EqualTo(5), again.Error);
        string second = Path.Combine(folder, "ballot-2.json");
        JsonObject json = (await Cli.RunAsync(["--json", "--account", "carol", "dao", "vote", proposal, "--support", "for", "--sign-to", second])).Ok();
        Assert.That(json["digest"]!.GetValue<string>(), Does.Match("^0x[0-9a-f]{64}$"));
        Assert.That(json["domainSeparator"]!.GetValue<string>(), Does.Match("^0x[0-9a-f]{64}$"));
        Assert.That(json["structHash"]!.GetValue<string>(), Does.Match("^0x[0-9a-f]{64}$"));
    }

    [Test]
    public async Task Dao_relay_sends_a_signed_delegation_once_and_refuses_one_whose_signature_is_not_the_delegators()
    {
        string folder = CliDevnet.NewFolder();
        string delegation = Path.Combine(folder, "delegation.json");
        // Bob delegates to himself, which other tests also do: the relayed transaction changes nothing they rely on.
        JsonObject signed = (await Cli.RunAsync(["--json", "--account", "bob", "dao", "delegate", "--sign-to", delegation, "--valid-for", "1d"])).Ok();
        Assert.That(signed.ContainsKey("transactions"), Is.False, "signing a delegation sends nothing");

        // Another delegatee under bob's signature recovers some other account: refused before anything is sent.
        JsonObject file = JsonNode.Parse(await File.ReadAllTextAsync(delegation))!.AsObject();
        file["delegatee"] = CliDevnet.Address("carol");
        string forged = Path.Combine(folder, "forged.json");
        await File.WriteAllTextAsync(forged, file.ToJsonString());
        CliRun refused = await Cli.RunAsync(["--account", "carol", "--yes", "dao", "relay", forged]);
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.Error);
        Assert.That(refused.Error, Does.Contain("not by the delegator " + CliDevnet.Address("bob")));

        JsonObject relayed = (await Cli.RunAsync(["--json", "--account", "carol", "--yes", "dao", "relay", delegation])).Ok();
        Assert.That(relayed["transactions"]![0]!["step"]!.GetValue<string>(), Does.Contain("delegateBySig"));
        Assert.That(relayed["delegator"]!.GetValue<string>(), Is.EqualTo(CliDevnet.Address("bob")));
        // The token consumed the nonce: the same file again is refused, naming the nonce.
        CliRun again = await Cli.RunAsync(["--account", "carol", "--yes", "dao", "relay", delegation]);
        Assert.That(again.ExitCode, Is.EqualTo(1), again.Error);
        Assert.That(again.Error, Does.Contain("current nonce"));
    }

    [Test]
    public async Task Token_amounts_are_shown_in_the_tokens_symbol_and_times_as_dates_and_explorer_links_follow_a_send()
    {
        CliRun give = await Cli.RunAsync(["--account", "deployer", "--yes", "dao", "give-tokens", "--to", "carol", "--amount", "1.5"]);
        Assert.That(give.ExitCode, Is.Zero, give.Error);
        Assert.That(give.Out, Does.Match(@"amount\s+1\.5 \S+ \(1500000000000000000 base units, 18 decimals"));

        JsonObject linked = (await Cli.RunAsync(["--json", "--account", "deployer", "--yes", "--explorer", "https://explorer.example/", "dao", "fund-treasury", "--amount", "0.01"])).Ok();
        JsonObject sent = linked["transactions"]![0]!.AsObject();
        Assert.That(sent["url"]!.GetValue<string>(), Is.EqualTo("https://explorer.example/tx/" + sent["hash"]!.GetValue<string>()));
        Assert.That(linked["addressLinks"]!["treasury"]!.GetValue<string>(), Is.EqualTo("https://explorer.example/address/" + linked["treasury"]!.GetValue<string>()));
        CliRun text = await Cli.RunAsync(["--account", "deployer", "--yes", "--explorer", "https://explorer.example", "dao", "fund-treasury", "--amount", "0.01"]);
        Assert.That(text.Out, Does.Match(@"https://explorer\.example/tx/0x[0-9a-f]{64}"));
        JsonObject plain = (await Cli.RunAsync(["--json", "--account", "deployer", "--yes", "dao", "fund-treasury", "--amount", "0.01"])).Ok();
        Assert.That(plain["transactions"]![0]!.AsObject().ContainsKey("url"), Is.False, "no explorer on the devnet unless one is given");

        CliRun devnet = await Cli.RunAsync(["devnet", "status"]);
        Assert.That(devnet.Out, Does.Match(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(now\)"));
    }
}
