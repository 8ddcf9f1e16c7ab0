using System.Net;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Contracts.Verifier;

namespace DaoPlatform.Ethereum.IntegrationTests.Hub;

/// <summary>The node executable with the Hub role serves the hub, built by the same HubHost as the hub's own executable.</summary>
public sealed class NodeHubRoleTests
{
    [Test]
    public async Task ANodeWithTheHubRoleServesThePagesAndTheApi()
    {
        var url = new Uri($"http://127.0.0.1:{Devnet.FreePort()}");
        await using HubProcess node = await HubProcess.StartAsync("DaoPlatform.Node", url, NodeSettings(url, HubFixture.DeploymentPath));
        using var http = new HttpClient { BaseAddress = url };

        using HttpResponseMessage status = await http.GetAsync("/api/status");
        Assert.That(status.StatusCode, Is.EqualTo(HttpStatusCode.OK), node.Log);
        Assert.That(await status.Content.ReadAsStringAsync(), Does.Contain("nodeDown").IgnoreCase, "the index API's status");
        using HttpResponseMessage page = await http.GetAsync("/");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("<h1>Proposals</h1>"));
        Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("default-src 'self'"));
        using HttpResponseMessage script = await http.GetAsync("/_framework/blazor.web.js");
        Assert.That(script.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the hub's static web assets are found from the node's executable");
        Assert.That(node.Log, Does.Contain($"Hub serving on {url.ToString().TrimEnd('/')}"));

        await using Member alice = await HubFixture.MemberAsync("alice");
        await alice.Page.GotoAsync(url.ToString());
        await alice.Page.Locator("[data-interactive=true]").WaitForAsync();
        await Screens.CheckAsync(alice.Page, "node-hub-role");
    }

    [Test]
    public async Task AMissingDeploymentRecordStopsTheNodeWithExitCode1AndOneLine()
    {
        var url = new Uri($"http://127.0.0.1:{Devnet.FreePort()}");
        string missing = Path.Combine(HubFixture.NewFolder(), "nowhere.json");
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => HubProcess.StartAsync("DaoPlatform.Node", url, NodeSettings(url, missing)));
        Assert.That(failure!.Message, Does.Contain("DaoPlatform.Node exited with code 1"));
        Assert.That(failure.Message, Does.Contain("daoplatform-node: the hub cannot start:").And.Contain("nowhere.json"));
        Assert.That(failure.Message, Does.Not.Contain("   at "), "no stack trace");
    }

    private static Dictionary<string, string> NodeSettings(Uri url, string deployment) => new()
    {
        ["Node__Roles"] = "Hub",
        ["Node__RpcUrl"] = Devnet.Url.ToString(),
        ["Node__ChainId"] = HubFixture.Deployment.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Node__TrainingTasks"] = HubFixture.Deployment.AddressOf(nameof(TrainingTasks)).ToString(),
        ["Node__Verifier"] = HubFixture.Deployment.AddressOf(nameof(OptimisticVerifier)).ToString(),
        ["Hub__Url"] = url.ToString(),
        ["Hub__Deployment"] = deployment,
        ["Hub__DataDirectory"] = HubFixture.NewFolder(),
        ["Index__PollInterval"] = "00:00:00.250",
    };
}
