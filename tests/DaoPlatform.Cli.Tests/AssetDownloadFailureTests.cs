using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DaoPlatform.Services.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace DaoPlatform.Cli.Tests;

/// <summary>
/// <c>asset download</c> when the other side fails, through the real command tree against a real content service on
/// the devnet: a body the service cuts midway (a byte of a later stored block flipped, so that block fails its
/// authentication after earlier ones were sent), a resume the service refuses, a failing service, no service at the
/// URL and a hub without <c>--content</c>. Each is one line with the documented exit code (docs/cli.md).
/// </summary>
[NonParallelizable]
public sealed partial class AssetDownloadFailureTests
{
    private const int BlockSize = 65_536;
    private const int TagSize = 16;

    /// <summary>24.4 blocks: the service flushes block 0 at once, then every 17 blocks, so block 20 fails after bytes were sent.</summary>
    private const int AssetLength = 1_600_000;

    private static CliHarness Cli => CliDevnet.Cli;

    [Test]
    public async Task A_cut_body_keeps_every_byte_that_arrived_and_a_resume_the_service_refuses_says_to_delete_the_part()
    {
        string folder = CliDevnet.NewFolder();
        await using ContentServiceHost service = await ContentServiceHost.StartAsync(folder);
        (string id, string passId, byte[] content) = await PublishAsync(folder, service, "--uses", "2");
        (await Cli.AsAsync("bob", "asset", "buy", id, "--terms", passId)).Ok();
        string copy = Path.Combine(folder, "copy.bin");
        string part = copy + ".part";

        CliRun cut;
        await using (DamageBlock(service, 20))
        {
            cut = await Cli.AsAsync("bob", "asset", "download", id, "--from", service.Url, "--out", copy);
        }
        string message = OneLineError(cut, exitCode: 2);
        Assert.That(message, Does.StartWith($"asset {id}: the content service {service.Url} stopped sending at byte "));
        Assert.That(message, Does.Contain("its log names why, e.g. a damaged stored block"));
        Match kept = KeptBytes().Match(message);
        Assert.That(kept.Success, Is.True, message);
        Assert.That(kept.Groups["path"].Value, Is.EqualTo(part));
        byte[] received = await File.ReadAllBytesAsync(part);
        Assert.That(received, Has.Length.EqualTo(long.Parse(kept.Groups["bytes"].Value, CultureInfo.InvariantCulture)), "the bytes the line names are the bytes in FILE.part");
        Assert.That(received.Length, Is.LessThanOrEqualTo(20 * BlockSize), "nothing of the damaged block (block 20 starts at byte 20 × 64 KiB) or after it");
        Assert.That(received, Is.EqualTo(content[..received.Length]), "a prefix of the asset");
        Assert.That(File.Exists(copy), Is.False);

        // A new sign-in has not paid for this download: the service refuses to resume a uses pass.
        CliRun resume = await Cli.AsAsync("bob", "asset", "download", id, "--from", service.Url, "--out", copy);
        message = OneLineError(resume, exitCode: 5);
        Assert.That(message, Does.StartWith($"asset {id}: the content service will not resume {part} ({received.Length} bytes): "));
        Assert.That(message, Does.Contain($"pass {passId} grants uses: a download starts at byte 0 and uses one; "), "the service's reason");
        Assert.That(message, Does.EndWith($"to start over, delete {part} and run the download again (with a uses pass that takes one more download)"));
        Assert.That(await File.ReadAllBytesAsync(part), Is.EqualTo(received), "the part is left as it was");

        File.Delete(part);
        JsonObject downloaded = (await Cli.AsAsync("bob", "asset", "download", id, "--from", service.Url, "--out", copy)).Ok();
        Assert.That(downloaded["received"]!.GetValue<long>(), Is.EqualTo(AssetLength));
        Assert.That(await File.ReadAllBytesAsync(copy), Is.EqualTo(content));
        JsonArray held = (await Cli.AsAsync("bob", "asset", "passes")).Ok()["passes"]!.AsArray();
        Assert.That(held.Where(p => p!["passId"]!.GetValue<string>() == passId).Select(p => p!["units"]!.GetValue<string>()), Has.All.EqualTo("0"),
            "the cut download and the new one used both uses");
    }

    [Test]
    public async Task A_duration_pass_resumes_a_cut_download_and_a_failing_service_is_exit_2()
    {
        string folder = CliDevnet.NewFolder();
        await using ContentServiceHost service = await ContentServiceHost.StartAsync(folder);
        (string id, string passId, byte[] content) = await PublishAsync(folder, service, "--duration", "1h");
        (await Cli.AsAsync("bob", "asset", "buy", id, "--terms", passId)).Ok();
        string copy = Path.Combine(folder, "copy.bin");

        CliRun failed;
        await using (DamageBlock(service, 0))
        {
            failed = await Cli.AsAsync("bob", "asset", "download", id, "--from", service.Url, "--out", copy);
        }
        string message = OneLineError(failed, exitCode: 2);
        Assert.That(message, Does.StartWith($"cannot download asset {id}: the content service {service.Url} failed: Asset {id} cannot be served"));

        CliRun cut;
        await using (DamageBlock(service, 20))
        {
            cut = await Cli.AsAsync("bob", "asset", "download", id, "--from", service.Url, "--out", copy);
        }
        message = OneLineError(cut, exitCode: 2);
        long kept = new FileInfo(copy + ".part").Length;
        Assert.That(message, Does.Contain($"the {kept} bytes that arrived are kept in {copy}.part"));

        JsonObject resumed = (await Cli.AsAsync("bob", "asset", "download", id, "--from", service.Url, "--out", copy)).Ok();
        Assert.That(resumed["received"]!.GetValue<long>(), Is.EqualTo(AssetLength - kept), "only the bytes after the part");
        Assert.That(await File.ReadAllBytesAsync(copy), Is.EqualTo(content));
        Assert.That(File.Exists(copy + ".part"), Is.False);
    }

    [Test]
    public async Task No_service_at_the_URL_and_a_hub_without_content_are_exit_2_naming_the_URL()
    {
        string folder = CliDevnet.NewFolder();
        string id, passId;
        await using (ContentServiceHost service = await ContentServiceHost.StartAsync(folder))
        {
            (id, passId, _) = await PublishAsync(folder, service, "--uses", "1");
        }
        string copy = Path.Combine(folder, "copy.bin");

        string nobody = $"http://127.0.0.1:{CliDevnet.FreePort()}/";
        string message = OneLineError(await Cli.AsAsync("bob", "asset", "download", id, "--from", nobody, "--out", copy, "--pass", passId), exitCode: 2);
        Assert.That(message, Does.StartWith($"cannot ask for a sign-in nonce: the content service {nobody} cannot be reached ("));

        string hubUrl = $"http://127.0.0.1:{CliDevnet.FreePort()}";
        IConfiguration settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hub:RpcUrl"] = Cli.Variables["DAOPLATFORM_RPC_URL"],
            ["Hub:Deployment"] = Cli.Variables["DAOPLATFORM_DEPLOYMENT"],
            ["Hub:DataDirectory"] = Path.Combine(folder, "hub"),
            ["Hub:Url"] = hubUrl,
        }).Build();
        await using WebApplication hub = await HubLauncher.StartAsync(settings, CancellationToken.None);
        message = OneLineError(await Cli.AsAsync("bob", "asset", "download", id, "--from", hubUrl, "--out", copy, "--pass", passId), exitCode: 2);
        Assert.That(message, Is.EqualTo($"no content service at {hubUrl}/ (is the hub started with --content?)"));
        Assert.That(File.Exists(copy) || File.Exists(copy + ".part"), Is.False);
        await hub.StopAsync();
    }

    /// <summary>alice publishes <see cref="AssetLength"/> random bytes into <paramref name="service"/>'s store with one pass at 0.01 ETH.</summary>
    private static async Task<(string Id, string PassId, byte[] Content)> PublishAsync(string folder, ContentServiceHost service, params string[] terms)
    {
        byte[] content = RandomNumberGenerator.GetBytes(AssetLength);
        string dataset = Path.Combine(folder, "dataset.bin");
        await File.WriteAllBytesAsync(dataset, content);
        JsonObject published = (await Cli.AsAsync("alice", ["asset", "publish", dataset, "--kind", "dataset", "--price", "0.01", .. terms,
            "--store", service.Store, "--node-key", service.NodeKey, "--consumer", ContentServiceHost.Consumer])).Ok();
        return (published["assetId"]!.GetValue<string>(), published["passId"]!.GetValue<string>(), content);
    }

    /// <summary>Flips one bit inside stored block <paramref name="index"/> (its authentication fails) until disposed.</summary>
    private static StoredBlockDamage DamageBlock(ContentServiceHost service, int index)
    {
        string path = service.CiphertextFile();
        byte[] original = File.ReadAllBytes(path);
        byte[] damaged = (byte[])original.Clone();
        damaged[(index * (BlockSize + TagSize)) + 10] ^= 0x80;
        File.WriteAllBytes(path, damaged);
        return new StoredBlockDamage(path, original);
    }

    /// <summary>Asserts a failed run printed one JSON error line with <paramref name="exitCode"/> and nothing on standard output; returns its message.</summary>
    private static string OneLineError(CliRun run, int exitCode)
    {
        Assert.That(run.ExitCode, Is.EqualTo(exitCode), run.Error);
        Assert.That(run.Error.Trim().Split('\n'), Has.Length.EqualTo(1), run.Error);
        Assert.That(run.Out, Is.Empty);
        Assert.That(run.Error, Does.Not.Contain("   at "), "no stack trace");
        JsonObject error = JsonNode.Parse(run.Error)!.AsObject();
        Assert.That(error["exitCode"]!.GetValue<int>(), Is.EqualTo(exitCode));
        return error["error"]!.GetValue<string>();
    }

    [GeneratedRegex(@"; the (?<bytes>\d+) bytes that arrived are kept in (?<path>.+)$")]
    private static partial Regex KeptBytes();

    private sealed class StoredBlockDamage(string path, byte[] original) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await File.WriteAllBytesAsync(path, original);
    }
}
