using DaoPlatform.Services.Hosting;
using Microsoft.Extensions.Hosting;

// The node: roles, addresses and endpoints from appsettings.json, environment variables (Node__Roles=...) or
// --Node:Roles=...; keys only from keystore files, with passwords from an environment variable or a file.
// NodeLauncher makes the start-up checks and runs it, as `daoplatform node run` does; a failure is one line on
// standard error and an exit code (NodeExitCodes, docs/node.md).
try
{
    await NodeLauncher.RunAsync(Host.CreateApplicationBuilder(args), variables: null, CancellationToken.None).ConfigureAwait(false);
    return NodeExitCodes.Ok;
}
catch (NodeStartException e)
{
    await Console.Error.WriteLineAsync($"daoplatform-node: {e.Message}").ConfigureAwait(false);
    return e.ExitCode;
}
