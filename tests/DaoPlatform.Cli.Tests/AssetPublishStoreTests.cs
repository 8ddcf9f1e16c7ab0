using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.Keystore;
using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Cli.Tests;

/// <summary>
/// What <c>asset publish</c> leaves in the content service's store when it does not publish: a dry run writes nothing
/// there, and content stored already under another node key is refused in one line with the live manifest untouched
/// (the service goes on serving it); stored already under the same key, a publication that stopped before registering
/// completes.
/// </summary>
[NonParallelizable]
public sealed class AssetPublishStoreTests
{
    private static CliHarness Cli => CliDevnet.Cli;

    [Test]
    public async Task A_dry_run_or_another_node_key_leaves_the_store_as_it_was()
    {
        string folder = CliDevnet.NewFolder();
        string store = Path.Combine(folder, "content");
        string nodeKey = await KeystoreAsync(folder, "node-key.json");
        string otherKey = await KeystoreAsync(folder, "other-key.json");
        string dataset = Path.Combine(folder, "dataset.bin");
        await File.WriteAllBytesAsync(dataset, RandomNumberGenerator.GetBytes(70_000));
        string[] publish = ["asset", "publish", dataset, "--kind", "dataset", "--price", "0.01", "--uses", "1", "--store", store];

        CliRun dry = await Cli.RunAsync(["--json", "--account", "alice", "--dry-run", .. publish, "--node-key", nodeKey]);
        Assert.That(dry.ExitCode, Is.Zero, dry.Error);
        Assert.That(Directory.Exists(store) ? Directory.GetFiles(store, "*", SearchOption.AllDirectories) : [], Is.Empty, "the dry run wrote nothing into the store");

        JsonObject published = (await Cli.AsAsync("alice", [.. publish, "--node-key", nodeKey])).Ok();
        string hash = published["contentHash"]!.GetValue<string>();
        string manifest = Path.Combine(store, "manifests", hash[2..] + ".json");
        string live = await File.ReadAllTextAsync(manifest);
        string[] stored = Directory.GetFiles(store, "*", SearchOption.AllDirectories);

        CliRun refused = await Cli.AsAsync("alice", [.. publish, "--node-key", otherKey]);
        Assert.That(refused.ExitCode, Is.Not.Zero);
        Assert.That(refused.Error.Trim().Split('\n'), Has.Length.EqualTo(1), refused.Error);
        Assert.That(refused.Error, Does.Contain($"Asset {hash} is stored here already under node key").And.Contain("nothing was changed"));
        Assert.That(await File.ReadAllTextAsync(manifest), Is.EqualTo(live), "the live manifest is untouched");
        Assert.That(Directory.GetFiles(store, "*", SearchOption.AllDirectories), Is.EquivalentTo(stored), "no copy is left behind");

        CliRun again = await Cli.AsAsync("alice", [.. publish, "--node-key", nodeKey]);
        Assert.That(again.Error, Does.Contain($"already registered as asset {published["assetId"]!.GetValue<string>()}"), "same key: the registry's refusal, the store unchanged");
        Assert.That(Directory.GetFiles(store, "*", SearchOption.AllDirectories), Is.EquivalentTo(stored));
    }

    private static async Task<string> KeystoreAsync(string folder, string name)
    {
        string path = Path.Combine(folder, name);
        await File.WriteAllTextAsync(path, Web3SecretStorage.Encrypt(EthereumKey.Generate(), "test password",
            new Pbkdf2KeyDerivation(RandomNumberGenerator.GetBytes(32), iterations: 1024)));
        return path;
    }
}
