using DaoPlatform.Ethereum.Abi;

namespace DaoPlatform.Ethereum.Sending;

/// <summary>The simulation of a transaction on the pending block reverted, so nothing was sent.</summary>
public sealed class SimulationRevertedException : RevertException
{
    /// <summary>Creates the exception for <paramref name="request"/> and the decoded <paramref name="revert"/>.</summary>
    public SimulationRevertedException(TransactionRequest request, DecodedRevert revert)
        : base($"Not sent: the transaction to {request?.To?.ToString() ?? "a new contract"} reverts on the pending block with {revert?.Description}.", revert)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(revert);
        Request = request;
    }

    /// <summary>The request that was not sent.</summary>
    public TransactionRequest Request { get; }

    /// <summary>Why it reverts.</summary>
    public new DecodedRevert Revert => base.Revert!;
}
