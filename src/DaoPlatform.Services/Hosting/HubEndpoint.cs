using DaoPlatform.Ethereum.Keystore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Hosting;

/// <summary>
/// The node's <c>Hub</c> role: the hub and the content service beside it (<see cref="HubLauncher"/>), on
/// <c>Hub:Url</c> (http://127.0.0.1:5080 by default), over the node's chain (<c>Hub:RpcUrl</c> defaults to
/// <c>Node:RpcUrl</c>) and the deployment record <c>Hub:Deployment</c>. Its port is bound when the host starts, so a
/// port in use stops the node before any job runs. The content service opens its keystore through the node's
/// <see cref="OpenedKeystores"/>, so a keystore the roles share with it is not decrypted again.
/// </summary>
public sealed partial class HubEndpoint(IConfiguration configuration, IOptions<NodeOptions> node, OpenedKeystores opened, ILogger<HubEndpoint> logger)
    : LoopbackWebEndpoint
{
    /// <summary>Where the hub listens once started (<c>;</c>-separated), or null.</summary>
    public string? Urls { get; private set; }

    /// <inheritdoc/>
    /// <exception cref="NodeStartException">A setting is wrong, the chain is another, or the port is in use.</exception>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = new ConfigurationBuilder().AddConfiguration(configuration);
        if (string.IsNullOrEmpty(configuration[$"{Hub.HubOptions.Section}:{nameof(Hub.HubOptions.RpcUrl)}"]))
        {
            settings.AddInMemoryCollection([new($"{Hub.HubOptions.Section}:{nameof(Hub.HubOptions.RpcUrl)}", node.Value.RpcUrl?.ToString())]);
        }
        var app = await HubLauncher.StartAsync(settings.Build(), opened, cancellationToken).ConfigureAwait(false);
        Started(app);
        Urls = string.Join(";", app.Urls);
        LogServing(Urls);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub serving on {Urls}")]
    private partial void LogServing(string urls);
}
