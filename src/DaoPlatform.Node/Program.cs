using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Services;
using DaoPlatform.Services.Keys;
using DaoPlatform.Services.Roles.Submitter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

// The node: roles, addresses and endpoints from appsettings.json, environment variables (Node__Roles=...) or
// --Node:Roles=...; keys only from keystore files, with passwords from an environment variable or a file.
// A bad setting (exit 1), key (exit 2) or chain id (exit 5, as the CLI) stops it at start with one line on
// standard error, before the host logs anything.
HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
NodeRoles roles;
try
{
    roles = builder.Configuration.GetSection(NodeOptions.Section).GetValue<NodeRoles>(nameof(NodeOptions.Roles));
}
catch (InvalidOperationException)
{
    return await FailAsync(1, $"Node:Roles '{builder.Configuration[$"{NodeOptions.Section}:{nameof(NodeOptions.Roles)}"]}' "
        + $"is not a list of roles (known: {string.Join(", ", Enum.GetNames<NodeRoles>())})").ConfigureAwait(false);
}
NodeKeys keys;
try
{
    keys = await NodeKeyLoader.LoadAsync(builder.Configuration, roles).ConfigureAwait(false);
}
catch (Exception e) when (e is SigningKeyException or ArgumentException)
{
    return await FailAsync(2, $"cannot load the keys: {e.Message}").ConfigureAwait(false);
}
builder.Services.AddSingleton(keys);
builder.Services.AddDaoPlatformNode(builder.Configuration);
using IHost host = builder.Build();
NodeOptions options;
try
{
    // The checks the host would make at start (where a failure is logged with its stack trace), and the
    // bindings and files it would read only when a job first needs them.
    host.Services.GetService<IStartupValidator>()?.Validate();
    _ = host.Services.GetRequiredService<IOptions<EvaluationBackendOptions>>().Value;
    _ = host.Services.GetRequiredService<IOptions<SubmitterOptions>>().Value;
    options = host.Services.GetRequiredService<IOptions<NodeOptions>>().Value;
    if (roles.HasFlag(NodeRoles.Submitter))
    {
        // Read now, not when the first reveal is due.
        _ = host.Services.GetRequiredService<HiddenTestSets>().Count;
    }
}
catch (Exception e) when (SettingErrors(e) is { } errors)
{
    return await FailAsync(1, $"invalid configuration: {errors}").ConfigureAwait(false);
}
// A node that answers with another chain would have every transaction refused (EIP-155); one that does not
// answer yet is no error, the follower waits for it.
ulong? served = null;
using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
{
    try
    {
        served = await host.Services.GetRequiredService<EthRpcClient>().ChainIdAsync(timeout.Token).ConfigureAwait(false);
    }
    catch (Exception e) when (e is RpcException or OperationCanceledException)
    {
    }
}
if (served is { } chainId && chainId != (ulong)options.ChainId)
{
    return await FailAsync(5, $"the node at {options.RpcUrl} serves chain id {chainId}, but Node:ChainId is {options.ChainId}; refusing to start")
        .ConfigureAwait(false);
}
await host.RunAsync().ConfigureAwait(false);
return 0;

// What is wrong with the settings, from the exceptions options validation and configuration binding throw;
// null for any other exception.
static string? SettingErrors(Exception e) => e switch
{
    OptionsValidationException validation => string.Join("; ", validation.Failures),
    InvalidOperationException { InnerException: FormatException format } binding => $"{binding.Message} {format.Message}",
    InvalidDataException testSet => testSet.Message,
    AggregateException all when all.InnerExceptions.Select(SettingErrors).ToList() is var errors && errors.All(m => m is not null)
        => string.Join("; ", errors),
    _ => null,
};

static async Task<int> FailAsync(int exitCode, string message)
{
    await Console.Error.WriteLineAsync($"daoplatform-node: {message}").ConfigureAwait(false);
    return exitCode;
}
