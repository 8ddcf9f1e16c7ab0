using System.Net;
using System.Net.Sockets;
using DaoPlatform.Ethereum.IntegrationTests;
using DaoPlatform.Services.Jobs;
using Hangfire.InMemory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Tests.Jobs;

public class JobDashboardEndpointTests
{
    [Test]
    public async Task TheDashboardIsServedOnLoopbackOnly()
    {
        using var storage = new InMemoryStorage();
        var options = Options.Create(new JobDashboardOptions { Port = Devnet.FreePort() });
        await using var endpoint = new JobDashboardEndpoint(options, storage, NullLogger<JobDashboardEndpoint>.Instance);
        await endpoint.StartAsync(CancellationToken.None);

        using var http = new HttpClient();
        using HttpResponseMessage page = await http.GetAsync(endpoint.Url);
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("Hangfire Dashboard"));

        // Nothing listens on the machine's other addresses.
        IPAddress? external = (await Dns.GetHostAddressesAsync(Dns.GetHostName()))
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        if (external is not null)
        {
            using var socket = new TcpClient();
            Assert.That(async () => await socket.ConnectAsync(external, options.Value.Port), Throws.InstanceOf<SocketException>());
        }
        await endpoint.StopAsync(CancellationToken.None);
        await endpoint.DisposeAsync();
        // The endpoint leaves Hangfire's process-wide state alone: Hangfire still logs and works once it is gone.
        Assert.That(() => new InMemoryStorage().Dispose(), Throws.Nothing);
    }

    [Test]
    public async Task PortZeroServesNothing()
    {
        using var storage = new InMemoryStorage();
        await using var endpoint = new JobDashboardEndpoint(Options.Create(new JobDashboardOptions()), storage, NullLogger<JobDashboardEndpoint>.Instance);
        await endpoint.StartAsync(CancellationToken.None);
        Assert.That(endpoint.Url, Is.Null);
    }
}
