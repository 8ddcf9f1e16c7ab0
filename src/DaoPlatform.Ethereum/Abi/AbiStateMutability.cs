namespace DaoPlatform.Ethereum.Abi;

/// <summary>A function's <c>stateMutability</c> in the JSON ABI.</summary>
public enum AbiStateMutability
{
    /// <summary>Changes state, rejects ether (<c>nonpayable</c>, the default).</summary>
    NonPayable,

    /// <summary>Changes state, accepts ether.</summary>
    Payable,

    /// <summary>Reads state only.</summary>
    View,

    /// <summary>Reads no state.</summary>
    Pure,
}
