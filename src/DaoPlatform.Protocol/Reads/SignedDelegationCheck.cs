using System.Numerics;
using DaoPlatform.Contracts.Governance;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;
using DaoPlatform.Ethereum.Signing.Eip712;
using DaoPlatform.Protocol.Moves;
using DaoPlatform.Protocol.Signed;

namespace DaoPlatform.Protocol.Reads;

/// <summary>
/// The checks every relayer (the node's relayer role, <c>daoplatform dao relay</c>) makes on a <see cref="SignedDelegation"/>
/// before paying gas: the token and chain are the expected ones; the signature recovers to the delegator (the token
/// itself accepts any signature and delegates for whichever account it recovers); the nonce is the delegator's current
/// one; the expiry has not passed at the latest block; and <c>delegateBySig</c> simulates on the pending block.
/// </summary>
public static class SignedDelegationCheck
{
    /// <summary>Checks <paramref name="delegation"/> against the votes token at <paramref name="token"/> on chain <paramref name="chainId"/>.</summary>
    /// <exception cref="RpcException">The node failed a read.</exception>
    public static async Task<RelayCheck> CheckAsync(
        SignedDelegation delegation, Address token, ulong chainId, ContractConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delegation);
        ArgumentNullException.ThrowIfNull(connection);
        if (delegation.Token != token || delegation.ChainId != chainId)
        {
            return RelayCheck.Refused($"for token {delegation.Token} on chain {delegation.ChainId}, not the votes token {token} on chain {chainId}");
        }
        var votes = new DaoToken(token, connection);
        var domain = await votes.Eip712DomainAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var eip712 = new Eip712Domain { Name = domain.Name, Version = domain.Version, ChainId = domain.ChainId, VerifyingContract = domain.VerifyingContract };
        Address signer;
        Move move;
        try
        {
            SignatureRequest request = GovernanceMoves.Delegation(eip712, delegation.Delegator, delegation.Delegatee, delegation.Nonce, delegation.Expiry);
            signer = PublicKey.RecoverAddress(request.Digest, Signature.FromBytes(delegation.Signature));
            move = GovernanceMoves.DelegateBySig(token, delegation.Delegator, delegation.Delegatee, delegation.Nonce, delegation.Expiry, delegation.Signature);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return RelayCheck.Refused($"the signature is malformed: {e.Message}");
        }
        if (signer != delegation.Delegator)
        {
            return RelayCheck.Refused($"the signature is by {signer}, not by the delegator {delegation.Delegator}");
        }
        BigInteger nonce = await votes.NoncesAsync(delegation.Delegator, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (nonce != delegation.Nonce)
        {
            return RelayCheck.Refused($"nonce {delegation.Nonce} is not the delegator's current nonce {nonce} (replayed or superseded)");
        }
        BlockHeader latest = await connection.Rpc.GetBlockByNumberAsync(BlockTag.Latest, cancellationToken).ConfigureAwait(false)
            ?? throw new RpcProtocolException("the node returned no latest block");
        return delegation.Expiry < latest.Timestamp
            ? RelayCheck.Refused($"expired at {UnitFormat.Timestamp(delegation.Expiry)}, before the latest block's time {UnitFormat.Timestamp(latest.Timestamp)}")
            : await RelayCheck.SimulatedAsync(move, connection.Rpc, cancellationToken).ConfigureAwait(false);
    }
}
