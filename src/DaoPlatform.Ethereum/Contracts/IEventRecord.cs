using DaoPlatform.Ethereum.Abi;

namespace DaoPlatform.Ethereum.Contracts;

/// <summary>A generated event record: the ABI event it decodes and how to build it from decoded values.</summary>
/// <typeparam name="TSelf">The record type.</typeparam>
public interface IEventRecord<TSelf>
    where TSelf : IEventRecord<TSelf>
{
    /// <summary>The ABI event (signature, topic 0, indexed parameters).</summary>
    static abstract AbiEvent Descriptor { get; }

    /// <summary>Builds the record from the event's values in parameter order (hashed indexed values as <see cref="AbiIndexedHash"/>).</summary>
    static abstract TSelf FromAbi(IReadOnlyList<object?> values);
}
