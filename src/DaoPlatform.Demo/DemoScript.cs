using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Infrastructure;
using DaoPlatform.Platform.Units;

namespace DaoPlatform.Demo;

/// <summary>What the demo measured: accuracies, payouts and the gas of every step; and the dataset it published for the hub to serve.</summary>
public sealed record DemoSummary(
    IReadOnlyList<(string Trainer, string Dims, double HeldOutAccuracy, uint Score, int TestSetSize)> Trainers,
    string Winner, IReadOnlyList<(string Who, string What, BigInteger Wei)> Payouts, IReadOnlyList<GasEntry> Gas, string OverturnedBy,
    PublishedDataset Dataset);

/// <summary>dora's gated dataset: its asset id, the pass on sale, and the file published (in the demo's work directory while it runs).</summary>
public sealed record PublishedDataset(string AssetId, string PassId, string File);

/// <summary>
/// The platform's story on a fresh devnet, every step a <c>daoplatform</c> command (and the node's services):
/// members delegate and vote (one ballot relayed) a proposal that funds the task committee's multisig vault from the
/// treasury; the vault funds a training task on real MNIST digits; three trainers train models of different sizes,
/// commit and reveal; the submitter agent reveals the test set; a dishonest evaluator posts a wrong result and the
/// auditor service overturns it and the claimer service withdraws its share of the bond; an honest evaluator posts; the
/// window passes, the finalizer finalizes and the claimer returns the evaluator's bond; the winner withdraws; the winning model becomes an asset in the vault, and revenue streams
/// to its contributors.
/// </summary>
public sealed class DemoScript(CliRunner cli, TextWriter log, string workDirectory, DemoOptions options)
{
    // The devnet's dev accounts (anvil's default mnemonic), by role.
    private static readonly (string Name, string Key)[] s_accounts =
    [
        ("deployer", "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"),
        ("alice", "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"),
        ("bob", "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a"),
        ("carol", "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6"),
        ("dora", "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a"),
        ("erin", "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba"),
        ("frank", "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e"),
        ("mallory", "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356"),
        ("trent", "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97"),
        ("victor", "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6"),
    ];

    /// <summary>The devnet's dev accounts the story uses, by name, with their (public, test-only) private keys.</summary>
    public static IReadOnlyList<(string Name, string Key)> Accounts => s_accounts;

    private static readonly string[] s_trainers = ["dora", "erin", "frank"];
    private static readonly TimeSpan s_serviceTimeout = TimeSpan.FromSeconds(90);

    private readonly Dictionary<string, string> _addresses = [];
    private readonly Dictionary<string, string> _keystores = [];

    /// <summary>The content service's folder under the work directory: the demo publishes an encrypted dataset there for the hub to serve.</summary>
    public const string ContentFolder = "content";

    /// <summary>The account whose key is the content service's node key (wraps the assets' keys, records pass uses).</summary>
    public const string ContentNodeAccount = "victor";

    /// <summary>Runs the story on the devnet the runner's settings name; <paramref name="cancellationToken"/> stops it.</summary>
    public async Task<DemoSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        string Path(string name) => System.IO.Path.Combine(workDirectory, name);

        Step("0. Accounts: the devnet's dev keys imported into keystores");
        foreach ((string name, string key) in s_accounts)
        {
            var account = await cli.RunAsync(null, ["account", "import", "--name", name, "--private-key-stdin", "--light-kdf"], key, cancellationToken).ConfigureAwait(false);
            _addresses[name] = account["address"]!.GetValue<string>();
            _keystores[name] = account["keystore"]!.GetValue<string>();
        }

        Step("1. Deploy the platform; members get votes; the treasury is funded");
        await cli.As("deployer", "deploy", "--vault-owner", _addresses["alice"], "--vault-owner", _addresses["bob"], "--vault-owner", _addresses["carol"],
            "--vault-threshold", "2", "--voting-delay", "1m", "--voting-period", "10m", "--timelock-delay", "5m").ConfigureAwait(false);
        foreach (string member in new[] { "alice", "bob", "carol" })
        {
            await cli.As("deployer", "dao", "give-tokens", "--to", _addresses[member], "--amount", "200000").ConfigureAwait(false);
            await cli.As(member, "dao", "delegate").ConfigureAwait(false);
        }
        await cli.As("deployer", "dao", "fund-treasury", "--amount", "20").ConfigureAwait(false);
        await cli.RunAsync("devnet", "advance", "1s").ConfigureAwait(false);

        Step("2. Governance: fund the task committee's vault, set the challenge window, give revenue shares (one ballot relayed)");
        string proposal = Path("proposal.json");
        var proposed = await cli.As("alice", "dao", "propose", "--description", "Fund the MNIST task committee with 5 ETH; challenge window 2 days; revenue shares 70/30",
            "--fund-task-committee", "5", "--challenge-window", "2d", "--revenue-share", $"{_addresses["dora"]}=70", "--revenue-share", $"{_addresses["victor"]}=30", "--out", proposal).ConfigureAwait(false);
        Say($"proposal {proposed["proposalId"]}");
        await cli.RunAsync("devnet", "advance", "61s").ConfigureAwait(false);
        await cli.As("alice", "dao", "vote", proposal, "--support", "for").ConfigureAwait(false);
        await cli.As("bob", "dao", "vote", proposal, "--support", "for", "--sign-to", Path("bob-ballot.json")).ConfigureAwait(false);
        await cli.As("victor", "dao", "relay", Path("bob-ballot.json")).ConfigureAwait(false);
        await cli.As("carol", "dao", "vote", proposal, "--support", "abstain").ConfigureAwait(false);
        var tally = await cli.RunAsync("dao", "status", proposal).ConfigureAwait(false);
        Say($"votes: for {Tokens(tally["for"])}, against {Tokens(tally["against"])}, abstain {Tokens(tally["abstain"])} (bob's ballot relayed by victor)");
        await cli.RunAsync("devnet", "advance", "10m").ConfigureAwait(false);
        await cli.As("victor", "dao", "queue", proposal).ConfigureAwait(false);
        await cli.RunAsync("devnet", "advance", "301s").ConfigureAwait(false);
        await cli.As("victor", "dao", "execute", proposal).ConfigureAwait(false);
        var owners = await cli.RunAsync("vault", "owners").ConfigureAwait(false);
        Say($"executed: the vault holds {Eth(owners["balance"])} ETH");

        Step("3. Trainers train real models on the MNIST digits (the submitter keeps held-out digits as the hidden test set)");
        string testSet = Path("test-set.dqd1");
        var trained = new List<(string Trainer, string Dims, double Accuracy, string Model)>();
        for (int i = 0; i < s_trainers.Length; i++)
        {
            (string hidden, int epochs) = options.Trainers[i];
            string model = Path($"{s_trainers[i]}.dqm1");
            List<string> args = ["train", "--hidden", hidden, "--epochs", epochs.ToString(CultureInfo.InvariantCulture), "--max-per-digit", options.MaxPerDigit.ToString(CultureInfo.InvariantCulture), "--out", model];
            if (i == 0)
            {
                args.AddRange(["--held-out-out", testSet, "--held-out-size", options.TestSetSize.ToString(CultureInfo.InvariantCulture)]);
            }
            var t = await cli.RunAsync(s_trainers[i], args, null, cancellationToken).ConfigureAwait(false);
            trained.Add((s_trainers[i], t["dims"]!.GetValue<string>(), t["quantizedAccuracy"]!.GetValue<double>(), model));
            Say($"{s_trainers[i]} trained {t["dims"]} for {epochs} epoch(s): held-out accuracy {t["quantizedAccuracy"]!.GetValue<double>():P1}");
        }

        Step("4. The vault (2 of 3 owners, EIP-712) funds the submitter, who creates the task on the hidden digits");
        string fund = Path("vault-fund-task.json");
        await cli.RunAsync("vault", "propose", "--to", _addresses["victor"], "--value", "1", "--summary", "reward of the MNIST task", "--out", fund).ConfigureAwait(false);
        await cli.As("alice", "vault", "sign", fund).ConfigureAwait(false);
        await cli.As("bob", "vault", "sign", fund).ConfigureAwait(false);
        await cli.As("carol", "vault", "execute", fund).ConfigureAwait(false);
        string minScore = (options.MinScore ?? options.TestSetSize / 2).ToString(CultureInfo.InvariantCulture);
        var created = await cli.As("victor", "task", "create", "--test-set", testSet, "--reward", "1", "--stake", "0.15", "--min-score", minScore,
            "--commit-window", "1d", "--reveal-window", "1d", "--test-set-reveal-window", "1d", "--classes", "10").ConfigureAwait(false);
        string taskId = created["taskId"]!.GetValue<string>();
        string testSetCid = created["testSetCid"]!.GetValue<string>();
        Say($"task {taskId}: {created["testSetSize"]} hidden samples committed as root {created["testSetRoot"]}, kept in the content store as {testSetCid}; baseline {minScore} correct");

        Step("5. The node's services start: submitter (victor), auditor, finalizer and claimer (trent)");
        using var nodeStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var nodeOutput = new StringWriter(CultureInfo.InvariantCulture);
        Task<int> node = CliApp.RunAsync(
            ["--account", "trent", "node", "run", "--roles", "submitter,auditor,finalizer,claimer", "--role-account", "submitter=victor", "--test-set-cid", testSetCid],
            cli.EnvironmentFor(nodeOutput), nodeStop.Token);
        try
        {
            Step("6. Trainers commit (hash with a secret salt, and a stake), then reveal");
            foreach (var (trainer, dims, _, model) in trained)
            {
                await cli.As(trainer, "task", "commit", taskId, "--model", model, "--out", Path($"{trainer}-commit.json")).ConfigureAwait(false);
            }
            await cli.RunAsync("devnet", "advance", "1d11m").ConfigureAwait(false);
            foreach (var (trainer, _, _, _) in trained)
            {
                await cli.As(trainer, "task", "reveal", Path($"{trainer}-commit.json")).ConfigureAwait(false);
            }

            Step("7. The reveal window closes; the submitter agent reveals the test set in Merkle-proven chunks");
            await cli.RunAsync("devnet", "advance", "1d").ConfigureAwait(false);
            await WaitForAsync("the submitter agent reveals the test set", async () =>
                (await cli.RunAsync("task", "status", taskId).ConfigureAwait(false))["testSetRevealed"]!.GetValue<bool>(), node, cancellationToken).ConfigureAwait(false);

            Step("8. A dishonest evaluator posts a wrong result; the auditor service overturns it in one transaction");
            var honest = new List<byte[]>();
            foreach (var (trainer, _, _, model) in trained)
            {
                await cli.As("mallory", "eval", model, testSet, "--predictions-out", Path($"mallory-{trainer}.json")).ConfigureAwait(false);
                honest.Add(Ethereum.Hex.HexConvert.Decode((await Platform.JsonFile.ReadAsync(Path($"mallory-{trainer}.json"), "predictions", cancellationToken).ConfigureAwait(false))["predictions"]![0]!.GetValue<string>()));
            }
            // Mallory claims the smallest model is perfect: its predictions "become" the labels.
            var labels = Evaluation.Formats.Dqd1.Read(await File.ReadAllBytesAsync(testSet, cancellationToken).ConfigureAwait(false)).Labels;
            honest[0] = labels;
            await Platform.JsonFile.WriteAsync(Path("forged.json"), new JsonObject { ["predictions"] = new JsonArray([.. honest.Select(p => (JsonNode)Ethereum.Hex.HexConvert.Encode(p))]) }, cancellationToken).ConfigureAwait(false);
            var lie = await cli.As("mallory", "result", "post", taskId, "--predictions-file", Path("forged.json")).ConfigureAwait(false);
            Say($"mallory posts scores [{string.Join(", ", lie["scores"]!.AsArray())}] naming {s_trainers[lie["winner"]!.GetValue<int>()]} the winner, bond {Eth(lie["bond"])} ETH");
            await WaitForAsync("the auditor service overturns the lie", async () =>
                !(await cli.RunAsync("result", "status", taskId).ConfigureAwait(false))["pending"]!.GetValue<bool>(), node, cancellationToken).ConfigureAwait(false);
            BigInteger trentReward = await ClaimedAsync("the claimer service withdraws trent's challenge reward", "trent", node, cancellationToken).ConfigureAwait(false);
            Say($"trent's auditor took {Eth(trentReward)} ETH of mallory's bond (withdrawn by the claimer service)");

            Step("9. An honest evaluator posts; the window passes; the finalizer service finalizes");
            var truth = await cli.As("victor", "result", "post", taskId, "--device", "cpu").ConfigureAwait(false);
            uint[] scores = [.. truth["scores"]!.AsArray().Select(s => s!.GetValue<uint>())];
            int winnerIndex = truth["winner"]!.GetValue<int>();
            Say($"victor posts scores [{string.Join(", ", scores)}] of {truth["testSetSize"]} with a bond of {Eth(truth["bond"])} ETH: {s_trainers[winnerIndex]} wins");
            await cli.RunAsync("devnet", "advance", "2d").ConfigureAwait(false);
            await cli.RunAsync("devnet", "advance", "1s").ConfigureAwait(false);
            await WaitForAsync("the finalizer service finalizes", async () =>
                (await cli.RunAsync("task", "status", taskId).ConfigureAwait(false))["settled"]!.GetValue<bool>(), node, cancellationToken).ConfigureAwait(false);
            var watched = await cli.RunAsync("task", "watch", taskId, "--timeout", "5s").ConfigureAwait(false);
            foreach (JsonNode? e in watched["events"]!.AsArray())
            {
                string kind = e!["event"]!.GetValue<string>();
                if (kind != "posted")
                {
                    string step = kind == "overturned" ? "OptimisticVerifier.challenge (auditor service)" : "OptimisticVerifier.finalize (finalizer service)";
                    await cli.AddGasOfAsync(step, e["transaction"]!.GetValue<string>(), cancellationToken).ConfigureAwait(false);
                }
            }
            string winner = s_trainers[winnerIndex];
            var payout = await cli.As(winner, "task", "withdraw").ConfigureAwait(false);
            BigInteger bond = await ClaimedAsync("the claimer service returns victor's bond", "victor", node, cancellationToken).ConfigureAwait(false);
            Say($"{winner} withdraws {Eth(payout["amount"])} ETH (reward and stake); victor's bond of {Eth(bond)} ETH comes back (withdrawn by the claimer service)");

            Step("10. The winning model becomes an asset of the DAO; revenue streams to contributors");
            var asset = await cli.As(winner, "asset", "register", Path($"{winner}.dqm1"), "--kind", "model").ConfigureAwait(false);
            string assetId = asset["assetId"]!.GetValue<string>();
            await cli.As(winner, "asset", "transfer", assetId, "--to", "vault").ConfigureAwait(false);
            Say($"asset {assetId} (CID {asset["cid"]}) is held by the vault");
            await cli.As("deployer", "split", "deposit", "--amount", "30000").ConfigureAwait(false);
            await cli.RunAsync("devnet", "advance", "15d").ConfigureAwait(false);
            var doraRevenue = await cli.As("victor", "split", "release", "--payee", _addresses["dora"]).ConfigureAwait(false);
            var victorRevenue = await cli.As("victor", "split", "release").ConfigureAwait(false);
            await cli.As("carol", "stream", "create", "--to", _addresses["erin"], "--per-day", "1000", "--duration", "30d", "--out", Path("stream.json")).ConfigureAwait(false);
            await cli.RunAsync("devnet", "advance", "10d").ConfigureAwait(false);
            var streamed = await cli.As("victor", "stream", "withdraw", Path("stream.json")).ConfigureAwait(false);
            // A gated dataset for the hub to sell and serve: encrypted into the content service's folder under its node key.
            await File.WriteAllTextAsync(Path("readings.csv"), string.Concat(Enumerable.Range(0, 200).Select(i => $"{i},{i * 7 % 31},{i * 13 % 17}\n")), cancellationToken).ConfigureAwait(false);
            var dataset = await cli.As("dora", "asset", "publish", Path("readings.csv"), "--kind", "dataset", "--price", "0.001", "--uses", "3",
                "--store", Path(ContentFolder), "--node-key", _keystores[ContentNodeAccount], "--consumer", _addresses[ContentNodeAccount]).ConfigureAwait(false);
            Say($"dora publishes dataset asset {dataset["assetId"]} (encrypted for the content service); pass {dataset["passId"]} sells for 0.001 ETH, 3 downloads");
            Say($"after 15 of 30 days of 30,000 DAOP revenue: dora released {Tokens(doraRevenue["released"])}, victor {Tokens(victorRevenue["released"])}; erin's stream paid {Tokens(streamed["recipientBalance"])} DAOP in 10 days");

            var payouts = new List<(string, string, BigInteger)>
            {
                (winner, "task reward + stake", Wei(payout["amount"])),
                ("trent", "auditor's share of mallory's bond", trentReward),
                ("victor", "honest evaluator's bond back", bond),
                ("dora", "revenue (DAOP, 15 of 30 days)", Wei(doraRevenue["released"])),
                ("victor", "revenue (DAOP, 15 of 30 days)", Wei(victorRevenue["released"])),
                ("erin", "stream (DAOP, 10 days)", Wei(streamed["recipientBalance"])),
            };
            var trainerRows = trained.Select((t, i) => (t.Trainer, t.Dims, t.Accuracy, scores[i], int.Parse(truth["testSetSize"]!.ToString(), CultureInfo.InvariantCulture))).ToList();
            return new DemoSummary(trainerRows, winner, payouts, [.. cli.Gas], "trent (auditor service)",
                new PublishedDataset(dataset["assetId"]!.ToString(), dataset["passId"]!.ToString(), Path("readings.csv")));
        }
        finally
        {
            await nodeStop.CancelAsync().ConfigureAwait(false);
            await node.ConfigureAwait(false);
        }
    }

    /// <summary>Prints the summary: gas per step, held-out accuracy per trainer, payouts.</summary>
    public static void PrintSummary(DemoSummary summary, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(log);
        log.WriteLine();
        log.WriteLine("== Summary");
        log.WriteLine();
        log.WriteLine($"{"trainer",-8} {"model",-14} {"held-out accuracy (train)",26} {"task score",12}");
        foreach (var t in summary.Trainers)
        {
            log.WriteLine($"{t.Trainer,-8} {t.Dims,-14} {t.HeldOutAccuracy,26:P1} {$"{t.Score}/{t.TestSetSize}",12}{(t.Trainer == summary.Winner ? "  winner" : "")}");
        }
        log.WriteLine();
        log.WriteLine($"{"payout",-8} {"what",-36} {"amount",14}");
        foreach (var (who, what, wei) in summary.Payouts)
        {
            log.WriteLine($"{who,-8} {what,-36} {(double)(wei / BigInteger.Pow(10, 14)) / 10_000,14:N4}");
        }
        log.WriteLine();
        log.WriteLine($"{"step",-64} {"count",5} {"gas (each, mean)",17}");
        foreach (var group in summary.Gas.GroupBy(g => g.Step))
        {
            log.WriteLine($"{group.Key,-64} {group.Count(),5} {(ulong)group.Average(g => (double)g.GasUsed),17:N0}");
        }
        log.WriteLine($"{"total",-64} {summary.Gas.Count,5} {summary.Gas.Sum(g => (double)g.GasUsed),17:N0}");
    }

    /// <summary>Waits until the node's claimer has withdrawn <paramref name="account"/>'s verifier credit; returns the ETH (wei) and counts the gas.</summary>
    private async Task<BigInteger> ClaimedAsync(string what, string account, Task<int> node, CancellationToken cancellationToken)
    {
        IReadOnlyList<(BigInteger Amount, string Transaction)> withdrawals = [];
        await WaitForAsync(what, async () =>
        {
            withdrawals = await cli.VerifierWithdrawalsAsync(_addresses[account], cancellationToken).ConfigureAwait(false);
            return withdrawals.Count > 0;
        }, node, cancellationToken).ConfigureAwait(false);
        foreach ((_, string transaction) in withdrawals)
        {
            await cli.AddGasOfAsync("OptimisticVerifier.withdraw (claimer service)", transaction, cancellationToken).ConfigureAwait(false);
        }
        return withdrawals.Aggregate(BigInteger.Zero, (sum, w) => sum + w.Amount);
    }

    private async Task WaitForAsync(string what, Func<Task<bool>> done, Task<int> node, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + s_serviceTimeout;
        while (!await done().ConfigureAwait(false))
        {
            if (node.IsCompleted)
            {
                throw new InvalidOperationException($"waiting for {what}: the node stopped (exit code {await node.ConfigureAwait(false)})");
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited {s_serviceTimeout.TotalSeconds:0} s for {what}");
            }
            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }
        Say($"done: {what}");
    }

    private void Step(string title)
    {
        log.WriteLine();
        log.WriteLine($"== {title}");
    }

    private void Say(string line) => log.WriteLine("  " + line);

    private static BigInteger Wei(JsonNode? value) => BigInteger.Parse(value!.ToString(), CultureInfo.InvariantCulture);

    private static string Eth(JsonNode? value) => EtherAmount.Format(Wei(value));

    private static string Eth(BigInteger wei) => EtherAmount.Format(wei);

    private static string Tokens(JsonNode? value) => EtherAmount.Format(Wei(value));
}
