using DaoPlatform.Ethereum.Abi;

namespace DaoPlatform.Ethereum.Contracts;

/// <summary>Builds the typed exception of a custom error from its signature and decoded arguments, or returns null.</summary>
public delegate ContractRevertException? ContractErrorFactory(string signature, object?[] values, byte[] revertData);

/// <summary>
/// A contract's parsed ABI and how its reverts become typed exceptions: one instance per generated binding class.
/// </summary>
public sealed class ContractDefinition
{
    private readonly ContractErrorFactory _createError;
    private readonly RevertDecoder _revertDecoder;

    /// <param name="contractName">The Solidity contract name, for messages.</param>
    /// <param name="abiJson">The contract's JSON ABI.</param>
    /// <param name="createError">The generated factory of typed custom errors.</param>
    /// <param name="unlinkedLibraries">Libraries (<c>source:Name</c>) the creation bytecode still needs linked.</param>
    public ContractDefinition(string contractName, string abiJson, ContractErrorFactory createError, IReadOnlyList<string>? unlinkedLibraries = null)
    {
        ArgumentNullException.ThrowIfNull(contractName);
        ArgumentNullException.ThrowIfNull(createError);
        ContractName = contractName;
        Abi = ContractAbi.Parse(abiJson);
        _createError = createError;
        _revertDecoder = Abi.CreateRevertDecoder();
        UnlinkedLibraries = unlinkedLibraries ?? [];
    }

    /// <summary>The Solidity contract name.</summary>
    public string ContractName { get; }

    /// <summary>The parsed ABI.</summary>
    public ContractAbi Abi { get; }

    /// <summary>Libraries (<c>source:Name</c>) the creation bytecode still needs linked; empty when it is deployable.</summary>
    public IReadOnlyList<string> UnlinkedLibraries { get; }

    /// <summary>The function with this canonical signature.</summary>
    public AbiFunction Function(string signature) => Abi.GetFunction(signature);

    /// <summary>The event with this canonical signature.</summary>
    public AbiEvent Event(string signature) => Abi.GetEvent(signature);

    /// <summary>The typed exception for <paramref name="revertData"/>: a generated custom error, or a <see cref="ContractRevertException"/> describing it.</summary>
    public ContractRevertException CreateRevertException(byte[] revertData, Exception? innerException = null)
    {
        ArgumentNullException.ThrowIfNull(revertData);
        var revert = _revertDecoder.Decode(revertData);
        if (revert.Kind == RevertKind.CustomError && revert.Error is not null && revert.Arguments is not null
            && _createError(revert.Error.Signature, revert.Arguments.ToArray(), revertData) is { } typed)
        {
            return typed;
        }

        return new ContractRevertException(revert, innerException);
    }
}
