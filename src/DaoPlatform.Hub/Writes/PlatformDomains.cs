using DaoPlatform.Contracts.Custody;
using DaoPlatform.Contracts.Governance;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Signing.Eip712;
using DaoPlatform.Platform.Deployment;

namespace DaoPlatform.Hub.Writes;

/// <summary>
/// The EIP-712 domains members sign under: the governor's as it reports it (ERC-5267 <c>eip712Domain()</c>, read once),
/// the vault's as docs/vault-signing.md fixes it (name "MultisigVault", version "1", the chain id and the vault).
/// </summary>
public sealed class PlatformDomains(EthRpcClient eth, DeploymentRecord deployment) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Eip712Domain? _governor;

    /// <summary>The governor's domain.</summary>
    /// <exception cref="RpcException">The node did not answer.</exception>
    public async Task<Eip712Domain> GovernorAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_governor is null)
            {
                var governor = new DaoGovernor(deployment.AddressOf(nameof(DaoGovernor)), new ContractConnection(eth));
                var domain = await governor.Eip712DomainAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                _governor = new Eip712Domain { Name = domain.Name, Version = domain.Version, ChainId = domain.ChainId, VerifyingContract = domain.VerifyingContract };
            }
            return _governor;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();

    /// <summary>The vault's domain.</summary>
    public Eip712Domain Vault => new()
    {
        Name = nameof(MultisigVault), Version = "1", ChainId = deployment.ChainId, VerifyingContract = deployment.AddressOf(nameof(MultisigVault)),
    };
}
