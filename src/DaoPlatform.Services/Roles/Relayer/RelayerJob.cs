using System.Text.Json.Nodes;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Sending;
using DaoPlatform.Protocol.Signed;
using DaoPlatform.Services.Jobs;
using DaoPlatform.Services.Sending;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Roles.Relayer;

/// <summary>
/// Relays the signed files of the inbox (<see cref="RelayerOptions.Inbox"/>), checking each before paying gas with the
/// checks <c>dao relay</c> makes too: a ballot (<see cref="SignedBallotCheck"/>) goes by <c>castVoteBySig</c>, a
/// delegation (<see cref="SignedDelegationCheck"/>, against the governor's votes token) by <c>delegateBySig</c>. A
/// refused file is logged once with the reason and moved to <c>rejected/</c>; a relayed one to <c>relayed/</c>; a ballot
/// for a Pending proposal waits. Past <see cref="RelayerOptions.DailyGasBudget"/> gas today (UTC) nothing is sent until
/// midnight.
/// </summary>
public sealed class RelayerJob(
    PlatformContracts contracts, IOptions<NodeOptions> node, IOptions<RelayerOptions> options, RelayerBudget budget,
    RoleSenders senders, JobRunner runner, TimeProvider time, ILogger<RelayerJob> logger)
{
    /// <summary>The job's key: one relay runs at a time.</summary>
    public const string Key = "relay";

    // A file younger than this may still be being written: one that does not parse yet waits.
    private static readonly TimeSpan s_writeGrace = TimeSpan.FromSeconds(2);

    /// <summary>Relays the inbox's ballots and delegations, oldest name first.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        runner.RunAsync(NodeRoles.Relayer, Key, logger, () => RelayAsync(cancellationToken));

    private async Task RelayAsync(CancellationToken cancellationToken)
    {
        string inbox = options.Value.Inbox!;
        string[] files = Directory.Exists(inbox) ? Directory.GetFiles(inbox, "*.json") : [];
        if (files.Length == 0)
        {
            return;
        }
        Array.Sort(files, StringComparer.Ordinal);
        Address governor = contracts.Governor.Address;
        Address token = await contracts.Governor.TokenAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (string file in files)
        {
            ulong spent = budget.SpentToday();
            if (spent >= options.Value.DailyGasBudget)
            {
                if (budget.FirstExhaustion())
                {
                    logger.LogWarning("Relaying stopped until UTC midnight: {Spent} gas spent today of the daily budget of {Budget}; {Waiting} file(s) wait in {Inbox}",
                        spent, options.Value.DailyGasBudget, files.Length, inbox);
                }
                return;
            }
            (string kind, string? refusal) = await RelayOneAsync(file, governor, token, cancellationToken).ConfigureAwait(false);
            if (refusal is not null)
            {
                logger.LogWarning("Rejected {Kind} {File}: {Reason}", kind, Path.GetFileName(file), refusal);
                await FileAwayAsync(file, "rejected", refusal, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Checks and relays one signed file; returns its kind (ballot, delegation, or file when it does not parse) and why it
    /// is refused, or null when it was relayed or waits.
    /// </summary>
    private async Task<(string Kind, string? Refusal)> RelayOneAsync(string file, Address governor, Address token, CancellationToken cancellationToken)
    {
        string text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        string kind = "file";
        RelayCheck check;
        try
        {
            JsonObject json = SignedFile.ParseObject(text);
            SignedFileKind signed = SignedFile.KindOf(json);
            ulong chainId = (ulong)node.Value.ChainId;
            if (signed == SignedFileKind.Delegation)
            {
                kind = "delegation";
                check = await SignedDelegationCheck.CheckAsync(SignedDelegation.Parse(json), token, chainId, contracts.Connection, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                kind = "ballot";
                check = await SignedBallotCheck.CheckAsync(SignedBallot.Parse(json), governor, chainId, contracts.Connection, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SignedFileException e)
        {
            return (kind, time.GetUtcNow() - File.GetLastWriteTimeUtc(file) < s_writeGrace ? null : $"not a {(kind == "file" ? "ballot or delegation" : kind)} file: {e.Message}");
        }
        if (check.Move is not { } move)
        {
            return (kind, check.Refusal);
        }
        string function = move.Action[(move.Action.IndexOf('.', StringComparison.Ordinal) + 1)..];
        ChainSender sender = senders.For(NodeRoles.Relayer);
        TransactionReceipt? receipt;
        try
        {
            receipt = await sender.SendAsync(move, cancellationToken).ConfigureAwait(false);
        }
        catch (TransactionRevertedException e)
        {
            return (kind, $"{function} was mined and reverted: {e.Message}");
        }
        if (receipt is null)
        {
            return (kind, $"{function} stopped simulating between the check and the send");
        }
        budget.Spend(receipt.GasUsed);
        logger.LogInformation("Relayed {File}: {Summary}, transaction {Transaction}, gas {Gas}",
            Path.GetFileName(file), move.Summary, receipt.TransactionHash, receipt.GasUsed);
        await FileAwayAsync(file, "relayed", null, cancellationToken).ConfigureAwait(false);
        return (kind, null);
    }

    private static async Task FileAwayAsync(string file, string folder, string? reason, CancellationToken cancellationToken)
    {
        string directory = Path.Combine(Path.GetDirectoryName(file)!, folder);
        Directory.CreateDirectory(directory);
        string target = Path.Combine(directory, Path.GetFileName(file));
        for (int i = 1; File.Exists(target); i++)
        {
            target = Path.Combine(directory, $"{Path.GetFileNameWithoutExtension(file)}.{i}.json");
        }
        if (reason is not null)
        {
            await File.WriteAllTextAsync(Path.ChangeExtension(target, ".reason"), reason + Environment.NewLine, cancellationToken).ConfigureAwait(false);
        }
        File.Move(file, target);
    }
}
