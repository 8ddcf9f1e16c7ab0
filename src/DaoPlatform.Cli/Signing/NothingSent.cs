using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Platform;

namespace DaoPlatform.Cli.Signing;

/// <summary>Tells the failures that stop a transaction before it leaves from those after it may have reached the node.</summary>
internal static class NothingSent
{
    /// <summary>
    /// True when <paramref name="e"/> is raised before any transaction was submitted: a refusal (declined, no
    /// <c>--yes</c>, bad input), a dry run, a revert found by the gas estimate, too little ETH.
    /// </summary>
    public static bool Is(Exception e) =>
        e is PlatformException or DryRunStoppedException or ExecutionRevertedException or InsufficientFundsException
            or Ethereum.Contracts.ContractRevertException { InnerException: ExecutionRevertedException }
            or Protocol.Moves.MoveRevertedException { TransactionHash: null };
}
