using DaoPlatform.Contracts.OpenZeppelin;
using DaoPlatform.Contracts.Utils;
using DaoPlatform.Ethereum.Abi;

namespace DaoPlatform.Protocol;

/// <summary>
/// One revert decoder for every platform contract and the OpenZeppelin contracts they build on, so a revert is
/// named whichever contract raised it, also when it comes through the timelock or the vault. Custom errors that
/// two contracts share (e.g. <c>OwnableUnauthorizedAccount</c>) have one signature and decode the same.
/// </summary>
public static class Reverts
{
    private static readonly Lazy<RevertDecoder> s_all = new(() => new RevertDecoder(
        new[]
        {
            DaoToken.AbiJson, DaoTimelock.AbiJson, DaoGovernor.AbiJson, MultisigVault.AbiJson, AssetRegistry.AbiJson,
            StreamVault.AbiJson, RevenueSplitter.AbiJson, TrainingTasks.AbiJson, OptimisticVerifier.AbiJson, TokenCredits.AbiJson,
            Erc20.AbiJson, Erc721.AbiJson, Governor.AbiJson, TimelockController.AbiJson,
        }.SelectMany(json => ContractAbi.Parse(json).Errors)));

    /// <summary>The decoder of every platform and OpenZeppelin contract's errors (plus <c>Error(string)</c> and <c>Panic(uint256)</c>).</summary>
    public static RevertDecoder All => s_all.Value;
}
