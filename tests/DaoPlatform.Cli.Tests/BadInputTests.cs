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
        ];
        foreach (var (name, args, exit, says) in cases)
        {
            foreach (bool json in new[] { false, true })
            {
                CliRun run = await cli.RunAsync(json ? ["--json", .. args] : args);
                string error = run.Error.Trim();
                Assert.Multiple(() =>
                {
                    Assert.That(run.ExitCode, Is.EqualTo(exit), $"{name}: exit code ({error})");
                    Assert.That(error.Split('\n'), Has.Length.EqualTo(1), $"{name}: one line");
                    Assert.That(error, Does.Contain(says).IgnoreCase, $"{name}: names the problem");
                    Assert.That(error, Does.Not.Contain("   at "), $"{name}: no stack trace");
                    Assert.That(run.Out, json ? Is.Empty : Is.Empty, $"{name}: nothing on standard output");
                });
                if (json)
                {
                    var parsed = System.Text.Json.Nodes.JsonNode.Parse(error)!;
                    Assert.That(parsed["exitCode"]!.GetValue<int>(), Is.EqualTo(exit), $"{name}: JSON error");
                }
            }
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
