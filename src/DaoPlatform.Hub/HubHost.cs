using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Hub.Api;
using DaoPlatform.Hub.Components;
using DaoPlatform.Hub.Components.Wallet;
using DaoPlatform.Index;
using DaoPlatform.Index.Storage;
using DaoPlatform.Platform;
using DaoPlatform.Platform.Deployment;

namespace DaoPlatform.Hub;

/// <summary>
/// Builds the hub, one way for every host (its own executable, the node's <c>Hub</c> role, <c>daoplatform hub</c>):
/// the index of the deployment named by <see cref="HubOptions.Deployment"/> (followed in the background), the pages
/// (interactive server rendering), the JSON API, the content service when <see cref="HubOptions.Content"/> names a
/// folder, a content security policy and anti-forgery. It listens on <see cref="HubOptions.Url"/>,
/// http://127.0.0.1:5080 unless set (<c>--urls</c> and <c>ASPNETCORE_URLS</c> win): loopback by default, because the
/// hub has no login of its own.
/// </summary>
public static class HubHost
{
    /// <summary>The address the hub listens on when none is configured.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Builds the app from <paramref name="args"/> and the configuration (files, environment, command line).</summary>
    /// <exception cref="PlatformException">The deployment record is missing or malformed, or the content service's settings are wrong.</exception>
    public static Task<WebApplication> BuildAsync(string[] args, CancellationToken cancellationToken = default) =>
        BuildAsync(args, configure: null, cancellationToken);

    /// <summary>
    /// Builds the app; <paramref name="configure"/> runs first on the builder, so that a host adds its settings (section
    /// <c>Hub</c>, <c>Index</c>) and its log format.
    /// </summary>
    /// <exception cref="PlatformException">The deployment record is missing or malformed, or the content service's settings are wrong.</exception>
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure, CancellationToken cancellationToken = default)
    {
        // The hub's name, not the host's: its static web assets (blazor.web.js, the wallet module) are found by the
        // manifests its build writes next to its assembly, whichever executable loaded it.
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(HubHost).Assembly.GetName().Name,
        });
        configure?.Invoke(builder);
        var hub = builder.Configuration.GetSection(HubOptions.Section).Get<HubOptions>() ?? new HubOptions();
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls((hub.Url ?? new Uri(DefaultUrl)).ToString());
        }
        string assets = Path.GetDirectoryName(typeof(HubHost).Assembly.Location) ?? AppContext.BaseDirectory;
        string runtimeManifest = Path.Combine(assets, builder.Environment.ApplicationName + ".staticwebassets.runtime.json");
        if (File.Exists(runtimeManifest))
        {
            // A build's output: the assets are read where the build left them. A publish has them in wwwroot.
            builder.WebHost.UseSetting(WebHostDefaults.StaticWebAssetsKey, runtimeManifest);
            builder.WebHost.UseStaticWebAssets();
        }

        DeploymentRecord deployment = await DeploymentRecord.LoadAsync(hub.Deployment, cancellationToken).ConfigureAwait(false);
        var index = new IndexOptions { StartBlock = deployment.DeploymentBlock, DataDirectory = hub.DataDirectory };
        builder.Configuration.GetSection(IndexOptions.Section).Bind(index);
        foreach ((string name, DeployedContract contract) in deployment.Contracts)
        {
            index.Contracts[name] = contract.Address;
        }

        var eth = new EthRpcClient(new JsonRpcClient(hub.RpcUrl));
        if (HubContent.IsOn(hub.Content))
        {
            Uri origin = new(builder.Configuration[WebHostDefaults.ServerUrlsKey]?.Split(';')[0] ?? (hub.Url ?? new Uri(DefaultUrl)).ToString());
            HubContent.Add(builder.Services, hub.Content, origin, deployment);
        }
        IndexStore store = await IndexStore.OpenAsync(index, cancellationToken).ConfigureAwait(false);
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
        builder.Services.AddSingleton<DaoPlatform.Hub.Writes.NextVersions>();
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
        // Where UseExceptionHandler re-executes a request that failed: a short page instead of an empty 500 (the log names the cause).
        app.Map("/error", () => Results.Content(
            "<!doctype html><title>Error</title><p>The hub could not answer this request; its log names the cause. <a href=\"/\">Back to the hub</a></p>",
            "text/html; charset=utf-8", statusCode: StatusCodes.Status500InternalServerError));
        app.MapStaticAssets(Path.Combine(assets, builder.Environment.ApplicationName + ".staticwebassets.endpoints.json"));
        app.MapIndexApi();
        if (HubContent.IsOn(hub.Content))
        {
            DaoPlatform.Assets.Http.AssetContentEndpoints.MapAssetContent(app);
        }
        // The security headers carry the one content security policy (frame-ancestors 'none' included).
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
