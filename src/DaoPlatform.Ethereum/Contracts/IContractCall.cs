using DaoPlatform.Ethereum.Abi;

namespace DaoPlatform.Ethereum.Contracts;

/// <summary>
/// A call of a contract function as a typed record, as the generated <c>Contract.Calls</c> classes decode it from
/// calldata by selector (never by reading arguments by name).
/// </summary>
public interface IContractCall
{
    /// <summary>The function called.</summary>
    AbiFunction Function { get; }

    /// <summary>The calldata of this call: selector and ABI-encoded arguments.</summary>
    byte[] Encode();
}
