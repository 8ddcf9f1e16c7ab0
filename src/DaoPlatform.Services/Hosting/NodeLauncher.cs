using System.Globalization;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Keystore;
using DaoPlatform.Evaluation.Backends;
using DaoPlatform.Services.Health;
using DaoPlatform.Services.Jobs;
using DaoPlatform.Services.Keys;
using DaoPlatform.Services.Roles.Submitter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DaoPlatform.Services.Hosting;

/// <summary>
/// Builds and runs the node one way, for the node executable and <c>daoplatform node run</c> alike: the caller
/// supplies the configuration (files, environment, command line, or the CLI's settings); this class sets the log
/// format, loads the roles' keys from their keystores (<see cref="NodeKeyLoader"/>, one password rule), registers
/// the node, makes the start-up checks (every setting and file, the chain id the RPC node serves), binds the ports,
/// logs what runs, and waits for the stop. Every failure is a <see cref="NodeStartException"/> carrying one line
/// and the exit code (<see cref="NodeExitCodes"/>).
/// </summary>
public static class NodeLauncher
{
    /// <summary>
    /// Runs the node configured by <paramref name="builder"/>'s configuration until <paramref name="cancellationToken"/>
    /// is cancelled or the host is asked to stop (SIGTERM, Ctrl+C). <paramref name="variables"/> looks up the keystore
    /// password variables (<c>Keys:&lt;Role&gt;:PasswordEnvironmentVariable</c>); the process's environment when null.
    /// </summary>
    /// <exception cref="NodeStartException">A check failed at start, or a service failed while running.</exception>
    public static async Task RunAsync(HostApplicationBuilder builder, Func<string, string?>? variables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ConfigureLogging(builder.Logging);
        NodeRoles roles = Roles(builder.Configuration);
        NodeKeys keys;
        // Handed on to the hub's content service, whose keys are often the roles' own keystore.
        var opened = new OpenedKeystores();
        try
        {
            keys = await NodeKeyLoader.LoadAsync(builder.Configuration, roles, variables, opened, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SigningKeyException or ArgumentException)
        {
            throw new NodeStartException(NodeExitCodes.BadKey, $"cannot load the keys: {e.Message}", e);
        }
        builder.Services.AddSingleton(keys);
        builder.Services.AddSingleton(opened);
        builder.Services.AddDaoPlatformNode(builder.Configuration);
        using IHost host = builder.Build();
        NodeOptions options = Validate(host, roles);
        await CheckChainAsync(host.Services.GetRequiredService<EthRpcClient>(), options, cancellationToken).ConfigureAwait(false);
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await StopQuietlyAsync(host).ConfigureAwait(false);
            return;
        }
        catch (Exception e)
        {
            await StopQuietlyAsync(host).ConfigureAwait(false);
            throw e switch
            {
                NodeStartException => e,
                IOException => new NodeStartException(NodeExitCodes.PortUnavailable, $"cannot listen: {e.Message} (Node:HealthUrl, Jobs:Dashboard:Port)", e),
                _ => new NodeStartException(NodeExitCodes.Crashed, $"cannot start: {e.Message}", e),
            };
        }
        LogStarted(host, options, keys);
        await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        Logger(host).LogInformation("Node stopped");
        foreach (BackgroundService service in host.Services.GetServices<IHostedService>().OfType<BackgroundService>())
        {
            if (service.ExecuteTask is { IsFaulted: true } failed)
            {
                Exception error = failed.Exception!.InnerException ?? failed.Exception;
                throw new NodeStartException(NodeExitCodes.Crashed, $"the {service.GetType().Name} failed: {error.Message}", error);
            }
        }
    }

    /// <summary>The log format of the node: one line per event with a UTC timestamp (<see cref="NodeLogFormatter"/>), Hangfire's and ASP.NET Core's chatter left out.</summary>
    public static void ConfigureLogging(ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.ClearProviders();
        logging.AddConsole(o => o.FormatterName = NodeLogFormatter.FormatterName);
        logging.Services.AddSingleton<ConsoleFormatter>(_ => new NodeLogFormatter(TimeProvider.System));
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Hangfire", LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
    }

    private static NodeRoles Roles(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(NodeOptions.Section).GetValue<NodeRoles>(nameof(NodeOptions.Roles));
        }
        catch (InvalidOperationException)
        {
            throw new NodeStartException(NodeExitCodes.BadSetting, $"Node:Roles '{configuration[$"{NodeOptions.Section}:{nameof(NodeOptions.Roles)}"]}' "
                + $"is not a list of roles (known: {string.Join(", ", Enum.GetNames<NodeRoles>())})");
        }
    }

    /// <summary>The checks the host would make at start (where a failure is logged with its stack trace), and the bindings and files it would read only when a job first needs them.</summary>
    private static NodeOptions Validate(IHost host, NodeRoles roles)
    {
        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();
            _ = host.Services.GetRequiredService<IOptions<EvaluationBackendOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<SubmitterOptions>>().Value;
            if (roles.HasFlag(NodeRoles.Submitter))
            {
                _ = host.Services.GetRequiredService<HiddenTestSets>().Count;
            }
            return host.Services.GetRequiredService<IOptions<NodeOptions>>().Value;
        }
        catch (Exception e) when (SettingErrors(e) is { } errors)
        {
            throw new NodeStartException(NodeExitCodes.BadSetting, $"invalid configuration: {errors}", e);
        }
    }

    /// <summary>
    /// A node that answers with another chain would have every transaction refused (EIP-155); a start block ahead of
    /// the chain's head is a setting that names no deployment on this chain (the follower would find no task). One
    /// that does not answer yet is no error: the follower waits for it, and the health report says so.
    /// </summary>
    private static async Task CheckChainAsync(EthRpcClient eth, NodeOptions options, CancellationToken cancellationToken)
    {
        ulong? served = null;
        ulong? head = null;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                served = await eth.ChainIdAsync(timeout.Token).ConfigureAwait(false);
                head = await eth.BlockNumberAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RpcException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
            }
        }
        if (served is { } chainId && chainId != (ulong)options.ChainId)
        {
            throw new NodeStartException(NodeExitCodes.WrongChain,
                $"the node at {options.RpcUrl} serves chain id {chainId}, but Node:ChainId is {options.ChainId}; refusing to start");
        }
        if (head is { } latest && options.StartBlock > latest)
        {
            throw new NodeStartException(NodeExitCodes.BadSetting,
                $"Node:StartBlock {options.StartBlock} is ahead of the chain's head, block {latest} at {options.RpcUrl}: set it to the platform's deployment block; refusing to start");
        }
    }

    private static void LogStarted(IHost host, NodeOptions options, NodeKeys keys)
    {
        JobStorageOptions storage = host.Services.GetRequiredService<IOptions<JobStorageOptions>>().Value;
        JobsOptions jobs = host.Services.GetRequiredService<IOptions<JobsOptions>>().Value;
        string accounts = string.Join(", ", Enum.GetValues<NodeRoles>().Where(r => r != NodeRoles.None && options.Roles.HasFlag(r) && keys.Has(r))
            .Select(r => $"{r.ToString().ToLowerInvariant()} {keys.For(r).Address}"));
        Logger(host).LogInformation(
            "Node started: roles {Roles} ({Accounts}); chain {ChainId} at {RpcUrl} from block {StartBlock}, confirmation depth {Depth}; "
            + "job storage {Storage}; {Workers} workers; health {Health}; hub {Hub}",
            options.Roles, accounts.Length > 0 ? accounts : "no keys", options.ChainId, options.RpcUrl, options.StartBlock, options.ConfirmationDepth,
            DescribeStorage(storage), jobs.WorkerCount, options.HealthUrl?.ToString() ?? "off",
            host.Services.GetServices<IHostedService>().OfType<HubEndpoint>().FirstOrDefault()?.Urls ?? "off");
    }

    private static ILogger Logger(IHost host) => host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DaoPlatform.Services.Node");

    /// <summary>The storage's kind and where it is, without credentials.</summary>
    private static string DescribeStorage(JobStorageOptions storage)
    {
        if (storage.Kind != JobStorageKind.PostgreSql)
        {
            return $"{storage.Kind} (this process only)";
        }
        var connection = new NpgsqlConnectionStringBuilder(storage.ConnectionString);
        return string.Create(CultureInfo.InvariantCulture,
            $"PostgreSql ({connection.Host}:{connection.Port}/{connection.Database}, schema {storage.SchemaName}, invisibility timeout {storage.InvisibilityTimeout})");
    }

    private static async Task StopQuietlyAsync(IHost host)
    {
        using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await host.StopAsync(quick.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or AggregateException or IOException or InvalidOperationException)
        {
            // Stopping what did start after a failed start: the failure that matters is already being reported.
        }
    }

    /// <summary>What is wrong with the settings, from the exceptions options validation and configuration binding throw; null for any other exception.</summary>
    private static string? SettingErrors(Exception e) => e switch
    {
        OptionsValidationException validation => string.Join("; ", validation.Failures),
        InvalidOperationException { InnerException: FormatException format } binding => $"{binding.Message} {format.Message}",
        InvalidDataException testSet => testSet.Message,
        AggregateException all when all.InnerExceptions.Select(SettingErrors).ToList() is var errors && errors.All(m => m is not null)
            => string.Join("; ", errors),
        _ => null,
    };
}
