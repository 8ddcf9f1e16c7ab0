using System.Globalization;
using System.Text.Json.Nodes;
using DaoPlatform.Cli.Infrastructure;

namespace DaoPlatform.Demo;

/// <summary>One step's gas, by the contract call that used it.</summary>
public sealed record GasEntry(string Step, ulong GasUsed);

/// <summary>
/// Runs <c>daoplatform</c> commands in-process, exactly as a user would type them (with <c>--json</c>, so the demo
/// can read results back), in one data directory, devnet and deployment. Prints each command line and collects
/// the gas of every transaction the commands report.
/// </summary>
public sealed class CliRunner(IReadOnlyDictionary<string, string?> variables, string workingDirectory, TextWriter log)
{
    /// <summary>The gas of every transaction, in order.</summary>
    public List<GasEntry> Gas { get; } = [];

    /// <summary>Runs <c>daoplatform --json [--account account] args</c>; returns the JSON object it printed.</summary>
    /// <exception cref="InvalidOperationException">The command failed: the message is its one-line error.</exception>
    public async Task<JsonObject> RunAsync(string? account, IEnumerable<string> args, string? input = null, CancellationToken cancellationToken = default)
    {
        // A script confirms with --yes what a person would be asked on a terminal; what it signs is still printed below.
        List<string> argv = ["--json", .. account is null ? [] : new[] { "--account", account, "--yes" }, .. args];
        log.WriteLine($"  $ daoplatform {string.Join(' ', argv.Skip(1).Select(Quote))}");
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var environment = new CliEnvironment(output, error, new StringReader(input ?? ""), variables, workingDirectory);
        int code = await CliApp.RunAsync([.. argv], environment, cancellationToken).ConfigureAwait(false);
        if (code != ExitCodes.Ok)
        {
            throw new InvalidOperationException($"daoplatform {string.Join(' ', argv.Skip(1))} failed ({code}): {error.ToString().Trim()}");
        }
        foreach (string line in error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (JsonNode.Parse(line)?["signing"] is JsonObject signing)
            {
                log.WriteLine("    signs: " + Signed(signing));
            }
        }
        JsonObject result = JsonNode.Parse(output.ToString())?.AsObject() ?? [];
        if (result["transactions"] is JsonArray transactions)
        {
            foreach (JsonNode? t in transactions)
            {
                Gas.Add(new GasEntry(t!["step"]!.GetValue<string>(), t["gasUsed"]!.GetValue<ulong>()));
            }
        }
        return result;
    }

    /// <summary>Runs a command with no account.</summary>
    public Task<JsonObject> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>Runs a command signed by <paramref name="account"/>.</summary>
    public Task<JsonObject> As(string account, params string[] args) => RunAsync(account, args);

    /// <summary>Adds the gas of a transaction another actor sent (the node's services) under <paramref name="step"/>.</summary>
    public async Task AddGasOfAsync(string step, string transactionHash, CancellationToken cancellationToken = default)
    {
        using var eth = new Ethereum.JsonRpc.JsonRpcClient(new Uri(variables["DAOPLATFORM_RPC_URL"]!));
        var receipt = await new Ethereum.JsonRpc.EthRpcClient(eth).GetTransactionReceiptAsync(transactionHash, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"no receipt for {transactionHash}");
        Gas.Add(new GasEntry(step, receipt.GasUsed));
    }

    /// <summary>
    /// The ETH the OptimisticVerifier paid <paramref name="account"/> (its <c>Withdrawn</c> events since the deployment),
    /// one entry per withdrawal: what the node's claimer withdrew for it.
    /// </summary>
    public async Task<IReadOnlyList<(System.Numerics.BigInteger Amount, string Transaction)>> VerifierWithdrawalsAsync(
        string account, CancellationToken cancellationToken = default)
    {
        var record = await Platform.Deployment.DeploymentRecord.LoadAsync(variables["DAOPLATFORM_DEPLOYMENT"]!, cancellationToken).ConfigureAwait(false);
        using var rpc = new Ethereum.JsonRpc.JsonRpcClient(new Uri(variables["DAOPLATFORM_RPC_URL"]!));
        var verifier = new Contracts.Verifier.OptimisticVerifier(
            record.ToAddresses().OptimisticVerifier, new Ethereum.Contracts.ContractConnection(new Ethereum.JsonRpc.EthRpcClient(rpc)));
        var withdrawn = await verifier.QueryWithdrawnEventsAsync(
            record.DeploymentBlock, token: Ethereum.Primitives.Address.Zero, account: Ethereum.Primitives.Address.Parse(account), cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. withdrawn.Select(w => (w.Event.Amount, w.Log.TransactionHash))];
    }

    /// <summary>A CLI environment for a long-running command (the node), writing to <paramref name="output"/>.</summary>
    public CliEnvironment EnvironmentFor(TextWriter output) => new(output, output, TextReader.Null, variables, workingDirectory);

    private static string Quote(string arg) => arg.Contains(' ', StringComparison.Ordinal) ? $"\"{arg}\"" : arg;

    /// <summary>One line of what a command signed: a transaction's recipient, value, function and cost, or an EIP-712 digest.</summary>
    private static string Signed(JsonObject signing) =>
        signing["digest"] is { } digest
            ? $"EIP-712 {signing["primaryType"]}: {signing["authorizes"]} (digest {digest})"
            : $"to {signing["to"]}, value {signing["value"]} wei, {(signing["call"] is { } call ? call["function"]?.ToString() ?? "unknown function" : "plain transfer")}, max cost {signing["maxCost"]} wei (L1 fee {signing["l1DataFee"]} wei)";
}
