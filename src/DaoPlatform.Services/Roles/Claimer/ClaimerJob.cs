using System.Numerics;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Services.Jobs;
using DaoPlatform.Services.Sending;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Roles.Claimer;

/// <summary>
/// Withdraws each credit the task and verifier contracts hold for the node's accounts (<c>credits(token, account)</c>,
/// pull payments: a returned bond, a challenger's reward, a winner's reward and stake, a refund), and the availability
/// game's (<c>ModelAvailability.credits</c>: challenge bonds returned, resolutions paid). <c>withdraw</c> pays
/// the caller, so each account's withdrawal is signed by the role holding that account's key; an account several
/// roles share is claimed once.
/// </summary>
public sealed class ClaimerJob(
    PlatformContracts contracts, AvailabilityReader availability, NodeKeys keys, IOptions<NodeOptions> options, RoleSenders senders, JobRunner runner, ILogger<ClaimerJob> logger)
{
    /// <summary>Claims ETH and <paramref name="tokens"/> (0x addresses) for every account of the node.</summary>
    public Task RunAsync(string[] tokens, CancellationToken cancellationToken) =>
        runner.RunAsync(NodeRoles.Claimer, JobKeys.Claim(), logger, () => ClaimAsync(tokens, cancellationToken));

    private async Task ClaimAsync(string[] tokens, CancellationToken cancellationToken)
    {
        Address[] assets = [Address.Zero, .. tokens.Select(Address.Parse)];
        ModelAvailability game = await availability.ContractAsync(cancellationToken).ConfigureAwait(false);
        var accounts = Enum.GetValues<NodeRoles>()
            .Where(r => r != NodeRoles.None && options.Value.Roles.HasFlag(r) && keys.Has(r))
            .GroupBy(r => keys.For(r).Address)
            .Select(g => (Address: g.Key, Role: g.First()));
        foreach ((Address account, NodeRoles role) in accounts)
        {
            foreach (Address token in assets)
            {
                BigInteger owedByTasks = await contracts.Tasks.CreditsAsync(token, account, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (owedByTasks > 0)
                {
                    await WithdrawAsync(role, account, token, owedByTasks, "TrainingTasks", contracts.Tasks.Address,
                        TrainingTasks.EncodeWithdrawCall(token), contracts.TasksReverts, cancellationToken).ConfigureAwait(false);
                }
                BigInteger owedByVerifier = await contracts.Verifier.CreditsAsync(token, account, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (owedByVerifier > 0)
                {
                    await WithdrawAsync(role, account, token, owedByVerifier, "OptimisticVerifier", contracts.Verifier.Address,
                        OptimisticVerifier.EncodeWithdrawCall(token), contracts.VerifierReverts, cancellationToken).ConfigureAwait(false);
                }
                // The availability game credits in ETH only: challenge bonds returned, resolutions paid.
                BigInteger owedByGame = token == Address.Zero
                    ? await game.CreditsAsync(token, account, cancellationToken: cancellationToken).ConfigureAwait(false)
                    : BigInteger.Zero;
                if (owedByGame > 0)
                {
                    await WithdrawAsync(role, account, token, owedByGame, "ModelAvailability", game.Address,
                        ModelAvailability.EncodeWithdrawCall(token), contracts.TasksReverts, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task WithdrawAsync(
        NodeRoles role, Address account, Address token, BigInteger amount, string contract, Address to, byte[] call,
        Ethereum.Abi.RevertDecoder reverts, CancellationToken cancellationToken)
    {
        string asset = token == Address.Zero ? "wei" : $"units of token {token}";
        if (await senders.For(role)
                .SendAsync($"withdraw({amount} {asset} from {contract} for {account})", to, call, 0, reverts, cancellationToken)
                .ConfigureAwait(false) is { } receipt)
        {
            logger.LogInformation("Withdrew {Amount} {Asset} that {Contract} owed the {Role} account {Account}, transaction {Transaction}",
                amount, asset, contract, role.ToString().ToLowerInvariant(), account, receipt.TransactionHash);
        }
    }
}
