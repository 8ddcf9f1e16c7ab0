using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Platform.Deployment;

namespace DaoPlatform.Platform;

/// <summary>Typed bindings of every platform contract of one deployment, over one connection.</summary>
public sealed class PlatformContracts
{
    /// <summary>Binds the contracts <paramref name="record"/> names.</summary>
    public PlatformContracts(DeploymentRecord record, ContractConnection connection)
    {
        ArgumentNullException.ThrowIfNull(record);
        Record = record;
        Token = new DaoToken(record.AddressOf(nameof(DaoToken)), connection);
        Timelock = new DaoTimelock(record.AddressOf(nameof(DaoTimelock)), connection);
        Governor = new DaoGovernor(record.AddressOf(nameof(DaoGovernor)), connection);
        Vault = new MultisigVault(record.AddressOf(nameof(MultisigVault)), connection);
        Registry = new AssetRegistry(record.AddressOf(nameof(AssetRegistry)), connection);
        Streams = new StreamVault(record.AddressOf(nameof(StreamVault)), connection);
        Splitter = new RevenueSplitter(record.AddressOf(nameof(RevenueSplitter)), connection);
        Tasks = new TrainingTasks(record.AddressOf(nameof(TrainingTasks)), connection);
        Verifier = new OptimisticVerifier(record.AddressOf(nameof(OptimisticVerifier)), connection);
    }

    /// <summary>The deployment these contracts belong to.</summary>
    public DeploymentRecord Record { get; }

    /// <summary>The DAO's votes token.</summary>
    public DaoToken Token { get; }

    /// <summary>The treasury and executor of proposals.</summary>
    public DaoTimelock Timelock { get; }

    /// <summary>The governor.</summary>
    public DaoGovernor Governor { get; }

    /// <summary>The task committee's multisig vault.</summary>
    public MultisigVault Vault { get; }

    /// <summary>The asset registry.</summary>
    public AssetRegistry Registry { get; }

    /// <summary>The per-second streams.</summary>
    public StreamVault Streams { get; }

    /// <summary>The revenue splitter.</summary>
    public RevenueSplitter Splitter { get; }

    /// <summary>Training tasks.</summary>
    public TrainingTasks Tasks { get; }

    /// <summary>The optimistic verifier.</summary>
    public OptimisticVerifier Verifier { get; }
}
