using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Protocol;

/// <summary>
/// Where one deployment of the platform lives: the two contracts every role needs (required), the others when the
/// caller knows them (a node configured with the task and verifier addresses only knows those), and the block the
/// platform was deployed in (reads never look earlier).
/// </summary>
/// <param name="TrainingTasks">The TrainingTasks contract.</param>
/// <param name="OptimisticVerifier">The OptimisticVerifier contract.</param>
public sealed record PlatformAddresses(Address TrainingTasks, Address OptimisticVerifier)
{
    /// <summary>The block the platform was deployed in; 0 when unknown.</summary>
    public ulong DeploymentBlock { get; init; }

    /// <summary>The DAO's votes token.</summary>
    public Address? DaoToken { get; init; }

    /// <summary>The timelock: the DAO's treasury and the executor of proposals.</summary>
    public Address? DaoTimelock { get; init; }

    /// <summary>The governor.</summary>
    public Address? DaoGovernor { get; init; }

    /// <summary>The task committee's multisig vault.</summary>
    public Address? MultisigVault { get; init; }

    /// <summary>The asset registry.</summary>
    public Address? AssetRegistry { get; init; }

    /// <summary>The access passes sold for the registry's assets.</summary>
    public Address? AccessPasses { get; init; }

    /// <summary>The per-second streams.</summary>
    public Address? StreamVault { get; init; }

    /// <summary>The revenue splitter.</summary>
    public Address? RevenueSplitter { get; init; }
}
