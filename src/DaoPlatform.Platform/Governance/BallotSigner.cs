using System.Numerics;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.Signing.Eip712;
using DaoPlatform.Protocol.Moves;
using DaoPlatform.Protocol.Signed;

namespace DaoPlatform.Platform.Governance;

/// <summary>
/// A ballot in two steps, so that a front end shows what is signed before it is signed: <see cref="PrepareAsync"/>
/// reads the governor's EIP-712 domain and the voter's nonce and returns the <see cref="SignatureRequest"/> (domain,
/// domain separator, struct hash, digest); <see cref="Sign"/> signs exactly that request into a <see cref="SignedBallot"/>.
/// </summary>
public sealed class BallotSigner(ChainConnection chain, PlatformContracts platform)
{
    /// <summary>The EIP-712 <c>Ballot</c> the connection's key would sign for <paramref name="proposalId"/>, and its nonce.</summary>
    /// <exception cref="PlatformException">No key, or the proposal does not exist (<see cref="PlatformErrorKind.NotFound"/>).</exception>
    public async Task<(SignatureRequest Request, BigInteger Nonce)> PrepareAsync(BigInteger proposalId, VoteSupport support, CancellationToken cancellationToken = default)
    {
        var key = chain.RequireKey("sign a ballot");
        try
        {
            await platform.Governor.StateAsync(proposalId, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ContractRevertException e) when (e.ErrorSignature?.StartsWith("GovernorNonexistentProposal", StringComparison.Ordinal) == true)
        {
            throw PlatformException.NotFound($"proposal {proposalId} does not exist on governor {platform.Governor.Address}");
        }
        BigInteger nonce = await platform.Governor.NoncesAsync(key.Address, cancellationToken: cancellationToken).ConfigureAwait(false);
        var domain = await platform.Governor.Eip712DomainAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var eip712 = new Eip712Domain { Name = domain.Name, Version = domain.Version, ChainId = domain.ChainId, VerifyingContract = domain.VerifyingContract };
        return (GovernanceMoves.Ballot(eip712, proposalId, (byte)support, key.Address, nonce), nonce);
    }

    /// <summary>Signs <paramref name="request"/> (from <see cref="PrepareAsync"/>) with the connection's key.</summary>
    public SignedBallot Sign(SignatureRequest request, BigInteger proposalId, VoteSupport support, BigInteger nonce)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = chain.RequireKey("sign a ballot");
        return new SignedBallot(platform.Governor.Address, chain.ChainId, proposalId, support, key.Address, nonce, request.Sign(key).ToBytes());
    }
}
