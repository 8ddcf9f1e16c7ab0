using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Hub.Api;
using DaoPlatform.Hub.Components;
using DaoPlatform.Hub.Components.Wallet;
using DaoPlatform.Index;
using DaoPlatform.Index.Storage;
using DaoPlatform.Platform.Deployment;

namespace DaoPlatform.Hub;

/// <summary>
/// Builds the hub: the index of the deployment named by <see cref="HubOptions.Deployment"/> (followed in the
/// background), the pages (interactive server rendering), the JSON API, a content security policy and
/// anti-forgery. It listens on http://127.0.0.1:5080 unless <c>--urls</c> or <c>ASPNETCORE_URLS</c> says otherwise:
/// loopback by default, because the hub has no login of its own.
/// </summary>
public static class HubHost
{
    /// <summary>The address the hub listens on when none is configured.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Builds the app from <paramref name="args"/> and the configuration.</summary>
    /// <exception cref="Platform.PlatformException">The deployment record is missing or malformed.</exception>
    public static async Task<WebApplication> BuildAsync(string[] args, CancellationToken cancellationToken = default)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        // Static assets (blazor.web.js, the wallet module) are served from the build output in every environment.
        builder.WebHost.UseStaticWebAssets();

        var hub = builder.Configuration.GetSection(HubOptions.Section).Get<HubOptions>() ?? new HubOptions();
        DeploymentRecord deployment = await DeploymentRecord.LoadAsync(hub.Deployment, cancellationToken).ConfigureAwait(false);
        var index = new IndexOptions { StartBlock = deployment.DeploymentBlock, DataDirectory = hub.DataDirectory };
        builder.Configuration.GetSection(IndexOptions.Section).Bind(index);
        foreach ((string name, DeployedContract contract) in deployment.Contracts)
        {
            index.Contracts[name] = contract.Address;
        }

        IndexStore store = await IndexStore.OpenAsync(index, cancellationToken).ConfigureAwait(false);
        var eth = new EthRpcClient(new JsonRpcClient(hub.RpcUrl));
        builder.Services.AddSingleton(hub);
        builder.Services.AddSingleton(deployment);
        builder.Services.AddSingleton(index);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(eth);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ChainWatch>();
        builder.Services.AddSingleton<IndexReader>();
        builder.Services.AddSingleton(s => new IndexFollower(eth, store, index));
        builder.Services.AddHostedService<IndexService>();
        builder.Services.AddSingleton<DaoPlatform.Hub.Writes.PlatformDomains>();
        builder.Services.AddScoped<WalletSession>();
        builder.Services.AddScoped<DaoPlatform.Hub.Writes.WalletWrites>();
        builder.Services.AddSingleton<DaoPlatform.Hub.Writes.TaskVerdicts>();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        // The security headers say DENY (and frame-ancestors 'none'); antiforgery would add a second, weaker SAMEORIGIN.
        builder.Services.AddAntiforgery(o => o.SuppressXFrameOptionsHeader = true);

        WebApplication app = builder.Build();
        app.Use(SecurityHeaders.ApplyAsync);
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapIndexApi();
        // The security headers carry the one content security policy (frame-ancestors 'none' included).
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
