using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Keystore;
using DaoPlatform.Hub;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Deployment;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DaoPlatform.Services.Hosting;

/// <summary>
/// Starts the hub (<see cref="HubHost"/>) for the node's <c>Hub</c> role and for <c>daoplatform hub</c> alike, with the
/// node's start-up checks and exit codes (<see cref="NodeExitCodes"/>): a missing or malformed deployment record or
/// content setting is <see cref="NodeExitCodes.BadSetting"/>, a chain node that serves another chain than the
/// deployment's is <see cref="NodeExitCodes.WrongChain"/> (one that does not answer yet is no error: the index waits
/// and the pages show a banner), a port in use is <see cref="NodeExitCodes.PortUnavailable"/>.
/// </summary>
public static class HubLauncher
{
    /// <summary>Builds, checks and starts the hub configured by <paramref name="configuration"/> (sections <c>Hub</c>, <c>Index</c>), logging the node's way.</summary>
    /// <returns>The started app; the caller stops and disposes it.</returns>
    /// <exception cref="NodeStartException">A check failed; the app is not running.</exception>
    public static Task<WebApplication> StartAsync(IConfiguration configuration, CancellationToken cancellationToken) =>
        StartAsync(configuration, new OpenedKeystores(), cancellationToken);

    /// <summary>
    /// The same, opening the content service's keystore through <paramref name="opened"/>: a file the caller has
    /// opened already with the same password is not decrypted again.
    /// </summary>
    /// <returns>The started app; the caller stops and disposes it.</returns>
    /// <exception cref="NodeStartException">A check failed; the app is not running.</exception>
    public static async Task<WebApplication> StartAsync(IConfiguration configuration, OpenedKeystores opened, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(opened);
        WebApplication app;
        try
        {
            app = await HubHost.BuildAsync([], builder =>
            {
                builder.Configuration.AddConfiguration(configuration);
                builder.Services.AddSingleton(opened);
                NodeLauncher.ConfigureLogging(builder.Logging);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (PlatformException e)
        {
            throw new NodeStartException(NodeExitCodes.BadSetting, $"the hub cannot start: {e.Message}", e);
        }
        catch (InvalidOperationException e) when (e.InnerException is FormatException format)
        {
            throw new NodeStartException(NodeExitCodes.BadSetting, $"invalid configuration: {e.Message} {format.Message}", e);
        }
        try
        {
            await CheckChainAsync(app.Services.GetRequiredService<EthRpcClient>(), app.Services.GetRequiredService<DeploymentRecord>(), cancellationToken).ConfigureAwait(false);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return app;
        }
        catch (Exception e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw e switch
            {
                NodeStartException or OperationCanceledException => e,
                IOException => new NodeStartException(NodeExitCodes.PortUnavailable, $"the hub cannot listen: {e.Message} (Hub:Url)", e),
                _ => new NodeStartException(NodeExitCodes.Crashed, $"the hub cannot start: {e.Message}", e),
            };
        }
    }

    private static async Task CheckChainAsync(EthRpcClient eth, DeploymentRecord deployment, CancellationToken cancellationToken)
    {
        ulong? served = null;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                served = await eth.ChainIdAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RpcException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
            }
        }
        if (served is { } chainId && chainId != deployment.ChainId)
        {
            throw new NodeStartException(NodeExitCodes.WrongChain,
                $"the chain node serves chain id {chainId}, but the deployment record is for chain id {deployment.ChainId}; refusing to start the hub");
        }
    }
}
