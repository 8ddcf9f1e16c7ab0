using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Keystore;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Sending;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Units;

namespace DaoPlatform.Cli.Tests;

/// <summary>
/// What a person reads in the CLI's text output (no --json): token amounts in the token's own symbol and decimals
/// (a 6-decimal ERC-20, like USDC), the signing screen's sentence, and the block and time <c>devnet advance</c> reached.
/// </summary>
[NonParallelizable]
public sealed class WordingTests
{
    private static CliHarness Cli => CliDevnet.Cli;

    [Test]
    public async Task Prices_and_streams_in_a_six_decimal_token_are_shown_in_its_symbol_and_decimals()
    {
        string folder = CliDevnet.NewFolder();
        Address token = await DeploySixDecimalTokenAsync("bob");
        string nodeKey = Path.Combine(folder, "node-key.json");
        await File.WriteAllTextAsync(nodeKey, Web3SecretStorage.Encrypt(EthereumKey.Generate(), "test password", new Pbkdf2KeyDerivation(RandomNumberGenerator.GetBytes(32), iterations: 1024)));
        string dataset = Path.Combine(folder, "dataset.bin");
        await File.WriteAllBytesAsync(dataset, RandomNumberGenerator.GetBytes(1_000));

        CliRun published = await Text("alice", "asset", "publish", dataset, "--kind", "dataset", "--price", "2.5", "--token", token.ToString(), "--uses", "1",
            "--store", Path.Combine(folder, "content"), "--node-key", nodeKey);
        Assert.That(published.ExitCode, Is.Zero, published.Error + published.Out);
        Match ids = Regex.Match(published.Out, @"published asset (\d+) .*pass (\d+) on sale");
        Assert.That(ids.Success, Is.True, published.Out);
        string id = ids.Groups[1].Value, passId = ids.Groups[2].Value;
        Assert.That(published.Out, Does.Contain($"offer passes to asset {id} at 2.5 SIXD each"), "2,500,000 base units of a 6-decimal token");

        CliRun terms = await Cli.RunAsync(["asset", "terms", id]);
        Assert.That(terms.Out, Does.Contain($"pass {passId}: 2.5 SIXD, 1 download"), terms.Error);
        Assert.That(terms.Out, Does.Not.Contain("of token"));

        CliRun bought = await Text("bob", "asset", "buy", id);
        Assert.That(bought.ExitCode, Is.Zero, bought.Error + bought.Out);
        Assert.That(bought.Out, Does.Contain($"to take 2.5 SIXD for 1 pass {passId}").And.Contain("paying 2.5 SIXD into the asset's revenue"));
        Assert.That(bought.Out, Does.Contain("call      buy(uint256,uint256,address)"), "the AccessPasses call is decoded, not shown as an unknown selector");

        CliRun passes = await Text("bob", "asset", "passes");
        Assert.That(passes.Out, Does.Contain($"pass {passId} to asset {id}: 1 unit (2.5 SIXD, 1 download)"), passes.Error);

        string stream = Path.Combine(folder, "stream.json");
        CliRun created = await Text("bob", "stream", "create", "--token", token.ToString(), "--to", CliDevnet.Address("carol"), "--per-day", "10", "--duration", "1d", "--out", stream);
        Assert.That(created.ExitCode, Is.Zero, created.Error + created.Out);
        // 10 tokens a day are 10,000,000 base units (not 10e18): the deposit is within a base unit of it.
        Assert.That(created.Out, Does.Match($@"stream (10|9\.999999) SIXD to {CliDevnet.Address("carol")}"));
        Assert.That(created.Out, Does.Not.Contain("of token"));

        (await Cli.JsonAsync("devnet", "advance", "12h")).Ok();
        CliRun status = await Cli.RunAsync(["stream", "status", stream]);
        Assert.That(status.Out, Does.Match(@"stream to 0x[0-9a-fA-F]{40}: [45](\.\d{1,6})? SIXD withdrawable"), status.Error);
        CliRun withdrawn = await Text("carol", "stream", "withdraw", stream);
        Assert.That(withdrawn.ExitCode, Is.Zero, withdrawn.Error + withdrawn.Out);
        Assert.That(withdrawn.Out, Does.Contain($"withdraw what has streamed of SIXD from {CliDevnet.Address("bob")}").And.Match(@"who now holds [45](\.\d{1,6})? SIXD"));
        CliRun cancelled = await Text("bob", "stream", "cancel", stream);
        Assert.That(cancelled.Out, Does.Contain($"cancel the stream of SIXD from {CliDevnet.Address("bob")}"), cancelled.Error);
    }

    [Test]
    public async Task The_delegation_signing_screen_says_what_the_signature_authorizes_in_a_sentence()
    {
        string file = Path.Combine(CliDevnet.NewFolder(), "delegation.json");
        CliRun signed = await Text("alice", "dao", "delegate", "--to", CliDevnet.Address("bob"), "--sign-to", file);
        Assert.That(signed.ExitCode, Is.Zero, signed.Error + signed.Out);
        string line = signed.Out.Split('\n').Single(l => l.TrimStart().StartsWith("authorizes", StringComparison.Ordinal)).TrimEnd();
        Assert.That(line, Does.Match($@"^  authorizes +a delegation of {CliDevnet.Address("alice")}'s votes to {CliDevnet.Address("bob")} \(nonce \d+, valid until .+\), for anyone to relay$"));
    }

    [Test]
    public async Task Devnet_advance_names_the_block_it_mined_and_its_time()
    {
        ulong before = (await Cli.JsonAsync("devnet", "status")).Ok()["timestamp"]!.GetValue<ulong>();
        CliRun advanced = await Cli.RunAsync(["devnet", "advance", "90s"]);
        Assert.That(advanced.ExitCode, Is.Zero, advanced.Error);
        JsonObject now = (await Cli.JsonAsync("devnet", "status")).Ok();
        ulong block = now["block"]!.GetValue<ulong>(), time = now["timestamp"]!.GetValue<ulong>();
        Assert.That(time, Is.GreaterThanOrEqualTo(before + 90));
        Assert.That(advanced.Out.Trim(), Is.EqualTo($"advanced {Duration.Format(90)}: block {block} mined at {Times.Date(time)} (the latest block was at {Times.Date(before)})"));
    }

    /// <summary>Runs a command as <paramref name="account"/> with text output, confirming with --yes as a script would.</summary>
    private static Task<CliRun> Text(string account, params string[] args) => Cli.RunAsync(["--account", account, "--yes", .. args]);

    /// <summary>Deploys tests/contracts/helpers/SixDecimalToken.sol from <paramref name="account"/>, who receives its supply.</summary>
    private static async Task<Address> DeploySixDecimalTokenAsync(string account)
    {
        string artifact = Path.Combine(CliDevnet.RepositoryRoot(), "artifacts", "tests", "contracts", "helpers", "SixDecimalToken.sol", "SixDecimalToken.json");
        using JsonDocument json = JsonDocument.Parse(await File.ReadAllBytesAsync(artifact));
        byte[] code = HexConvert.Decode(json.RootElement.GetProperty("bytecode").GetString()!);
        string key = CliDevnet.Accounts.Single(a => a.Name == account).Key;
        using ChainConnection chain = await ChainConnection.OpenAsync(new Uri(Cli.Variables["DAOPLATFORM_RPC_URL"]!), null, EthereumKey.FromHex(key));
        var receipt = await chain.Sender!.SendAndWaitAsync(new TransactionRequest { Data = code });
        return receipt.ContractAddress ?? throw new AssertionException("the token deployment has no contract address");
    }
}
