using DaoPlatform.Protocol.Moves;
using DaoPlatform.Protocol.Reads;
using DaoPlatform.Protocol.Rules;
using DaoPlatform.Protocol.Signed;
using System.Numerics;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing.Eip712;

namespace DaoPlatform.Platform.Governance;

/// <summary>A proposal's state, tallies (token base units) and times (seconds since the epoch; 0 when not set).</summary>
public sealed record ProposalStatus(
    BigInteger ProposalId, ProposalState State, BigInteger ForVotes, BigInteger AgainstVotes, BigInteger AbstainVotes,
    BigInteger Quorum, ulong VoteStart, ulong VoteEnd, ulong Eta);

/// <summary>
/// The DAO's governance actions on <see cref="DaoGovernor"/> and <see cref="DaoToken"/>: delegate, propose typed
/// actions, vote directly or by a signed EIP-712 ballot that someone else relays, queue, execute, and read a
/// proposal's status.
/// </summary>
public sealed class GovernanceService(ChainConnection chain, PlatformContracts platform)
{
    /// <summary>Delegates the sender's votes to <paramref name="delegatee"/> (itself to activate its own votes).</summary>
    public async Task<TransactionOutcome> DelegateAsync(Address delegatee, CancellationToken cancellationToken = default) =>
        await new MoveSender(chain).SendAsync(GovernanceMoves.Delegate(platform.Token.Address, delegatee), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Relays a signed delegation (<c>dao delegate --sign-to</c>) with <c>delegateBySig</c>: the sender pays the gas, the
    /// delegator's votes go to the delegatee. Checked first as the node's relayer checks it (<see cref="SignedDelegationCheck"/>).
    /// </summary>
    /// <exception cref="PlatformException">The check refuses it (bad input), naming why.</exception>
    public async Task<TransactionOutcome> RelayDelegationAsync(SignedDelegation delegation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delegation);
        RelayCheck check = await SignedDelegationCheck.CheckAsync(delegation, platform.Token.Address, chain.ChainId, ReadConnection, cancellationToken).ConfigureAwait(false);
        return await RelayAsync(check, "delegation", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Proposes <paramref name="actions"/> under <paramref name="description"/>; returns the file to queue and execute it with.</summary>
    /// <exception cref="PlatformException">No action.</exception>
    public async Task<(ProposalFile Proposal, TransactionOutcome Outcome)> ProposeAsync(
        IReadOnlyList<ProposalAction> actions, string description, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count == 0)
        {
            throw PlatformException.BadInput("a proposal needs at least one action");
        }
        var proposal = new ProposalFile(platform.Governor.Address, chain.ChainId, 0, description, actions);
        BigInteger id = await platform.Governor.HashProposalAsync(proposal.Targets, proposal.Values, proposal.Calldatas, proposal.DescriptionHash, cancellationToken: cancellationToken).ConfigureAwait(false);
        TransactionOutcome outcome = await new MoveSender(chain).SendAsync(
            GovernanceMoves.Propose(platform.Governor.Address, Calls(proposal), description), cancellationToken).ConfigureAwait(false);
        return (proposal with { ProposalId = id }, outcome);
    }

    /// <summary>
    /// Votes on <paramref name="proposalId"/> from the sender: <c>castVote</c>, or <c>castVoteWithReason</c> when
    /// <paramref name="reason"/> is given (the reason is kept in the VoteCast event).
    /// </summary>
    public async Task<TransactionOutcome> VoteAsync(BigInteger proposalId, VoteSupport support, string? reason = null, CancellationToken cancellationToken = default)
    {
        await RequireProposalAsync(proposalId, cancellationToken).ConfigureAwait(false);
        Move move = reason is null
            ? GovernanceMoves.CastVote(platform.Governor.Address, proposalId, (byte)support)
            : GovernanceMoves.CastVoteWithReason(platform.Governor.Address, proposalId, (byte)support, reason);
        return await new MoveSender(chain).SendAsync(move, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Signs a ballot for <paramref name="proposalId"/> with the connection's key, without sending anything.</summary>
    public async Task<SignedBallot> SignBallotAsync(BigInteger proposalId, VoteSupport support, CancellationToken cancellationToken = default)
    {
        var key = chain.RequireKey("sign a ballot");
        await RequireProposalAsync(proposalId, cancellationToken).ConfigureAwait(false);
        BigInteger nonce = await platform.Governor.NoncesAsync(key.Address, cancellationToken: cancellationToken).ConfigureAwait(false);
        var ballot = new DaoGovernor.Ballot(proposalId, (byte)support, key.Address, nonce);
        var signature = ballot.Sign(await DomainAsync(cancellationToken).ConfigureAwait(false), key);
        return new SignedBallot(platform.Governor.Address, chain.ChainId, proposalId, support, key.Address, nonce, signature.ToBytes());
    }

    /// <summary>
    /// Relays a signed ballot (<c>dao vote --sign-to</c>) with <c>castVoteBySig</c>: the sender pays the gas, the voter's
    /// votes count. Checked first as the node's relayer checks it (<see cref="SignedBallotCheck"/>).
    /// </summary>
    /// <exception cref="PlatformException">The check refuses it, or the proposal's vote has not started yet (bad input), naming why.</exception>
    public async Task<TransactionOutcome> RelayBallotAsync(SignedBallot ballot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        RelayCheck check = await SignedBallotCheck.CheckAsync(ballot, platform.Governor.Address, chain.ChainId, ReadConnection, cancellationToken).ConfigureAwait(false);
        if (check.Waits)
        {
            throw PlatformException.BadInput($"the ballot waits: the vote on proposal {ballot.ProposalId} has not started yet (relay it once it is Active)");
        }
        return await RelayAsync(check, "ballot", cancellationToken).ConfigureAwait(false);
    }

    // Read without a sender, as the signer does: the relayer's ETH is not what these checks are about.
    private ContractConnection ReadConnection => new(chain.Eth);

    private async Task<TransactionOutcome> RelayAsync(RelayCheck check, string what, CancellationToken cancellationToken)
    {
        if (check.Move is not { } move)
        {
            throw PlatformException.BadInput($"the {what} is refused: {check.Refusal}");
        }
        TransactionOutcome relayed = await new MoveSender(chain).SendAsync(move, cancellationToken).ConfigureAwait(false);
        return relayed with { Step = relayed.Step + " (relayed)" };
    }

    /// <summary>Queues a succeeded proposal in the timelock.</summary>
    public async Task<TransactionOutcome> QueueAsync(ProposalFile proposal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        CheckFor(proposal);
        return await new MoveSender(chain).SendAsync(GovernanceMoves.Queue(platform.Governor.Address, Calls(proposal), proposal.DescriptionHash), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Executes a queued proposal whose timelock delay has passed.</summary>
    public async Task<TransactionOutcome> ExecuteAsync(ProposalFile proposal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        CheckFor(proposal);
        return await new MoveSender(chain).SendAsync(GovernanceMoves.Execute(platform.Governor.Address, Calls(proposal), proposal.DescriptionHash), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a proposal's state, tallies, quorum and times.</summary>
    /// <exception cref="PlatformException">No such proposal (<see cref="PlatformErrorKind.NotFound"/>).</exception>
    public async Task<ProposalStatus> StatusAsync(BigInteger proposalId, CancellationToken cancellationToken = default)
    {
        var state = await RequireProposalAsync(proposalId, cancellationToken).ConfigureAwait(false);
        var governor = platform.Governor;
        var votes = await governor.ProposalVotesAsync(proposalId, cancellationToken: cancellationToken).ConfigureAwait(false);
        BigInteger snapshot = await governor.ProposalSnapshotAsync(proposalId, cancellationToken: cancellationToken).ConfigureAwait(false);
        BigInteger deadline = await governor.ProposalDeadlineAsync(proposalId, cancellationToken: cancellationToken).ConfigureAwait(false);
        BigInteger eta = await governor.ProposalEtaAsync(proposalId, cancellationToken: cancellationToken).ConfigureAwait(false);
        ulong now = await governor.ClockAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        BigInteger quorum = snapshot < now ? await governor.QuorumAsync(snapshot, cancellationToken: cancellationToken).ConfigureAwait(false) : BigInteger.Zero;
        return new ProposalStatus(proposalId, state, votes.ForVotes, votes.AgainstVotes, votes.AbstainVotes, quorum, (ulong)snapshot, (ulong)deadline, (ulong)eta);
    }

    private async Task<ProposalState> RequireProposalAsync(BigInteger proposalId, CancellationToken cancellationToken)
    {
        try
        {
            return (ProposalState)await platform.Governor.StateAsync(proposalId, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ContractRevertException e) when (e.ErrorSignature?.StartsWith("GovernorNonexistentProposal", StringComparison.Ordinal) == true)
        {
            throw PlatformException.NotFound($"proposal {proposalId} does not exist on governor {platform.Governor.Address}");
        }
    }

    private void CheckFor(ProposalFile proposal)
    {
        if (proposal.Governor != platform.Governor.Address || proposal.ChainId != chain.ChainId)
        {
            throw PlatformException.BadInput($"the proposal file is for governor {proposal.Governor} on chain {proposal.ChainId}, not {platform.Governor.Address} on chain {chain.ChainId}");
        }
    }

    private async Task<Eip712Domain> DomainAsync(CancellationToken cancellationToken)
    {
        var domain = await platform.Governor.Eip712DomainAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return new Eip712Domain { Name = domain.Name, Version = domain.Version, ChainId = domain.ChainId, VerifyingContract = domain.VerifyingContract };
    }

    private static ProposalCall[] Calls(ProposalFile proposal) =>
        [.. proposal.Targets.Select((target, i) => new ProposalCall(target, proposal.Values[i], proposal.Calldatas[i]))];
}
