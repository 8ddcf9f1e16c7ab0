using System.Globalization;
using System.Numerics;
using System.Text;
using DaoPlatform.Ethereum.Hashing;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Platform.Deployment;

/// <summary>
/// Deploys the whole platform through the bindings' typed <c>DeployAsync</c> and wires it as
/// <c>scripts/lib/platform.mjs</c> does: the governor is the timelock's only proposer and canceller, anyone may
/// execute, the splitter's controller and the verifier's owner and treasury are the timelock, and the deployer
/// renounces its temporary admin role last. The wiring is read back from the chain before the record is returned.
/// </summary>
public sealed class PlatformDeployer(ChainConnection chain)
{
    /// <summary>Deploys with <paramref name="parameters"/> and returns the record to write to <c>deployments/&lt;network&gt;.json</c>.</summary>
    /// <param name="network">The network's name (<c>devnet</c>, <c>op-sepolia</c>, ...).</param>
    /// <param name="publicNetwork">True outside the devnet: the public-network rule of <see cref="DeploymentParameters.ResolveFor"/> applies.</param>
    /// <param name="parameters">The parameters.</param>
    /// <param name="progress">Told each contract as it is deployed.</param>
    /// <param name="cancellationToken">Cancels the waits.</param>
    public async Task<DeploymentRecord> DeployAsync(
        string network, bool publicNetwork, DeploymentParameters parameters, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Address deployer = chain.RequireAccount("deploy");
        DeploymentParameters p = parameters.ResolveFor(deployer, publicNetwork);
        var connection = chain.Contracts;
        var contracts = new Dictionary<string, DeployedContract>();

        async Task<T> Deployed<T>(string name, string abiJson, Task<T> deployment, Func<T, Address> address)
        {
            T contract = await deployment.ConfigureAwait(false);
            ulong block = await chain.Eth.BlockNumberAsync(cancellationToken).ConfigureAwait(false);
            contracts[name] = new DeployedContract(address(contract), block, HexConvert.Encode(Keccak256.Hash(Encoding.UTF8.GetBytes(abiJson))));
            progress?.Report($"{name,-20} {address(contract)} (block {block})");
            return contract;
        }

        DaoToken token = await Deployed(nameof(DaoToken), DaoToken.AbiJson,
            DaoToken.DeployAsync(connection, p.TokenName, p.TokenSymbol, p.TokenRecipient!.Value, p.TokenSupply, cancellationToken: cancellationToken), c => c.Address).ConfigureAwait(false);
        // The governor's address is not known yet: the deployer is a temporary admin that wires roles, then leaves.
        DaoTimelock timelock = await Deployed(nameof(DaoTimelock), DaoTimelock.AbiJson,
            DaoTimelock.DeployAsync(connection, p.TimelockDelay, [], [], deployer, cancellationToken: cancellationToken), c => c.Address).ConfigureAwait(false);
        DaoGovernor governor = await Deployed(nameof(DaoGovernor), DaoGovernor.AbiJson,
            DaoGovernor.DeployAsync(connection, token.Address, timelock.Address, p.VotingDelay, p.VotingPeriod, p.ProposalThreshold, p.QuorumPercent, cancellationToken: cancellationToken),
            c => c.Address).ConfigureAwait(false);
        await timelock.GrantRoleAsync(await timelock.ProposerRoleAsync(cancellationToken: cancellationToken).ConfigureAwait(false), governor.Address, cancellationToken).ConfigureAwait(false);
        await timelock.GrantRoleAsync(await timelock.CancellerRoleAsync(cancellationToken: cancellationToken).ConfigureAwait(false), governor.Address, cancellationToken).ConfigureAwait(false);
        await timelock.GrantRoleAsync(await timelock.ExecutorRoleAsync(cancellationToken: cancellationToken).ConfigureAwait(false), Address.Zero, cancellationToken).ConfigureAwait(false);

        await Deployed(nameof(MultisigVault), MultisigVault.AbiJson,
            MultisigVault.DeployAsync(connection, p.VaultOwners!, p.VaultThreshold, cancellationToken: cancellationToken), c => c.Address).ConfigureAwait(false);
        await Deployed(nameof(StreamVault), StreamVault.AbiJson, StreamVault.DeployAsync(connection, cancellationToken: cancellationToken), c => c.Address).ConfigureAwait(false);
        RevenueSplitter splitter = await Deployed(nameof(RevenueSplitter), RevenueSplitter.AbiJson,
            RevenueSplitter.DeployAsync(connection, p.RevenueToken ?? token.Address, p.RevenueReleaseDuration, timelock.Address, cancellationToken: cancellationToken), c => c.Address).ConfigureAwait(false);
        // TrainingTasks names its verifier and its asset registry at construction: the deployer's next two contracts.
        ulong nonce = await chain.Eth.GetTransactionCountAsync(deployer, BlockTag.Pending, cancellationToken).ConfigureAwait(false);
        Address verifierAddress = ContractAddress.OfCreate(deployer, nonce + 1);
        Address registryAddress = ContractAddress.OfCreate(deployer, nonce + 2);
        TrainingTasks tasks = await Deployed(nameof(TrainingTasks), TrainingTasks.AbiJson,
            TrainingTasks.DeployAsync(connection, verifierAddress, registryAddress, cancellationToken: cancellationToken), c => c.Address).ConfigureAwait(false);
        OptimisticVerifier verifier = await Deployed(nameof(OptimisticVerifier), OptimisticVerifier.AbiJson,
            OptimisticVerifier.DeployAsync(connection, tasks.Address, timelock.Address, p.ChallengeWindow, p.MinEvaluatorBond, p.ChallengerShareBps, timelock.Address, cancellationToken: cancellationToken),
            c => c.Address).ConfigureAwait(false);
        // The registry lets only a model's proven author (its trainer, per TrainingTasks.authorOf) register it.
        AssetRegistry registry = await Deployed(nameof(AssetRegistry), AssetRegistry.AbiJson, AssetRegistry.DeployAsync(connection, tasks.Address, cancellationToken: cancellationToken), c => c.Address).ConfigureAwait(false);
        // Access passes to the registry's assets; no metadata URI (clients read the terms on chain).
        await Deployed(nameof(AccessPasses), AccessPasses.AbiJson, AccessPasses.DeployAsync(connection, registry.Address, string.Empty, cancellationToken: cancellationToken), c => c.Address).ConfigureAwait(false);

        // Last step, so nothing above can still use the deployer's admin role.
        await timelock.RenounceRoleAsync(await timelock.DefaultAdminRoleAsync(cancellationToken: cancellationToken).ConfigureAwait(false), deployer, cancellationToken).ConfigureAwait(false);
        await CheckWiringAsync(deployer, timelock, governor, splitter, tasks, verifier, registry, cancellationToken).ConfigureAwait(false);

        return new DeploymentRecord(network, chain.ChainId, deployer, contracts.Values.Min(c => c.BlockNumber), Describe(p), contracts);
    }

    private static async Task CheckWiringAsync(
        Address deployer, DaoTimelock timelock, DaoGovernor governor, RevenueSplitter splitter, TrainingTasks tasks, OptimisticVerifier verifier, AssetRegistry registry, CancellationToken ct)
    {
        (string Role, byte[] Id, Address Account, bool Expected)[] roles =
        [
            ("DEFAULT_ADMIN_ROLE", await timelock.DefaultAdminRoleAsync(cancellationToken: ct).ConfigureAwait(false), deployer, false),
            ("DEFAULT_ADMIN_ROLE", await timelock.DefaultAdminRoleAsync(cancellationToken: ct).ConfigureAwait(false), timelock.Address, true),
            ("PROPOSER_ROLE", await timelock.ProposerRoleAsync(cancellationToken: ct).ConfigureAwait(false), governor.Address, true),
            ("CANCELLER_ROLE", await timelock.CancellerRoleAsync(cancellationToken: ct).ConfigureAwait(false), governor.Address, true),
            ("EXECUTOR_ROLE", await timelock.ExecutorRoleAsync(cancellationToken: ct).ConfigureAwait(false), Address.Zero, true),
        ];
        foreach ((string role, byte[] id, Address account, bool expected) in roles)
        {
            if (await timelock.HasRoleAsync(id, account, cancellationToken: ct).ConfigureAwait(false) != expected)
            {
                throw new InvalidOperationException($"Timelock wiring: hasRole({role}, {account}) should be {expected}");
            }
        }
        if (await splitter.OwnerAsync(cancellationToken: ct).ConfigureAwait(false) != timelock.Address)
        {
            throw new InvalidOperationException("RevenueSplitter is not owned by the timelock");
        }
        if (await verifier.OwnerAsync(cancellationToken: ct).ConfigureAwait(false) != timelock.Address)
        {
            throw new InvalidOperationException("OptimisticVerifier is not owned by the timelock");
        }
        if (await tasks.VerifierAsync(cancellationToken: ct).ConfigureAwait(false) != verifier.Address)
        {
            throw new InvalidOperationException("TrainingTasks names another verifier than the one deployed");
        }
        if (await tasks.RegistryAsync(cancellationToken: ct).ConfigureAwait(false) != registry.Address)
        {
            throw new InvalidOperationException("TrainingTasks names another asset registry than the one deployed");
        }
    }

    private static Dictionary<string, string> Describe(DeploymentParameters p)
    {
        static string N(BigInteger v) => v.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string>
        {
            ["tokenName"] = p.TokenName,
            ["tokenSymbol"] = p.TokenSymbol,
            ["tokenSupply"] = N(p.TokenSupply),
            ["tokenRecipient"] = p.TokenRecipient?.ToString() ?? "",
            ["timelockDelay"] = N(p.TimelockDelay),
            ["votingDelay"] = N(p.VotingDelay),
            ["votingPeriod"] = N(p.VotingPeriod),
            ["proposalThreshold"] = N(p.ProposalThreshold),
            ["quorumPercent"] = N(p.QuorumPercent),
            ["vaultOwners"] = string.Join(",", p.VaultOwners ?? []),
            ["vaultThreshold"] = N(p.VaultThreshold),
            ["revenueReleaseDuration"] = N(p.RevenueReleaseDuration),
            ["challengeWindow"] = N(p.ChallengeWindow),
            ["minEvaluatorBond"] = N(p.MinEvaluatorBond),
            ["challengerShareBps"] = N(p.ChallengerShareBps),
        };
    }
}
