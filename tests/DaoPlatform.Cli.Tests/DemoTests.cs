using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Numerics;
using System.Text.Json;
using DaoPlatform.Demo;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Platform.Registry;

namespace DaoPlatform.Cli.Tests;

/// <summary>
/// The main job in its reduced form (few digits, a 32-sample test set, one epoch each): the whole story end to end,
/// then the hub it serves, checked as a person would use it: a non-holder is refused dora's dataset, a holder of a pass
/// signs in with its key (EIP-4361) and downloads it through the served endpoint.
/// </summary>
[NonParallelizable]
public sealed class DemoTests
{
    [Test]
    [CancelAfter(360_000)]
    public async Task The_demo_story_runs_end_to_end_and_its_served_hub_serves_the_dataset_to_a_pass_holder_only(CancellationToken cancellationToken)
    {
        using var log = new StringWriter(CultureInfo.InvariantCulture);
        bool served = false;
        var options = DemoOptions.Reduced with
        {
            WhileServing = async (demo, ct) =>
            {
                await DownloadsFromTheServedHubAsync(demo, ct);
                served = true;
            },
        };
        int code = await DemoHost.RunAsync(options, log, cancellationToken);
        string text = log.ToString();
        TestContext.Out.WriteLine(text);
        Assert.That(code, Is.Zero, text[^Math.Min(2000, text.Length)..]);
        Assert.That(text, Does.Contain("done: the submitter agent reveals the test set")
            .And.Contain("done: the auditor service overturns the lie")
            .And.Contain("done: the finalizer service finalizes")
            .And.Contain("castVoteBySig (relayed)")
            .And.Contain("OptimisticVerifier.challenge (auditor service)")
            .And.Contain("auditor's share of mallory's bond")
            .And.Contain("dora publishes dataset asset")
            .And.Contain("== Summary"));
        Assert.That(served, Is.True, "the served hub's download was checked");
        Assert.That(text, Does.Contain("buy(uint256,uint256,address)"), "bob's purchase is logged by its function, not as a plain transfer");
    }

    /// <summary>
    /// frank (no pass) signs in and is refused with 403 and the JSON error; an unsigned request gets 401; bob buys a
    /// pass with the CLI, signs in with his key and downloads the bytes dora published.
    /// </summary>
    private static async Task DownloadsFromTheServedHubAsync(ServedDemo demo, CancellationToken cancellationToken)
    {
        byte[] published = await File.ReadAllBytesAsync(demo.Dataset.File, cancellationToken);
        var assetId = BigInteger.Parse(demo.Dataset.AssetId, CultureInfo.InvariantCulture);
        var passId = BigInteger.Parse(demo.Dataset.PassId, CultureInfo.InvariantCulture);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var client = new ContentClient(http, demo.Hub);
        var content = new Uri(demo.Hub, $"assets/{assetId}/content?pass={passId}");

        using (HttpResponseMessage anonymous = await http.GetAsync(content, cancellationToken))
        {
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await ErrorOf(anonymous, cancellationToken), Is.EqualTo("sign_in_required"));
        }

        string frankToken = await client.SignInAsync(Key("frank"), 10, cancellationToken);
        using (var request = new HttpRequestMessage(HttpMethod.Get, content))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", frankToken);
            using HttpResponseMessage refused = await http.SendAsync(request, cancellationToken);
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(refused.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(await ErrorOf(refused, cancellationToken), Is.EqualTo("no_valid_pass"));
        }

        await demo.Cli.As("bob", "asset", "buy", demo.Dataset.AssetId, "--terms", demo.Dataset.PassId);
        string bobToken = await client.SignInAsync(Key("bob"), 10, cancellationToken);
        string copy = Path.Combine(Path.GetDirectoryName(demo.Dataset.File)!, "bob-download.csv");
        long received = await client.DownloadAsync(bobToken, assetId, passId, copy, Keccak256.Hash(published), cancellationToken);
        Assert.That(received, Is.EqualTo(published.Length));
        Assert.That(await File.ReadAllBytesAsync(copy, cancellationToken), Is.EqualTo(published), "the bytes dora published");
    }

    private static EthereumKey Key(string name) => EthereumKey.FromHex(DemoScript.Accounts.Single(a => a.Name == name).Key);

    private static async Task<string?> ErrorOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using JsonDocument body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        Assert.That(body.RootElement.GetProperty("message").GetString(), Is.Not.Empty);
        return body.RootElement.GetProperty("error").GetString();
    }
}
