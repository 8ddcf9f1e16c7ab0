namespace DaoPlatform.Ethereum.Abi;

/// <summary>What <see cref="RevertDecoder"/> found in revert data.</summary>
public enum RevertKind
{
    /// <summary>No revert data (a bare <c>revert()</c>, <c>require(cond)</c> or out of gas).</summary>
    Empty,

    /// <summary><c>Error(string)</c>: a reason string.</summary>
    ErrorString,

    /// <summary><c>Panic(uint256)</c>: a compiler-inserted check failed.</summary>
    Panic,

    /// <summary>A custom error from the contract's ABI.</summary>
    CustomError,

    /// <summary>A selector no known error has.</summary>
    UnknownSelector,

    /// <summary>Data that is not a selector plus valid arguments (too short, or arguments that do not decode).</summary>
    Malformed,
}
