using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Keystore;
using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Cli.Tests;

/// <summary>
/// The asset market through the real command tree: alice publishes a dataset into a content service's store and
/// offers passes, bob is refused without a pass, buys one, finds it, and downloads the exact bytes from the service
/// (composed by <c>AddAssetContent</c> on 127.0.0.1, signing in with his keystore account).
/// </summary>
[NonParallelizable]
public sealed class AssetMarketTests
{
    private const string Password = "test password";

    private static CliHarness Cli => CliDevnet.Cli;

    [Test]
    public async Task A_price_in_a_token_is_in_whole_tokens_and_an_address_that_is_no_token_is_refused()
    {
        string folder = CliDevnet.NewFolder();
        string nodeKey = Path.Combine(folder, "node-key.json");
        await File.WriteAllTextAsync(nodeKey, Keystore(EthereumKey.Generate()));
        string dataset = Path.Combine(folder, "dataset.bin");
        await File.WriteAllBytesAsync(dataset, RandomNumberGenerator.GetBytes(1_000));
        JsonObject deployment = JsonNode.Parse(await File.ReadAllTextAsync(Cli.Variables["DAOPLATFORM_DEPLOYMENT"]!))!.AsObject();
        string token = deployment["contracts"]!["DaoToken"]!["address"]!.GetValue<string>();
        string[] publish = ["asset", "publish", dataset, "--kind", "dataset", "--uses", "1", "--store", Path.Combine(folder, "content"), "--node-key", nodeKey];

        CliRun refused = await Cli.AsAsync("alice", [.. publish, "--price", "1.5", "--token", CliDevnet.Address("bob")]);
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.Error);
        Assert.That(refused.Error, Does.Contain("is no ERC-20"));

        // The DAO token has 18 decimals: 1.5 tokens are 1.5e18 base units on chain.
        JsonObject published = (await Cli.AsAsync("alice", [.. publish, "--price", "1.5", "--token", token])).Ok();
        JsonNode terms = (await Cli.JsonAsync("asset", "terms", published["assetId"]!.GetValue<string>())).Ok()["terms"]!.AsArray()
            .Single(t => t!["passId"]!.GetValue<string>() == published["passId"]!.GetValue<string>())!;
        Assert.That(terms["price"]!.GetValue<string>(), Is.EqualTo("1500000000000000000"));
        Assert.That(terms["paymentToken"]!.GetValue<string>(), Is.EqualTo(token));
    }

    [Test]
    public async Task Published_bought_and_downloaded_bytes_are_equal_and_no_pass_is_refused_in_one_line()
    {
        string folder = CliDevnet.NewFolder();
        await using ContentServiceHost service = await ContentServiceHost.StartAsync(folder);
        byte[] content = RandomNumberGenerator.GetBytes(200_000);
        string dataset = Path.Combine(folder, "dataset.bin");
        await File.WriteAllBytesAsync(dataset, content);

        JsonObject published = (await Cli.AsAsync("alice", "asset", "publish", dataset, "--kind", "dataset", "--price", "0.01", "--uses", "2",
            "--store", service.Store, "--node-key", service.NodeKey, "--consumer", ContentServiceHost.Consumer)).Ok();
        string id = published["assetId"]!.GetValue<string>();
        string passId = published["passId"]!.GetValue<string>();

        string url = service.Url;
        string copy = Path.Combine(folder, "copy.bin");
        CliRun refused = await Cli.AsAsync("bob", "asset", "download", id, "--from", url, "--out", copy);
        Assert.That(refused.ExitCode, Is.Not.Zero);
        Assert.That(refused.Error.Trim().Split('\n'), Has.Length.EqualTo(1), refused.Error);
        Assert.That(refused.Error, Does.Contain("holds no pass"));
        CliRun wrongPass = await Cli.AsAsync("bob", "asset", "download", id, "--from", url, "--out", copy, "--pass", passId);
        Assert.That(wrongPass.Error.Trim().Split('\n'), Has.Length.EqualTo(1), wrongPass.Error);
        Assert.That(wrongPass.Error, Does.Contain($"holds no use of pass {passId}"), "the service names the refusal");
        Assert.That(File.Exists(copy), Is.False);

        JsonArray terms = (await Cli.JsonAsync("asset", "terms", id)).Ok()["terms"]!.AsArray();
        Assert.That(terms.Select(t => t!["passId"]!.GetValue<string>()), Is.EqualTo(new[] { passId }));
        Assert.That(terms[0]!["uses"]!.GetValue<ulong>(), Is.EqualTo(2UL));
        Assert.That((await Cli.AsAsync("bob", "asset", "buy", id)).Ok()["passId"]!.GetValue<string>(), Is.EqualTo(passId));
        JsonArray held = (await Cli.AsAsync("bob", "asset", "passes")).Ok()["passes"]!.AsArray();
        Assert.That(held.Select(p => (p!["passId"]!.GetValue<string>(), p["units"]!.GetValue<string>())), Does.Contain((passId, "2")));

        JsonObject downloaded = (await Cli.AsAsync("bob", "asset", "download", id, "--from", url, "--out", copy)).Ok();
        Assert.That(await File.ReadAllBytesAsync(copy), Is.EqualTo(content));
        Assert.That(downloaded["received"]!.GetValue<long>(), Is.EqualTo(content.Length));
        held = (await Cli.AsAsync("bob", "asset", "passes")).Ok()["passes"]!.AsArray();
        Assert.That(held.Select(p => (p!["passId"]!.GetValue<string>(), p["units"]!.GetValue<string>())), Does.Contain((passId, "1")), "one use recorded on chain");

        JsonObject listed = (await Cli.JsonAsync("asset", "list")).Ok()["assets"]!.AsArray().Single(a => a!["assetId"]!.GetValue<string>() == id)!.AsObject();
        Assert.That((listed["kind"]!.GetValue<string>(), listed["cid"]!.GetValue<string>(), listed["author"]!.GetValue<string>(), listed["owner"]!.GetValue<string>()),
            Is.EqualTo(("dataset", published["cid"]!.GetValue<string>(), CliDevnet.Address("alice"), CliDevnet.Address("alice"))));
        Assert.That(listed["revenue"]!.GetValue<string>(), Is.EqualTo("10000000000000000"), "one pass at 0.01 ETH");
        JsonArray versions = (await Cli.JsonAsync("asset", "lineage", id)).Ok()["versions"]!.AsArray();
        Assert.That(versions.Select(v => (v!["assetId"]!.GetValue<string>(), v["original"]!.GetValue<bool>())), Is.EqualTo(new[] { (id, true) }),
            "a published asset is its own original");
        Assert.That((await Cli.JsonAsync("asset", "lineage", "424242")).ExitCode, Is.EqualTo(4), "an unknown asset");

        JsonObject withdrawn = (await Cli.AsAsync("alice", "asset", "withdraw-revenue")).Ok();
        Assert.That(withdrawn["amount"]!.GetValue<string>(), Is.Not.EqualTo("0"), "the sale paid alice");
    }

    private static string Keystore(EthereumKey key) =>
        Web3SecretStorage.Encrypt(key, Password, new Pbkdf2KeyDerivation(RandomNumberGenerator.GetBytes(32), iterations: 1024));
}
