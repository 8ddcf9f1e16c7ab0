using System.Numerics;
using DaoPlatform.Contracts.Governance;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Sending;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Ethereum.Signing.Eip712;
using DaoPlatform.Services.Jobs;
using DaoPlatform.Services.Sending;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Roles.Relayer;

/// <summary>
/// Relays the signed ballots of the inbox (<see cref="RelayerOptions.Inbox"/>) with <c>castVoteBySig</c>
/// (<see cref="GovernanceMoves.CastVoteBySig"/>), checking each before paying gas: the file is for this governor and
/// chain, the EIP-712 digest (<see cref="GovernanceMoves.Ballot"/>) recovers to the voter, the nonce is the governor's
/// current nonce for the voter, the proposal is Active, the voter has not voted, and the move simulates. A refused
/// ballot is logged once with the reason and moved to <c>rejected/</c>; a relayed one to <c>relayed/</c>; a ballot for
/// a Pending proposal waits. Past <see cref="RelayerOptions.DailyGasBudget"/> gas today (UTC) nothing is sent until midnight.
/// </summary>
public sealed class RelayerJob(
    PlatformContracts contracts, IOptions<NodeOptions> node, IOptions<RelayerOptions> options, RelayerBudget budget,
    RoleSenders senders, JobRunner runner, TimeProvider time, ILogger<RelayerJob> logger)
{
    /// <summary>The job's key: one relay runs at a time.</summary>
    public const string Key = "relay";

    private const byte Pending = 0;
    private const byte Active = 1;

    // A file younger than this may still be being written: one that does not parse yet waits.
    private static readonly TimeSpan s_writeGrace = TimeSpan.FromSeconds(2);

    /// <summary>Relays the inbox's ballots, oldest name first.</summary>
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
        DaoGovernor governor = contracts.Governor;
        var domain = await governor.Eip712DomainAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var eip712 = new Eip712Domain { Name = domain.Name, Version = domain.Version, ChainId = domain.ChainId, VerifyingContract = domain.VerifyingContract };
        foreach (string file in files)
        {
            ulong spent = budget.SpentToday();
            if (spent >= options.Value.DailyGasBudget)
            {
                if (budget.FirstExhaustion())
                {
                    logger.LogWarning("Relaying stopped until UTC midnight: {Spent} gas spent today of the daily budget of {Budget}; {Waiting} ballot(s) wait in {Inbox}",
                        spent, options.Value.DailyGasBudget, files.Length, inbox);
                }
                return;
            }
            string? refusal = await RelayOneAsync(file, governor, eip712, cancellationToken).ConfigureAwait(false);
            if (refusal is not null)
            {
                logger.LogWarning("Rejected ballot {File}: {Reason}", Path.GetFileName(file), refusal);
                await FileAwayAsync(file, "rejected", refusal, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Checks and relays one ballot; returns why it is refused, or null when it was relayed or waits.</summary>
    private async Task<string?> RelayOneAsync(string file, DaoGovernor governor, Eip712Domain domain, CancellationToken cancellationToken)
    {
        SignedBallot ballot;
        try
        {
            ballot = SignedBallot.Parse(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            return time.GetUtcNow() - File.GetLastWriteTimeUtc(file) < s_writeGrace ? null : $"not a ballot file: {e.Message}";
        }
        if (ballot.Governor != governor.Address || ballot.ChainId != (ulong)node.Value.ChainId)
        {
            return $"for governor {ballot.Governor} on chain {ballot.ChainId}, not {governor.Address} on chain {node.Value.ChainId}";
        }
        Address signer;
        try
        {
            SignatureRequest request = GovernanceMoves.Ballot(domain, ballot.ProposalId, ballot.Support, ballot.Voter, ballot.Nonce);
            signer = PublicKey.RecoverAddress(request.Digest, Signature.FromBytes(ballot.Signature));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return $"the signature is malformed: {e.Message}";
        }
        if (signer != ballot.Voter)
        {
            return $"the signature is by {signer}, not by the voter {ballot.Voter}";
        }
        BigInteger nonce = await governor.NoncesAsync(ballot.Voter, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (nonce != ballot.Nonce)
        {
            return $"nonce {ballot.Nonce} is not the voter's current nonce {nonce} (replayed or superseded)";
        }
        byte state;
        try
        {
            state = await governor.StateAsync(ballot.ProposalId, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ContractRevertException e)
        {
            return $"proposal {ballot.ProposalId}: {e.Message}";
        }
        if (state == Pending)
        {
            return null;
        }
        if (state != Active)
        {
            return $"proposal {ballot.ProposalId} is not active (state {state})";
        }
        if (await governor.HasVotedAsync(ballot.ProposalId, ballot.Voter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return $"{ballot.Voter} has already voted on proposal {ballot.ProposalId}";
        }
        Move move = GovernanceMoves.CastVoteBySig(governor.Address, ballot.ProposalId, ballot.Support, ballot.Voter, ballot.Signature);
        ChainSender sender = senders.For(NodeRoles.Relayer);
        if (await sender.SimulateAsync(move.To, move.Data, move.Value, move.Reverts, cancellationToken).ConfigureAwait(false) is { } revert)
        {
            return $"castVoteBySig would revert with {revert}";
        }
        TransactionReceipt? receipt;
        try
        {
            receipt = await sender.SendAsync(move, cancellationToken).ConfigureAwait(false);
        }
        catch (TransactionRevertedException e)
        {
            return $"castVoteBySig was mined and reverted: {e.Message}";
        }
        if (receipt is null)
        {
            return "castVoteBySig stopped simulating between the check and the send";
        }
        budget.Spend(receipt.GasUsed);
        logger.LogInformation("Relayed ballot {File}: {Summary}, transaction {Transaction}, gas {Gas}",
            Path.GetFileName(file), move.Summary, receipt.TransactionHash, receipt.GasUsed);
        await FileAwayAsync(file, "relayed", null, cancellationToken).ConfigureAwait(false);
        return null;
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
