using DaoPlatform.Contracts.OpenZeppelin;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Services.Chain;

/// <summary>
/// Read-only bindings of the two contracts the node watches, with their ABIs for decoding calldata and reverts.
/// Transactions go through <see cref="Sending.ChainSender"/>, never through these bindings.
/// </summary>
public sealed class PlatformContracts
{
    /// <summary>Binds TrainingTasks at <paramref name="trainingTasks"/> and OptimisticVerifier at <paramref name="verifier"/>.</summary>
    public PlatformContracts(EthRpcClient eth, Address trainingTasks, Address verifier)
    {
        var connection = new ContractConnection(eth);
        Eth = eth;
        Tasks = new TrainingTasks(trainingTasks, connection);
        Verifier = new OptimisticVerifier(verifier, connection);
        TasksAbi = ContractAbi.Parse(TrainingTasks.AbiJson);
        VerifierAbi = ContractAbi.Parse(OptimisticVerifier.AbiJson);
        TasksReverts = TasksAbi.CreateRevertDecoder();
        VerifierReverts = VerifierAbi.CreateRevertDecoder();
        TokenReverts = ContractAbi.Parse(Erc20.AbiJson).CreateRevertDecoder();
    }

    /// <summary>The node.</summary>
    public EthRpcClient Eth { get; }

    /// <summary>TrainingTasks, read-only.</summary>
    public TrainingTasks Tasks { get; }

    /// <summary>OptimisticVerifier, read-only.</summary>
    public OptimisticVerifier Verifier { get; }

    /// <summary>TrainingTasks' ABI (decodes reveal calldata).</summary>
    public ContractAbi TasksAbi { get; }

    /// <summary>OptimisticVerifier's ABI (decodes postResult calldata).</summary>
    public ContractAbi VerifierAbi { get; }

    /// <summary>Names TrainingTasks' custom errors in a simulated revert.</summary>
    public RevertDecoder TasksReverts { get; }

    /// <summary>Names OptimisticVerifier's custom errors in a simulated revert.</summary>
    public RevertDecoder VerifierReverts { get; }

    /// <summary>Names ERC-20 errors (a task token's <c>approve</c> for an evaluator bond).</summary>
    public RevertDecoder TokenReverts { get; }
}
