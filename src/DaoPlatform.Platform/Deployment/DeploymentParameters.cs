using System.Numerics;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Platform.Units;

namespace DaoPlatform.Platform.Deployment;

/// <summary>
/// The platform's deployment parameters, with the defaults of <c>scripts/lib/platform.mjs</c>. Durations are in
/// seconds (the governor's clock is the block timestamp); amounts in base units (wei, 18-decimal token units).
/// </summary>
public sealed record DeploymentParameters
{
    private const ulong Day = 86_400;

    /// <summary>The DAO token's name.</summary>
    public string TokenName { get; init; } = "DAO Platform Token";

    /// <summary>The DAO token's symbol.</summary>
    public string TokenSymbol { get; init; } = "DAOP";

    /// <summary>The whole supply, minted once to <see cref="TokenRecipient"/> (default 10^6 tokens).</summary>
    public BigInteger TokenSupply { get; init; } = 1_000_000 * EtherAmount.OneUnit;

    /// <summary>Who receives the supply; null means the deployer (allowed on the devnet only).</summary>
    public Address? TokenRecipient { get; init; }

    /// <summary>The timelock's minimum delay in seconds (default 2 days).</summary>
    public ulong TimelockDelay { get; init; } = 2 * Day;

    /// <summary>Seconds between a proposal and the start of its vote (default 1 day).</summary>
    public ulong VotingDelay { get; init; } = Day;

    /// <summary>Seconds a vote stays open (default 7 days).</summary>
    public uint VotingPeriod { get; init; } = 7 * (uint)Day;

    /// <summary>Votes needed to propose (default 1,000 tokens).</summary>
    public BigInteger ProposalThreshold { get; init; } = 1_000 * EtherAmount.OneUnit;

    /// <summary>Quorum in percent of the supply (default 4).</summary>
    public BigInteger QuorumPercent { get; init; } = 4;

    /// <summary>The multisig vault's owners; null means the deployer alone (allowed on the devnet only).</summary>
    public IReadOnlyList<Address>? VaultOwners { get; init; }

    /// <summary>The vault's approval threshold (default 1).</summary>
    public BigInteger VaultThreshold { get; init; } = 1;

    /// <summary>The revenue splitter's token; null means the DAO token.</summary>
    public Address? RevenueToken { get; init; }

    /// <summary>Seconds over which a revenue deposit is released (default 30 days).</summary>
    public ulong RevenueReleaseDuration { get; init; } = 30 * Day;

    /// <summary>The verifier's challenge window in seconds (default 1 day).</summary>
    public BigInteger ChallengeWindow { get; init; } = Day;

    /// <summary>The smallest evaluator bond in wei (default 0.1 ETH).</summary>
    public BigInteger MinEvaluatorBond { get; init; } = EtherAmount.OneUnit / 10;

    /// <summary>The share of a slashed bond paid to the challenger, in basis points (default 5000).</summary>
    public BigInteger ChallengerShareBps { get; init; } = 5_000;

    /// <summary>
    /// Applies the public-network rule: outside the devnet, a deployment where the deployer would get every vote
    /// (<see cref="TokenRecipient"/> left to default) or be the vault's only owner (<see cref="VaultOwners"/> left to
    /// default) is refused unless those are configured explicitly; the devnet keeps the convenient defaults.
    /// Returns the parameters with the defaults resolved to <paramref name="deployer"/>.
    /// </summary>
    /// <exception cref="PlatformException">A public network with a default that hands the deployer control.</exception>
    public DeploymentParameters ResolveFor(Address deployer, bool publicNetwork)
    {
        if (publicNetwork)
        {
            var missing = new List<string>();
            if (TokenRecipient is null)
            {
                missing.Add("the token recipient (tokenRecipient; by default the deployer would hold every vote)");
            }
            if (VaultOwners is null)
            {
                missing.Add("the vault owners (vaultOwners; by default the deployer would be the only owner)");
            }
            if (missing.Count > 0)
            {
                throw PlatformException.Refused(
                    $"refusing to deploy to a public network with devnet defaults: configure {string.Join(" and ", missing)} explicitly");
            }
        }
        if (VaultOwners is { Count: 0 })
        {
            throw PlatformException.BadInput("vaultOwners is empty: the vault needs at least one owner");
        }
        return this with { TokenRecipient = TokenRecipient ?? deployer, VaultOwners = VaultOwners ?? [deployer] };
    }
}
