using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Cli.Tests;

/// <summary>
/// The CLI's sending path on the devnet: every command sends protocol moves through the transaction manager, its
/// settings (confirmations, fee bump, fee cap) are the node's and can be set, the signing gate shows the move and its
/// step, and a multi-transaction command's dry run simulates the first and shows the plan of all.
/// </summary>
[NonParallelizable]
public sealed class SendingTests
{
    private static readonly string[] StreamPlan = ["ERC20.approve", "StreamVault.create"];
    private static readonly bool[] FirstSimulated = [true, false];

    private static CliHarness Cli => CliDevnet.Cli;

    private static async Task<ulong> NonceAsync(string account)
    {
        using var rpc = new JsonRpcClient(new Uri(Cli.Variables["DAOPLATFORM_RPC_URL"]!));
        return await new EthRpcClient(rpc).GetTransactionCountAsync(Address.Parse(CliDevnet.Address(account)), BlockTag.Latest);
    }

    [Test]
    public async Task A_multi_transaction_dry_run_simulates_the_first_shows_the_plan_of_all_and_sends_nothing()
    {
        string stream = Path.Combine(CliDevnet.NewFolder(), "stream.json");
        ulong nonce = await NonceAsync("deployer");

        CliRun dry = await Cli.RunAsync(["--json", "--account", "deployer", "--yes", "--dry-run",
            "stream", "create", "--to", "alice", "--per-day", "100", "--duration", "2d", "--out", stream]);

        Assert.That(dry.ExitCode, Is.Zero, dry.Error);
        Assert.That(dry.Json["outcome"]!.GetValue<string>(), Is.EqualTo("would succeed"));
        JsonArray plan = dry.Json["plan"]!.AsArray();
        Assert.That(plan.Select(s => s!["action"]!.GetValue<string>()), Is.EqualTo(StreamPlan));
        Assert.That(plan.Select(s => s!["simulated"]!.GetValue<bool>()), Is.EqualTo(FirstSimulated), "only the approval can be simulated before it is mined");
        Assert.That(plan[1]!["summary"]!.GetValue<string>(), Does.Contain("stream").And.Contain(CliDevnet.Address("alice")));
        JsonObject signing = JsonNode.Parse(dry.Error.Split('\n')[0])!["signing"]!.AsObject();
        Assert.That(signing["summary"]!.GetValue<string>(), Does.StartWith("allow "), "the gate names the move it signs");
        Assert.That((signing["step"]!.GetValue<int>(), signing["steps"]!.GetValue<int>()), Is.EqualTo((1, 2)));
        Assert.That(await NonceAsync("deployer"), Is.EqualTo(nonce), "a dry run sends nothing");
        Assert.That(File.Exists(stream), Is.False);

        CliRun text = await Cli.RunAsync(["--account", "deployer", "--yes", "--dry-run", "split", "deposit", "--amount", "10"]);
        Assert.That(text.ExitCode, Is.Zero, text.Error);
        Assert.That(text.Out, Does.Contain("step      1 of 2").And.Contain("plan: 2 transactions").And.Contain("2. RevenueSplitter.deposit"));
        Assert.That(await NonceAsync("deployer"), Is.EqualTo(nonce));
    }

    [Test]
    public async Task The_fee_cap_and_bump_are_the_users_to_set_and_shown_before_signing()
    {
        CliRun capped = await Cli.RunAsync(["--json", "--account", "deployer", "--yes", "--max-fee-per-gas", "3gwei", "dao", "fund-treasury", "--amount", "0.001"]);

        Assert.That(capped.ExitCode, Is.Zero, capped.Error);
        JsonObject signing = JsonNode.Parse(capped.Error.Split('\n')[0])!["signing"]!.AsObject();
        Assert.That(signing["maxFeePerGasCap"]!.GetValue<string>(), Is.EqualTo("3000000000"));
        Assert.That(BigInteger.Parse(signing["maxFeePerGas"]!.GetValue<string>(), CultureInfo.InvariantCulture), Is.LessThanOrEqualTo(new BigInteger(3_000_000_000)),
            "no fee above the cap is ever offered");
        Assert.That(capped.Json["transactions"]!.AsArray(), Has.Count.EqualTo(1));

        CliRun shown = await Cli.RunAsync(["--account", "deployer", "--fee-bump", "25", "dao", "fund-treasury", "--amount", "0.001"]);
        Assert.That(shown.ExitCode, Is.EqualTo(5), "no --yes on a script: refused");
        Assert.That(shown.Out, Does.Contain("with fees +25 %").And.Contain("never above 500 gwei").And.Contain("what      send 0.001 ETH to the treasury"));

        foreach (string[] bad in new[] { new[] { "--fee-bump", "5" }, ["--confirmations", "0"], ["--max-fee-per-gas", "0"], ["--max-fee-per-gas", "lots"] })
        {
            CliRun refused = await Cli.RunAsync(["--account", "deployer", "--yes", .. bad, "dao", "fund-treasury", "--amount", "0.001"]);
            Assert.That(refused.ExitCode, Is.EqualTo(1), $"{string.Join(' ', bad)}: {refused.Error}");
            Assert.That(refused.Error.Trim().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(refused.Error, Does.Contain($"'{bad[1]}'"), "the error quotes the value");
        }
    }
}
