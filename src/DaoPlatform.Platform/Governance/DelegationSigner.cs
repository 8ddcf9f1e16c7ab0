using System.Numerics;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing.Eip712;
using DaoPlatform.Protocol.Moves;
using DaoPlatform.Protocol.Signed;

namespace DaoPlatform.Platform.Governance;

/// <summary>
/// A delegation by signature in two steps, as <see cref="BallotSigner"/> for ballots: <see cref="PrepareAsync"/> reads
/// the token's EIP-712 domain and the holder's nonce and returns the <see cref="SignatureRequest"/> (domain, domain
/// separator, struct hash, digest) to show; <see cref="Sign"/> signs exactly that request into a <see cref="SignedDelegation"/>.
/// Nothing is sent: the holder needs no ETH.
/// </summary>
public sealed class DelegationSigner(ChainConnection chain, PlatformContracts platform)
{
    /// <summary>
    /// The EIP-712 <c>Delegation</c> the connection's key would sign to give its votes to <paramref name="delegatee"/>
    /// until <paramref name="validFor"/> seconds after the latest block's time; with its nonce and expiry (UNIX seconds).
    /// </summary>
    /// <exception cref="PlatformException">No key.</exception>
    public async Task<(SignatureRequest Request, BigInteger Nonce, BigInteger Expiry)> PrepareAsync(Address delegatee, ulong validFor, CancellationToken cancellationToken = default)
    {
        var key = chain.RequireKey("sign a delegation");
        // Read without a sender: neither the nonce nor the domain depends on the caller.
        var token = new DaoToken(platform.Token.Address, new ContractConnection(chain.Eth));
        BigInteger nonce = await token.NoncesAsync(key.Address, cancellationToken: cancellationToken).ConfigureAwait(false);
        var domain = await token.Eip712DomainAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var eip712 = new Eip712Domain { Name = domain.Name, Version = domain.Version, ChainId = domain.ChainId, VerifyingContract = domain.VerifyingContract };
        BigInteger expiry = new BigInteger(await chain.LatestTimestampAsync(cancellationToken).ConfigureAwait(false)) + validFor;
        return (GovernanceMoves.Delegation(eip712, key.Address, delegatee, nonce, expiry), nonce, expiry);
    }

    /// <summary>Signs <paramref name="request"/> (from <see cref="PrepareAsync"/>) with the connection's key.</summary>
    public SignedDelegation Sign(SignatureRequest request, Address delegatee, BigInteger nonce, BigInteger expiry)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = chain.RequireKey("sign a delegation");
        return new SignedDelegation(platform.Token.Address, chain.ChainId, key.Address, delegatee, nonce, expiry, request.Sign(key).ToBytes());
    }
}
