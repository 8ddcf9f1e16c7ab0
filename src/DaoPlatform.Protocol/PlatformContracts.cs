using DaoPlatform.Contracts.OpenZeppelin;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Protocol;

/// <summary>
/// Typed bindings of every platform contract of one deployment over one connection, with the ABIs that decode
/// calldata and reverts (parsed once per process). The CLI, the node and the hub read through these; what they
/// send is built as a move (<see cref="Moves"/>), not sent through a binding.
/// </summary>
public sealed class PlatformContracts
{
    private static readonly Lazy<ContractAbi> s_tasksAbi = new(() => ContractAbi.Parse(TrainingTasks.AbiJson));
    private static readonly Lazy<ContractAbi> s_verifierAbi = new(() => ContractAbi.Parse(OptimisticVerifier.AbiJson));
    private static readonly Lazy<RevertDecoder> s_tokenReverts = new(() => ContractAbi.Parse(Erc20.AbiJson).CreateRevertDecoder());

    private readonly DaoToken? _token;
    private readonly DaoTimelock? _timelock;
    private readonly DaoGovernor? _governor;
    private readonly MultisigVault? _vault;
    private readonly AssetRegistry? _registry;
    private readonly AccessPasses? _passes;
    private readonly StreamVault? _streams;
    private readonly RevenueSplitter? _splitter;

    /// <summary>Binds the contracts <paramref name="addresses"/> name over <paramref name="connection"/>.</summary>
    public PlatformContracts(ContractConnection connection, PlatformAddresses addresses)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(addresses);
        Connection = connection;
        Addresses = addresses;
        Tasks = new TrainingTasks(addresses.TrainingTasks, connection);
        Verifier = new OptimisticVerifier(addresses.OptimisticVerifier, connection);
        _token = addresses.DaoToken is { } token ? new DaoToken(token, connection) : null;
        _timelock = addresses.DaoTimelock is { } timelock ? new DaoTimelock(timelock, connection) : null;
        _governor = addresses.DaoGovernor is { } governor ? new DaoGovernor(governor, connection) : null;
        _vault = addresses.MultisigVault is { } vault ? new MultisigVault(vault, connection) : null;
        _registry = addresses.AssetRegistry is { } registry ? new AssetRegistry(registry, connection) : null;
        _passes = addresses.AccessPasses is { } passes ? new AccessPasses(passes, connection) : null;
        _streams = addresses.StreamVault is { } streams ? new StreamVault(streams, connection) : null;
        _splitter = addresses.RevenueSplitter is { } splitter ? new RevenueSplitter(splitter, connection) : null;
    }

    /// <summary>Binds TrainingTasks at <paramref name="trainingTasks"/> and OptimisticVerifier at <paramref name="verifier"/>, read-only.</summary>
    public PlatformContracts(EthRpcClient eth, Address trainingTasks, Address verifier)
        : this(new ContractConnection(eth), new PlatformAddresses(trainingTasks, verifier))
    {
    }

    /// <summary>The connection the bindings use.</summary>
    public ContractConnection Connection { get; }

    /// <summary>The node.</summary>
    public EthRpcClient Eth => Connection.Rpc;

    /// <summary>The deployment's addresses.</summary>
    public PlatformAddresses Addresses { get; }

    /// <summary>Training tasks.</summary>
    public TrainingTasks Tasks { get; }

    /// <summary>The optimistic verifier.</summary>
    public OptimisticVerifier Verifier { get; }

    /// <summary>The DAO's votes token.</summary>
    /// <exception cref="InvalidOperationException">The addresses do not name it.</exception>
    public DaoToken Token => _token ?? throw Unknown(nameof(DaoToken));

    /// <summary>The treasury and executor of proposals.</summary>
    /// <exception cref="InvalidOperationException">The addresses do not name it.</exception>
    public DaoTimelock Timelock => _timelock ?? throw Unknown(nameof(DaoTimelock));

    /// <summary>The governor.</summary>
    /// <exception cref="InvalidOperationException">The addresses do not name it.</exception>
    public DaoGovernor Governor => _governor ?? throw Unknown(nameof(DaoGovernor));

    /// <summary>The task committee's multisig vault.</summary>
    /// <exception cref="InvalidOperationException">The addresses do not name it.</exception>
    public MultisigVault Vault => _vault ?? throw Unknown(nameof(MultisigVault));

    /// <summary>The asset registry.</summary>
    /// <exception cref="InvalidOperationException">The addresses do not name it.</exception>
    public AssetRegistry Registry => _registry ?? throw Unknown(nameof(AssetRegistry));

    /// <summary>The access passes.</summary>
    /// <exception cref="InvalidOperationException">The addresses do not name it.</exception>
    public AccessPasses Passes => _passes ?? throw Unknown(nameof(AccessPasses));

    /// <summary>The per-second streams.</summary>
    /// <exception cref="InvalidOperationException">The addresses do not name it.</exception>
    public StreamVault Streams => _streams ?? throw Unknown(nameof(StreamVault));

    /// <summary>The revenue splitter.</summary>
    /// <exception cref="InvalidOperationException">The addresses do not name it.</exception>
    public RevenueSplitter Splitter => _splitter ?? throw Unknown(nameof(RevenueSplitter));

    /// <summary>TrainingTasks' ABI (decodes reveal calldata).</summary>
    public ContractAbi TasksAbi => s_tasksAbi.Value;

    /// <summary>OptimisticVerifier's ABI (decodes postResult calldata).</summary>
    public ContractAbi VerifierAbi => s_verifierAbi.Value;

    /// <summary>Names TrainingTasks' custom errors in a revert.</summary>
    public RevertDecoder TasksReverts => PlatformErrors.Decoder;

    /// <summary>Names OptimisticVerifier's custom errors in a revert.</summary>
    public RevertDecoder VerifierReverts => PlatformErrors.Decoder;

    /// <summary>Names ERC-20 errors (a task token's <c>approve</c> for an evaluator bond).</summary>
    public RevertDecoder TokenReverts => s_tokenReverts.Value;

    private InvalidOperationException Unknown(string name) =>
        new($"the platform's addresses name no {name} (only TrainingTasks {Addresses.TrainingTasks} and OptimisticVerifier {Addresses.OptimisticVerifier} are required)");
}
