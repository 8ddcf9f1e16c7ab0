using System.Numerics;
using System.Text.Json;
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
/// Relays the signed files of the inbox (<see cref="RelayerOptions.Inbox"/>), checking each before paying gas.
/// A ballot goes by <c>castVoteBySig</c> (<see cref="GovernanceMoves.CastVoteBySig"/>): the file is for this governor and
/// chain, the EIP-712 digest (<see cref="GovernanceMoves.Ballot"/>) recovers to the voter, the nonce is the governor's
/// current nonce for the voter, the proposal is Active, the voter has not voted, and the move simulates. A delegation
/// goes by <c>delegateBySig</c> (<see cref="GovernanceMoves.DelegateBySig"/>): the file is for the governor's votes token
/// and this chain, the digest (<see cref="GovernanceMoves.Delegation"/>) recovers to the delegator, the nonce is the
/// token's current nonce for the delegator, the expiry is not past, and the move simulates. A refused file is logged
/// once with the reason and moved to <c>rejected/</c>; a relayed one to <c>relayed/</c>; a ballot for a Pending proposal waits. Past <see cref="RelayerOptions.DailyGasBudget"/> gas today (UTC) nothing is sent until midnight.
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
                    logger.LogWarning("Relaying stopped until UTC midnight: {Spent} gas spent today of the daily budget of {Budget}; {Waiting} file(s) wait in {Inbox}",
                        spent, options.Value.DailyGasBudget, files.Length, inbox);
                }
                return;
            }
            (string kind, string? refusal) = await RelayOneAsync(file, governor, eip712, cancellationToken).ConfigureAwait(false);
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
    private async Task<(string Kind, string? Refusal)> RelayOneAsync(string file, DaoGovernor governor, Eip712Domain domain, CancellationToken cancellationToken)
    {
        string json = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        string kind = "file";
        Checked check;
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            kind = SignedDelegationFile.IsDelegation(document.RootElement) ? "delegation" : "ballot";
            check = kind == "delegation"
                ? await CheckDelegationAsync(SignedDelegationFile.Parse(document.RootElement), governor, cancellationToken).ConfigureAwait(false)
                : await CheckBallotAsync(SignedBallot.Parse(json), governor, domain, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return (kind, time.GetUtcNow() - File.GetLastWriteTimeUtc(file) < s_writeGrace ? null : $"not a {(kind == "file" ? "ballot or delegation" : kind)} file: {e.Message}");
        }
        if (check.Move is not { } move)
        {
            return (kind, check.Refusal);
        }
        string function = move.Action[(move.Action.IndexOf('.', StringComparison.Ordinal) + 1)..];
        ChainSender sender = senders.For(NodeRoles.Relayer);
        if (await sender.SimulateAsync(move.To, move.Data, move.Value, move.Reverts, cancellationToken).ConfigureAwait(false) is { } revert)
        {
            return (kind, $"{function} would revert with {revert}");
        }
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

    /// <summary>The ballot's checks against the governor; the move to send when they pass.</summary>
    private async Task<Checked> CheckBallotAsync(SignedBallot ballot, DaoGovernor governor, Eip712Domain domain, CancellationToken cancellationToken)
    {
        if (ballot.Governor != governor.Address || ballot.ChainId != (ulong)node.Value.ChainId)
        {
            return Checked.Refused($"for governor {ballot.Governor} on chain {ballot.ChainId}, not {governor.Address} on chain {node.Value.ChainId}");
        }
        Address signer;
        try
        {
            SignatureRequest request = GovernanceMoves.Ballot(domain, ballot.ProposalId, ballot.Support, ballot.Voter, ballot.Nonce);
            signer = PublicKey.RecoverAddress(request.Digest, Signature.FromBytes(ballot.Signature));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return Checked.Refused($"the signature is malformed: {e.Message}");
        }
        if (signer != ballot.Voter)
        {
            return Checked.Refused($"the signature is by {signer}, not by the voter {ballot.Voter}");
        }
        BigInteger nonce = await governor.NoncesAsync(ballot.Voter, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (nonce != ballot.Nonce)
        {
            return Checked.Refused($"nonce {ballot.Nonce} is not the voter's current nonce {nonce} (replayed or superseded)");
        }
        byte state;
        try
        {
            state = await governor.StateAsync(ballot.ProposalId, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ContractRevertException e)
        {
            return Checked.Refused($"proposal {ballot.ProposalId}: {e.Message}");
        }
        if (state == Pending)
        {
            return Checked.Waits;
        }
        if (state != Active)
        {
            return Checked.Refused($"proposal {ballot.ProposalId} is not active (state {state})");
        }
        if (await governor.HasVotedAsync(ballot.ProposalId, ballot.Voter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return Checked.Refused($"{ballot.Voter} has already voted on proposal {ballot.ProposalId}");
        }
        return Checked.Send(GovernanceMoves.CastVoteBySig(governor.Address, ballot.ProposalId, ballot.Support, ballot.Voter, ballot.Signature));
    }

    /// <summary>The delegation's checks (<see cref="SignedDelegationCheck"/>) against the governor's votes token; the move to send when they pass.</summary>
    private async Task<Checked> CheckDelegationAsync(SignedDelegation delegation, DaoGovernor governor, CancellationToken cancellationToken)
    {
        Address token = await governor.TokenAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        DelegationCheck check = await SignedDelegationCheck.CheckAsync(delegation, token, (ulong)node.Value.ChainId, contracts.Connection, cancellationToken).ConfigureAwait(false);
        return check.Move is { } move ? Checked.Send(move) : Checked.Refused(check.Refusal!);
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

    /// <summary>A signed file's checks: the move to send, or why it is refused, or neither (it waits).</summary>
    private readonly record struct Checked(Move? Move, string? Refusal)
    {
        public static Checked Waits => default;

        public static Checked Send(Move move) => new(move, null);

        public static Checked Refused(string reason) => new(null, reason);
    }
}
