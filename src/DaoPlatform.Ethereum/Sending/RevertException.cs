using DaoPlatform.Ethereum.Abi;

namespace DaoPlatform.Ethereum.Sending;

/// <summary>A transaction reverted, in the simulation before sending (<see cref="SimulationRevertedException"/>) or when mined (<see cref="TransactionRevertedException"/>).</summary>
public abstract class RevertException : Exception
{
    private protected RevertException(string message, DecodedRevert? revert) : base(message) => Revert = revert;

    /// <summary>Why, decoded with the caller's decoder; null when a mined transaction's replay did not revert.</summary>
    public DecodedRevert? Revert { get; }
}
