using System.Net;
using System.Text.Json.Nodes;

namespace DaoPlatform.Ethereum.IntegrationTests.Hub;

/// <summary>The hub's JSON API over the index, and the headers every answer carries.</summary>
public sealed class ApiTests
{
    private static readonly HttpClient Http = new();

    [Test]
    public async Task ProposalsComeAsJsonWithAmountsAsDecimalStrings()
    {
        System.Numerics.BigInteger id = await Governance.ProposeTransferAsync("carol", HubFixture.AddressOf("dave"), 9, "API test");
        await Governance.AdvanceAsync(1);
        JsonNode? proposal = null;
        for (int attempt = 0; attempt < 40 && proposal is null; attempt++)
        {
            using HttpResponseMessage response = await Http.GetAsync(new Uri(HubFixture.Hub.Url, $"/api/proposals/{id}"));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                proposal = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            }
            else
            {
                await Task.Delay(250);
            }
        }
        Assert.That(proposal, Is.Not.Null, "the index served the proposal");
        Assert.That(proposal!["id"]!.GetValue<string>(), Is.EqualTo(id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(proposal["proposer"]!.GetValue<string>(), Is.EqualTo(HubFixture.AddressOf("carol").ToChecksumString()));
        Assert.That(proposal["actions"]![0]!["value"]!.GetValue<string>(), Is.EqualTo("9"));
    }

    [TestCase("/api/proposals/abc", HttpStatusCode.BadRequest, "the proposal id 'abc' is not a decimal number")]
    [TestCase("/api/proposals?limit=0", HttpStatusCode.BadRequest, "limit must be between 1 and 500")]
    [TestCase("/api/events/Nope.Nothing", HttpStatusCode.BadRequest, "'Nope.Nothing' is not an indexed event kind")]
    [TestCase("/api/tasks/99999", HttpStatusCode.NotFound, "no task 99999 in the index")]
    public async Task BadRequestsAreNamed(string path, HttpStatusCode status, string message)
    {
        using HttpResponseMessage response = await Http.GetAsync(new Uri(HubFixture.Hub.Url, path));
        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(message));
    }

    [Test]
    public async Task PagesCarryAContentSecurityPolicyAndRefuseFraming()
    {
        using HttpResponseMessage response = await Http.GetAsync(HubFixture.Hub.Url);
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'"));
        Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
    }
}
