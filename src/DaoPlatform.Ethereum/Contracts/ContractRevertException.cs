using DaoPlatform.Ethereum.Abi;

namespace DaoPlatform.Ethereum.Contracts;

/// <summary>
/// A contract call or transaction reverted. The generated bindings throw a subclass per custom error of the
/// contract (e.g. <c>Erc20.ERC20InsufficientBalanceError</c>) with typed properties; other reverts
/// (<c>Error(string)</c>, <c>Panic(uint256)</c>, unknown selectors, no data) are this class with <see cref="Revert"/>.
/// </summary>
public class ContractRevertException : Exception
{
    /// <summary>A typed custom error: its canonical signature and its formatted arguments.</summary>
    protected ContractRevertException(string errorSignature, string formattedArguments, byte[] revertData)
        : base($"Contract reverted with {errorSignature}: {formattedArguments}")
    {
        ArgumentNullException.ThrowIfNull(errorSignature);
        ErrorSignature = errorSignature;
        RevertData = revertData ?? [];
    }

    /// <summary>A revert that no custom error of the contract describes.</summary>
    public ContractRevertException(DecodedRevert revert, Exception? innerException = null)
        : base($"Contract reverted: {revert?.Description}", innerException)
    {
        ArgumentNullException.ThrowIfNull(revert);
        Revert = revert;
        ErrorSignature = revert.Error?.Signature;
        RevertData = revert.Data;
    }

    /// <summary>The canonical signature of the error, e.g. <c>Error(string)</c>; null when the data matched none.</summary>
    public string? ErrorSignature { get; }

    /// <summary>The raw revert data.</summary>
    public byte[] RevertData { get; }

    /// <summary>The decoded revert for errors without a typed subclass; null for typed custom errors.</summary>
    public DecodedRevert? Revert { get; }
}
