using DaoPlatform.Services;
using Microsoft.Extensions.Hosting;

HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
builder.Services.AddDaoPlatformNode(builder.Configuration);
using IHost host = builder.Build();
await host.RunAsync().ConfigureAwait(false);
