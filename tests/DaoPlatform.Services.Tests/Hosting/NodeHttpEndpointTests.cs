using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using DaoPlatform.Ethereum.IntegrationTests;
using DaoPlatform.Services.Chain;
using DaoPlatform.Services.Hosting;
using Hangfire.InMemory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Tests.Hosting;

public class NodeHttpEndpointTests
{
    [Test]
    public async Task HealthIs503UntilTheFollowerProgressesThen200WithTheReport()
    {
        var health = new NodeHealth();
        await using NodeHttpEndpoint endpoint = await StartAsync(health, dashboard: false);
        using var http = new HttpClient { BaseAddress = endpoint.Url };

        using (HttpResponseMessage before = await http.GetAsync(new Uri("health", UriKind.Relative)))
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        }
        health.Progress(new ChainCursor(42, "0x" + new string('a', 64)), 45, 3, DateTimeOffset.UnixEpoch);
        using HttpResponseMessage after = await http.GetAsync(new Uri("health", UriKind.Relative));
        using JsonDocument report = JsonDocument.Parse(await after.Content.ReadAsStringAsync());
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(report.RootElement.GetProperty("cursorBlock").GetUInt64(), Is.EqualTo(42));
        Assert.That(report.RootElement.GetProperty("openTasks").GetInt32(), Is.EqualTo(3));

        health.Failed("eth_getLogs failed with JSON-RPC error -32000");
        using HttpResponseMessage failed = await http.GetAsync(new Uri("health", UriKind.Relative));
        Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await failed.Content.ReadAsStringAsync(), Does.Contain("eth_getLogs failed"));
        Assert.That((await http.GetAsync(new Uri("hangfire", UriKind.Relative))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "no dashboard unless asked");
    }

    [Test]
    public async Task TheDashboardIsServedOnLoopbackOnly()
    {
        NodeHttpEndpoint endpoint = await StartAsync(new NodeHealth(), dashboard: true);
        await using var stop = endpoint;
        using var http = new HttpClient { BaseAddress = endpoint.Url };
        using (HttpResponseMessage page = await http.GetAsync(new Uri("hangfire", UriKind.Relative)))
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("Hangfire Dashboard"));
        }

        // Nothing listens on the machine's other addresses.
        IPAddress? external = (await Dns.GetHostAddressesAsync(Dns.GetHostName()))
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        if (external is not null)
        {
            using var socket = new TcpClient();
            Assert.That(async () => await socket.ConnectAsync(external, endpoint.Url!.Port), Throws.InstanceOf<SocketException>());
        }

        // The endpoint leaves Hangfire's process-wide state alone: Hangfire still logs and works once it is gone.
        await endpoint.StopAsync(CancellationToken.None);
        await endpoint.DisposeAsync();
        Assert.That(() => new InMemoryStorage().Dispose(), Throws.Nothing);
    }

    [Test]
    public async Task PortZeroServesNothing()
    {
        await using var endpoint = new NodeHttpEndpoint(Options.Create(new NodeHttpOptions()), new NodeHealth(), new InMemoryStorage(), NullLogger<NodeHttpEndpoint>.Instance);
        await endpoint.StartAsync(CancellationToken.None);
        Assert.That(endpoint.Url, Is.Null);
    }

    private static async Task<NodeHttpEndpoint> StartAsync(NodeHealth health, bool dashboard)
    {
        var options = Options.Create(new NodeHttpOptions { Port = Devnet.FreePort(), Dashboard = dashboard });
        var endpoint = new NodeHttpEndpoint(options, health, new InMemoryStorage(), NullLogger<NodeHttpEndpoint>.Instance);
        await endpoint.StartAsync(CancellationToken.None);
        return endpoint;
    }
}
