namespace DaoPlatform.Cli.Tests;

/// <summary>Bad input as a new user would type it: one line naming the problem, a non-zero exit code, no stack trace.</summary>
[NonParallelizable]
public sealed class BadInputTests
{
    [Test]
    public async Task Every_kind_of_bad_input_gives_one_clear_line_and_a_non_zero_exit()
    {
        CliHarness cli = CliDevnet.Cli;
        string folder = CliDevnet.NewFolder();
        string notAModel = Path.Combine(folder, "notes.txt");
        await File.WriteAllTextAsync(notAModel, "these are my notes, not a model");
        string wrongPassword = Path.Combine(folder, "wrong-password");
        await File.WriteAllTextAsync(wrongPassword, "not the password\n");
        var (_, digits) = Fixtures.MnistFiles(folder);
        int downPort = CliDevnet.FreePort();
        CliRun created = await cli.RunAsync(["account", "create", "--name", "penniless", "--light-kdf"]);
        Assert.That(created.ExitCode, Is.EqualTo(0), created.Error);
        string misspeltConfig = Path.Combine(folder, "config.json");
        await File.WriteAllTextAsync(misspeltConfig, """{ "rpcUrll": "http://127.0.0.1:1" }""");

        (string Case, string[] Args, int Exit, string Says)[] cases =
        [
            ("missing argument", ["dao", "status"], 1, "proposal"),
            ("missing required option", ["--account", "alice", "dao", "give-tokens", "--to", CliDevnet.Address("bob")], 1, "--amount"),
            ("unknown command", ["dao", "vetoo"], 1, "vetoo"),
            ("malformed address", ["--account", "alice", "dao", "give-tokens", "--to", "0x1234", "--amount", "1"], 1, "'0x1234'"),
            ("malformed amount", ["--account", "alice", "dao", "give-tokens", "--to", CliDevnet.Address("bob"), "--amount", "1.2.3"], 1, "'1.2.3'"),
            ("malformed duration", ["devnet", "advance", "soon"], 1, "'soon'"),
            ("unknown task", ["task", "status", "424242"], 4, "task 424242"),
            ("unknown proposal", ["dao", "status", "424242"], 4, "proposal 424242"),
            ("unknown account", ["--account", "nobody", "dao", "delegate"], 4, "nobody"),
            ("wrong password", ["--account", "alice", "--password-file", wrongPassword, "dao", "delegate"], 1, "wrong password"),
            ("a file that is not a model", ["eval", notAModel, digits], 1, "notes.txt"),
            ("a missing file", ["eval", Path.Combine(folder, "missing.dqm1"), digits], 4, "missing.dqm1"),
            ("node down", ["--rpc-url", $"http://127.0.0.1:{downPort}", "dao", "status", "1"], 2, "cannot reach the node"),
            ("chain id mismatch", ["--chain-id", "11155420", "--account", "alice", "dao", "delegate"], 5, "chain id"),
            ("unknown network", ["--network", "moon", "dao", "status", "1"], 1, "moon"),
            ("an account without ETH", ["--account", "penniless", "dao", "give-tokens", "--to", CliDevnet.Address("bob"), "--amount", "1"], 2, "too little ETH"),
            ("a misspelt config key", ["--config", misspeltConfig, "dao", "status", "1"], 1, "unknown key 'rpcUrll'"),
            ("a reverted transaction", ["--account", "alice", "result", "finalize", "424242"], 4, "424242"),
            .. Generated(folder, digits),
        ];
        Assert.That(cases, Has.Length.GreaterThanOrEqualTo(150), "the walk covers at least 150 bad inputs");
        foreach (var (name, args, exit, says) in cases)
        {
            foreach (bool json in new[] { false, true })
            {
                CliRun run = await cli.RunAsync(json ? ["--json", .. args] : args);
                // What a command was about to sign may come first (text on standard output, a {"signing": …} line on
                // standard error with --json); the error is the last line, alone.
                string[] errorLines = run.Error.Trim().Split('\n');
                string error = errorLines[^1];
                Assert.That(errorLines[..^1].All(l => l.StartsWith("{\"signing\"", StringComparison.Ordinal)), Is.True, $"{name}: only the signing display before the error ({run.Error})");
                string output = string.Join('\n', run.Out.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("about to sign", StringComparison.Ordinal) && !l.StartsWith("  ", StringComparison.Ordinal)));
                Assert.Multiple(() =>
                {
                    Assert.That(run.ExitCode, Is.EqualTo(exit), $"{name}: exit code ({error})");
                    Assert.That(error.Split('\n'), Has.Length.EqualTo(1), $"{name}: one line");
                    Assert.That(error, Does.Contain(says).IgnoreCase, $"{name}: names the problem");
                    Assert.That(error, Does.Not.Contain("   at "), $"{name}: no stack trace");
                    Assert.That(output, Is.Empty, $"{name}: no result on standard output (no silent success)");
                });
                if (json)
                {
                    var parsed = System.Text.Json.Nodes.JsonNode.Parse(error)!;
                    Assert.That(parsed["exitCode"]!.GetValue<int>(), Is.EqualTo(exit), $"{name}: JSON error");
                }
            }
        }
    }

    /// <summary>
    /// Bad values of each kind (addresses, amounts, durations, ids, files, output paths) across every command that takes
    /// them, and every dangerous input: value sent without --yes from a script, a secret or record file overwritten.
    /// </summary>
    private static IEnumerable<(string Case, string[] Args, int Exit, string Says)> Generated(string folder, string digits)
    {
        string Out(string name) => Path.Combine(folder, $"{name}-{Guid.NewGuid():N}.json");
        string existing = Path.Combine(folder, "existing.json");
        File.WriteAllText(existing, "{}");
        string Json(string name, string text)
        {
            string path = Out(name);
            File.WriteAllText(path, text);
            return path;
        }
        string model = Path.Combine(folder, "model.dqm1");
        File.WriteAllBytes(model, File.ReadAllBytes(Fixtures.MnistFiles(CliDevnet.NewFolder()).Model));

        Func<string, string[]>[] addressCommands =
        [
            x => ["--account", "alice", "dao", "give-tokens", "--to", x, "--amount", "1"],
            x => ["--account", "alice", "dao", "delegate", "--to", x],
            x => ["vault", "propose", "--to", x, "--out", Out("v")],
            x => ["--account", "alice", "stream", "create", "--to", x, "--per-day", "1", "--duration", "1d", "--out", Out("s")],
            x => ["--account", "alice", "asset", "transfer", "1", "--to", x],
            x => ["split", "shares", "--payee", x],
            x => ["--account", "alice", "split", "release", "--payee", x],
            x => ["--account", "alice", "dao", "propose", "--description", "d", "--transfer", x + "=1", "--out", Out("p")],
            x => ["--account", "alice", "dao", "propose", "--description", "d", "--revenue-share", x + "=1", "--out", Out("p")],
        ];
        foreach (string bad in new[] { "0x1234", "nobody-known", "0x" + new string('z', 40) })
        {
            foreach (var command in addressCommands)
            {
                string[] args = command(bad);
                yield return ($"address '{bad}' in {string.Join(' ', args.Where(a => !a.StartsWith('-')).Take(3))}", args, 1, bad);
            }
        }

        Func<string, string[]>[] amountCommands =
        [
            x => ["--account", "alice", "dao", "give-tokens", "--to", "bob", "--amount", x],
            x => ["--account", "alice", "dao", "fund-treasury", "--amount", x],
            x => ["--account", "alice", "asset", "pay-revenue", "1", "--amount", x],
            x => ["--account", "alice", "split", "deposit", "--amount", x],
            x => ["vault", "propose", "--to", "bob", "--value", x, "--out", Out("v")],
            x => ["--account", "alice", "dao", "propose", "--description", "d", "--fund-task-committee", x, "--out", Out("p")],
            x => ["--account", "alice", "stream", "create", "--to", "bob", "--per-day", x, "--duration", "1d", "--out", Out("s")],
            x => ["--account", "deployer", "task", "create", "--test-set", digits, "--reward", x],
        ];
        foreach (string bad in new[] { "1.2.3", "-1", "abc", "1e", "0.0000000000000000001", "10zwei" })
        {
            foreach (var command in amountCommands)
            {
                string[] args = command(bad);
                yield return ($"amount '{bad}' in {string.Join(' ', args.Where(a => !a.StartsWith('-')).Take(3))}", args, 1, bad);
            }
        }

        Func<string, string[]>[] durationCommands =
        [
            x => ["devnet", "advance", x],
            x => ["--account", "deployer", "task", "create", "--test-set", digits, "--reward", "0.1", "--commit-window", x],
            x => ["--account", "alice", "stream", "create", "--to", "bob", "--per-day", "1", "--duration", x, "--out", Out("s")],
            x => ["--account", "alice", "dao", "propose", "--description", "d", "--challenge-window", x, "--out", Out("p")],
            x => ["task", "watch", "1", "--timeout", x],
        ];
        foreach (string bad in new[] { "soon", "-1d", "1x", "1.5.d" })
        {
            foreach (var command in durationCommands)
            {
                string[] args = command(bad);
                yield return ($"duration '{bad}' in {string.Join(' ', args.Where(a => !a.StartsWith('-')).Take(3))}", args, 1, bad);
            }
        }

        Func<string, string[]>[] idCommands =
        [
            x => ["task", "status", x],
            x => ["result", "status", x],
            x => ["task", "watch", x],
            x => ["dao", "status", x],
            x => ["--account", "alice", "result", "finalize", x],
            x => ["--account", "alice", "asset", "transfer", x, "--to", "bob"],
            x => ["--account", "alice", "task", "commit", x, "--model", model, "--out", Out("c")],
            x => ["asset", "terms", x],
            x => ["--account", "bob", "asset", "buy", x],
            x => ["--account", "bob", "asset", "download", x, "--from", "http://127.0.0.1:1/", "--out", Out("d")],
        ];
        foreach (string bad in new[] { "abc", "-1", "1.5" })
        {
            foreach (var command in idCommands)
            {
                string[] args = command(bad);
                yield return ($"id '{bad}' in {string.Join(' ', args.Where(a => !a.StartsWith('-')).Take(2))}", args, 1, bad);
            }
        }

        Func<string, string[]>[] fileCommands =
        [
            x => ["eval", x, digits],
            x => ["--account", "deployer", "task", "create", "--test-set", x, "--reward", "0.1"],
            x => ["--account", "alice", "vault", "sign", x],
            x => ["vault", "collect", x, "--out", Out("m")],
            x => ["--account", "alice", "task", "reveal", x],
            x => ["stream", "status", x],
            x => ["--account", "alice", "dao", "relay", x],
            x => ["--account", "alice", "asset", "register", x, "--kind", "dataset"],
            x => ["--account", "alice", "asset", "publish", x, "--kind", "dataset", "--price", "0.01", "--uses", "1", "--store", folder, "--node-key", model],
        ];
        string missing = Path.Combine(folder, "missing-file.json");
        foreach (var command in fileCommands)
        {
            string[] args = command(missing);
            yield return ($"a missing file in {string.Join(' ', args.Where(a => !a.StartsWith('-')).Take(2))}", args, 4, "missing-file.json");
            args = command(folder);
            yield return ($"a directory for a file in {string.Join(' ', args.Where(a => !a.StartsWith('-')).Take(2))}", args, 1, "is a directory");
        }

        // Dangerous: value leaving from a script without --yes, a secret or record file overwritten, a directory for an output.
        yield return ("ETH sent without --yes", ["--account", "alice", "dao", "fund-treasury", "--amount", "0.01"], 5, "--yes");
        yield return ("tokens sent without --yes", ["--account", "deployer", "dao", "give-tokens", "--to", "bob", "--amount", "1"], 5, "--yes");
        yield return ("a reward escrowed without --yes", ["--account", "deployer", "task", "create", "--test-set", digits, "--reward", "0.1"], 5, "--yes");
        yield return ("a deposit approved without --yes", ["--account", "deployer", "split", "deposit", "--amount", "1"], 5, "--yes");
        yield return ("a vault transaction over another", ["vault", "propose", "--to", "bob", "--out", existing], 5, "never overwritten");
        yield return ("a proposal over another", ["--account", "alice", "dao", "propose", "--description", "d", "--min-bond", "0.2", "--out", existing], 5, "never overwritten");
        yield return ("a commit over another", ["--account", "alice", "--yes", "task", "commit", "1", "--model", model, "--out", existing], 5, "never overwritten");
        yield return ("a vault transaction to a directory", ["vault", "propose", "--to", "bob", "--out", folder], 1, "is a directory");
        yield return ("a proposal to a directory", ["--account", "alice", "dao", "propose", "--description", "d", "--min-bond", "0.2", "--out", folder], 1, "is a directory");
        yield return ("a commit to a directory", ["--account", "alice", "--yes", "task", "commit", "1", "--model", model, "--out", folder], 1, "is a directory");
        yield return ("merged approvals to a directory", ["vault", "collect", existing, "--out", folder], 1, "");
        yield return ("predictions to a directory", ["eval", model, digits, "--predictions-out", folder], 1, "is a directory");
        yield return ("an unknown device", ["eval", model, digits, "--device", "tpu"], 1, "tpu");
        yield return ("a baseline at chance", ["--account", "deployer", "--yes", "task", "create", "--test-set", digits, "--reward", "0.1", "--min-score", "0"], 1, "--min-score 0");
        yield return ("a baseline above the size", ["--account", "deployer", "--yes", "task", "create", "--test-set", digits, "--reward", "0.1", "--min-score", "1000"], 1, "--min-score 1000");
        yield return ("a reveal with neither file nor task", ["--account", "alice", "task", "reveal"], 1, "--task");
        yield return ("terms of an unknown asset", ["asset", "terms", "424242"], 4, "asset 424242");
        yield return ("a pass to an unknown asset", ["--account", "bob", "asset", "buy", "424242"], 4, "asset 424242");
        yield return ("a download from a URL that is not http", ["--account", "bob", "asset", "download", "1", "--from", "ftp://files.example", "--out", Out("d")], 1, "'ftp://files.example'");
        yield return ("a publish with both duration and uses", ["--account", "alice", "asset", "publish", model, "--kind", "model", "--price", "0.01", "--uses", "1", "--duration", "1d", "--store", folder, "--node-key", model], 1, "exactly one of --duration and --uses");
        yield return ("a publish of an unknown kind", ["--account", "alice", "asset", "publish", model, "--kind", "song", "--price", "0.01", "--uses", "1", "--store", folder, "--node-key", model], 1, "'song'");
        yield return ("a publish with a node key that is not a keystore", ["--account", "alice", "asset", "publish", model, "--kind", "model", "--price", "0.01", "--uses", "1", "--store", folder, "--node-key", model], 1, "--node-key");
        // The finding commands, the relayer ballot and the explorer option (issue 17).
        yield return ("an unknown task phase", ["task", "list", "--phase", "lunch"], 1, "'lunch'");
        yield return ("a missing vault queue file", ["vault", "queue", Path.Combine(folder, "missing-queue.json")], 4, "missing-queue.json");
        yield return ("an unknown account for the queue", ["--account", "nobody-known", "vault", "queue", folder], 1, "nobody-known");
        yield return ("a ballot over another file", ["--account", "bob", "dao", "vote", "1", "--support", "for", "--sign-to", existing], 5, "never overwritten");
        yield return ("a ballot to a directory", ["--account", "bob", "dao", "vote", "1", "--support", "for", "--sign-to", folder], 1, "is a directory");
        yield return ("a relay of a file that is neither ballot nor delegation", ["--account", "alice", "dao", "relay", existing], 1, "neither a ballot");
        yield return ("a relay of a ballot without its chain id", ["--account", "alice", "dao", "relay", Json("no-chain", """{"governor":"0x00000000000000000000000000000000000000a4","proposalId":"1","support":"for","voter":"0x00000000000000000000000000000000000000b1","nonce":"0","signature":"0x00"}""")], 1, "the field 'chainId' is missing");
        yield return ("proposals listed from both a time and a block", ["dao", "proposals", "--since", "7d", "--from-block", "1"], 1, "give one");
        yield return ("proposals since a time that is not a duration", ["dao", "proposals", "--since", "last week"], 1, "last week");
        yield return ("a ballot on an unknown proposal", ["--account", "bob", "dao", "vote", "424242", "--support", "for", "--sign-to", Out("b")], 4, "proposal 424242");
        yield return ("a ballot with a reason", ["--account", "bob", "dao", "vote", "1", "--support", "for", "--sign-to", Out("b"), "--reason", "why"], 1, "--reason");
        yield return ("a ballot with an unknown support", ["--account", "bob", "dao", "vote", "1", "--support", "maybe", "--sign-to", Out("b")], 1, "maybe");
        yield return ("an explorer that is not http", ["--explorer", "ftp://explorer.example", "dao", "status", "1"], 1, "ftp://explorer.example");
        yield return ("an explorer that is not a URL", ["--explorer", "etherscan", "task", "list"], 1, "'etherscan'");
        if (Evaluation.Backends.Gpu.GpuBackend.CudaDeviceCount() == 0)
        {
            yield return ("--device gpu without CUDA", ["eval", model, digits, "--device", "gpu"], 6, "CUDA");
        }
    }

    [Test]
    public async Task A_public_network_deployment_with_devnet_defaults_is_refused_before_anything_is_signed()
    {
        CliRun run = await CliDevnet.Cli.RunAsync(["--network", "op-sepolia", "--rpc-url", CliDevnet.Cli.Variables["DAOPLATFORM_RPC_URL"]!, "--account", "deployer", "deploy"]);
        Assert.That(run.ExitCode, Is.EqualTo(5));
        Assert.That(run.Error, Does.Contain("public network").And.Contain("explicitly"));
    }
}
