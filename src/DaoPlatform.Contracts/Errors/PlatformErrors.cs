using DaoPlatform.Contracts.Custody;
using DaoPlatform.Contracts.Evaluation;
using DaoPlatform.Contracts.Governance;
using DaoPlatform.Contracts.OpenZeppelin;
using DaoPlatform.Contracts.Registry;
using DaoPlatform.Contracts.Streaming;
using DaoPlatform.Contracts.Training;
using DaoPlatform.Contracts.Utils;
using DaoPlatform.Contracts.Verifier;
using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.Contracts;

namespace DaoPlatform.Contracts.Errors;

/// <summary>
/// One revert decoder for everything the platform deploys: every custom error of every platform contract and of the
/// OpenZeppelin contracts and libraries they are built on (Governor, TimelockController, ERC20Votes, ERC721,
/// AccessControl, Ownable, ReentrancyGuard, SafeERC20, ECDSA, SafeCast, Address, Strings), plus <c>Error(string)</c>
/// and <c>Panic(uint256)</c>. Descriptions are in the units a person reads (<see cref="PlatformRevertDescriber"/>).
/// </summary>
/// <remarks>
/// Reverts that pass through a wrapper decode to the failure inside: the multisig vault's
/// <c>ExecutionFailed(txHash, returnData)</c> carries the failed call's revert data, shown and kept as
/// <see cref="DecodedRevert.Inner"/>; TimelockController and the Governor bubble the target's revert data unchanged
/// (Address.verifyCallResult), or <c>FailedCall()</c> when it had none, so those decode directly.
/// </remarks>
public static class PlatformErrors
{
    /// <summary>The definitions of every contract binding in this assembly.</summary>
    public static IReadOnlyList<ContractDefinition> Contracts { get; } =
    [
        AccessPasses.Definition, AssetRegistry.Definition, DaoGovernor.Definition, DaoTimelock.Definition, DaoToken.Definition,
        Erc20.Definition, Erc721.Definition, Governor.Definition, IAvailabilityTasks.Definition, IContentAuthors.Definition,
        ITaskAssets.Definition, ITasksAvailability.Definition, ITaskVerifier.Definition, ITrainingTasks.Definition, ModelAvailability.Definition, ModelCommitment.Definition, ModelPublication.Definition,
        MultisigVault.Definition, OptimisticVerifier.Definition, QuantizedMlp.Definition, RawSha256Cid.Definition,
        RevenueSplitter.Definition, StreamVault.Definition, TestSetMerkle.Definition, TimelockController.Definition,
        TokenCredits.Definition, TrainingTasks.Definition, TransferIn.Definition,
    ];

    /// <summary>
    /// OpenZeppelin library errors a platform contract can revert with whose ABI no compiled contract lists (the
    /// compiler lists only the errors a contract's code can reach).
    /// </summary>
    public static IReadOnlyList<AbiError> LibraryErrors { get; } =
    [
        AbiError.Parse("SafeCastOverflowedUintDowncast(uint8 bits, uint256 value)"),
        AbiError.Parse("SafeCastOverflowedIntToUint(int256 value)"),
        AbiError.Parse("SafeCastOverflowedIntDowncast(uint8 bits, int256 value)"),
        AbiError.Parse("SafeCastOverflowedUintToInt(uint256 value)"),
        AbiError.Parse("AddressEmptyCode(address target)"),
        AbiError.Parse("InsufficientBalance(uint256 balance, uint256 needed)"),
        AbiError.Parse("FailedCall()"),
        AbiError.Parse("FailedDeployment()"),
        AbiError.Parse("MissingPrecompile(address precompile)"),
        AbiError.Parse("StringsInsufficientHexLength(uint256 value, uint256 length)"),
        AbiError.Parse("StringsInvalidChar()"),
        AbiError.Parse("StringsInvalidAddressFormat()"),
        AbiError.Parse("ReentrancyGuardReentrantCall()"),
        AbiError.Parse("SafeERC20FailedOperation(address token)"),
        AbiError.Parse("ECDSAInvalidSignature()"),
        AbiError.Parse("ECDSAInvalidSignatureLength(uint256 length)"),
        AbiError.Parse("ECDSAInvalidSignatureS(bytes32 s)"),
    ];

    /// <summary>The decoder: pass it to the transaction manager, or decode any revert data with it.</summary>
    public static RevertDecoder Decoder { get; } = new(
        Merge(Contracts.SelectMany(c => c.Abi.Errors).Concat(LibraryErrors)),
        new PlatformRevertDescriber());

    /// <summary>
    /// One error per signature. Contracts may declare the same signature with other parameter names
    /// (<c>NothingToWithdraw(address token, address account)</c> and <c>NothingToWithdraw(address account, address asset)</c>
    /// share a selector): the revert data cannot tell them apart, so such a parameter is named by both names.
    /// </summary>
    private static IEnumerable<AbiError> Merge(IEnumerable<AbiError> errors) =>
        errors.GroupBy(e => e.Signature, StringComparer.Ordinal).Select(group =>
        {
            AbiError first = group.First();
            return new AbiError(first.Name, first.Inputs.Select((input, i) =>
            {
                string[] names = [.. group.Select(e => e.Inputs[i].Name).Distinct(StringComparer.Ordinal)];
                return names.Length == 1 ? input : new AbiParameter(string.Join(" or ", names), input.Type, input.InternalType);
            }));
        });

    /// <summary>Decodes <paramref name="revertData"/> from any platform contract; never throws for bad data.</summary>
    public static DecodedRevert Decode(ReadOnlySpan<byte> revertData) => Decoder.Decode(revertData);
}
