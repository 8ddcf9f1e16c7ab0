using DaoPlatform.Services;
using DaoPlatform.Services.Keys;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The node: roles, addresses and endpoints from appsettings.json, environment variables (Node__Roles=...) or
// --Node:Roles=...; keys only from keystore files, with passwords from an environment variable or a file.
HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
NodeRoles roles = builder.Configuration.GetSection(NodeOptions.Section).GetValue<NodeRoles>(nameof(NodeOptions.Roles));
NodeKeys keys;
try
{
    keys = await NodeKeyLoader.LoadAsync(builder.Configuration, roles).ConfigureAwait(false);
}
catch (Exception e) when (e is SigningKeyException or ArgumentException)
{
    await Console.Error.WriteLineAsync($"daoplatform-node: cannot load the keys: {e.Message}").ConfigureAwait(false);
    return 2;
}
builder.Services.AddSingleton(keys);
builder.Services.AddDaoPlatformNode(builder.Configuration);
using IHost host = builder.Build();
await host.RunAsync().ConfigureAwait(false);
return 0;
