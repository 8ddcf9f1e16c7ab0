using DaoPlatform.Hub;

WebApplication app = await HubHost.BuildAsync(args).ConfigureAwait(false);
await app.RunAsync().ConfigureAwait(false);
