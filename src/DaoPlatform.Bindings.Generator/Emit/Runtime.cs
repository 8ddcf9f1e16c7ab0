namespace DaoPlatform.Bindings.Generator.Emit;

/// <summary>The fully qualified names of the runtime types the generated code calls (DaoPlatform.Ethereum).</summary>
internal static class Runtime
{
    public const string Contracts = "global::DaoPlatform.Ethereum.Contracts.";
    public const string ContractClient = Contracts + "ContractClient";
    public const string ContractConnection = Contracts + "ContractConnection";
    public const string ContractDefinition = Contracts + "ContractDefinition";
    public const string AbiFunction = "global::DaoPlatform.Ethereum.Abi.AbiFunction";
    public const string AbiEvent = "global::DaoPlatform.Ethereum.Abi.AbiEvent";
    public const string AbiError = "global::DaoPlatform.Ethereum.Abi.AbiError";
    public const string ReadSelector = "global::System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian";
    public const string AbiException = "global::DaoPlatform.Ethereum.Abi.AbiException";
    public const string ContractCall = Contracts + "IContractCall";
    public const string ContractError = Contracts + "IContractError";
    public const string NotNullWhen = "global::System.Diagnostics.CodeAnalysis.NotNullWhen";
    public const string ReadOnlySpanOfBytes = "global::System.ReadOnlySpan<byte>";
    public const string AbiValueFormatter = "global::DaoPlatform.Ethereum.Abi.AbiValueFormatter";
    public const string ContractRevertException = Contracts + "ContractRevertException";
    public const string EventRecord = Contracts + "IEventRecord";
    public const string EventLog = Contracts + "EventLog";
    public const string ContractValues = Contracts + "ContractValues";
    public const string TypedDataStruct = Contracts + "TypedDataStruct";
    public const string Receipt = "global::DaoPlatform.Ethereum.JsonRpc.TransactionReceipt";
    public const string TypedData = "global::DaoPlatform.Ethereum.Signing.Eip712.TypedData";
    public const string Eip712Domain = "global::DaoPlatform.Ethereum.Signing.Eip712.Eip712Domain";
    public const string Signature = "global::DaoPlatform.Ethereum.Signing.Signature";
    public const string EthereumKey = "global::DaoPlatform.Ethereum.Signing.EthereumKey";
    public const string Address = "global::DaoPlatform.Ethereum.Primitives.Address";
    public const string BigInteger = "global::System.Numerics.BigInteger";
    public const string CancellationToken = "global::System.Threading.CancellationToken";
    public const string Task = "global::System.Threading.Tasks.Task";
    public const string ReadOnlyList = "global::System.Collections.Generic.IReadOnlyList";
}
