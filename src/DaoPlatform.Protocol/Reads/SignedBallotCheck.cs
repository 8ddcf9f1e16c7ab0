using System.Numerics;
using DaoPlatform.Contracts.Governance;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Ethereum.Signing.Eip712;
using DaoPlatform.Protocol.Moves;
using DaoPlatform.Protocol.Rules;
using DaoPlatform.Protocol.Signed;

namespace DaoPlatform.Protocol.Reads;

/// <summary>
/// The checks every relayer (the node's relayer role, <c>daoplatform dao relay</c>) makes on a <see cref="SignedBallot"/>
/// before paying gas, in this order: the governor and chain are the expected ones; the EIP-712 digest
/// (<see cref="GovernanceMoves.Ballot"/>) recovers to the voter (the governor would count a ballot for whichever account
/// it recovers); the nonce is the governor's current one for the voter; the proposal is Active (Pending: the ballot
/// waits); the voter has not voted; and <c>castVoteBySig</c> simulates on the pending block.
/// </summary>
public static class SignedBallotCheck
{
    /// <summary>Checks <paramref name="ballot"/> against the governor at <paramref name="governor"/> on chain <paramref name="chainId"/>.</summary>
    /// <exception cref="RpcException">The node failed a read.</exception>
    public static async Task<RelayCheck> CheckAsync(
        SignedBallot ballot, Address governor, ulong chainId, ContractConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        ArgumentNullException.ThrowIfNull(connection);
        if (ballot.Governor != governor || ballot.ChainId != chainId)
        {
            return RelayCheck.Refused($"the ballot is for governor {ballot.Governor} on chain {ballot.ChainId}, not {governor} on chain {chainId}");
        }
        var contract = new DaoGovernor(governor, connection);
        var domain = await contract.Eip712DomainAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var eip712 = new Eip712Domain { Name = domain.Name, Version = domain.Version, ChainId = domain.ChainId, VerifyingContract = domain.VerifyingContract };
        Address signer;
        try
        {
            SignatureRequest request = GovernanceMoves.Ballot(eip712, ballot.ProposalId, (byte)ballot.Support, ballot.Voter, ballot.Nonce);
            signer = PublicKey.RecoverAddress(request.Digest, Signature.FromBytes(ballot.Signature));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return RelayCheck.Refused($"the ballot's signature is malformed: {e.Message}");
        }
        if (signer != ballot.Voter)
        {
            return RelayCheck.Refused($"the ballot's signature is by {signer}, not by the voter {ballot.Voter}");
        }
        BigInteger nonce = await contract.NoncesAsync(ballot.Voter, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (nonce != ballot.Nonce)
        {
            return RelayCheck.Refused($"nonce {ballot.Nonce} is not the voter's current nonce {nonce} (replayed or superseded)");
        }
        ProposalState state;
        try
        {
            state = (ProposalState)await contract.StateAsync(ballot.ProposalId, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ContractRevertException e)
        {
            return RelayCheck.Refused($"proposal {ballot.ProposalId}: {e.Message}");
        }
        if (state == ProposalState.Pending)
        {
            return RelayCheck.Wait();
        }
        if (state != ProposalState.Active)
        {
            return RelayCheck.Refused($"proposal {ballot.ProposalId} is {state}, not Active: its vote is over");
        }
        if (await contract.HasVotedAsync(ballot.ProposalId, ballot.Voter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return RelayCheck.Refused($"{ballot.Voter} has already voted on proposal {ballot.ProposalId}");
        }
        Move move = GovernanceMoves.CastVoteBySig(governor, ballot.ProposalId, (byte)ballot.Support, ballot.Voter, ballot.Signature);
        return await RelayCheck.SimulatedAsync(move, connection.Rpc, cancellationToken).ConfigureAwait(false);
    }
}
