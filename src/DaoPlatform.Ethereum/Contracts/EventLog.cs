using DaoPlatform.Ethereum.JsonRpc;

namespace DaoPlatform.Ethereum.Contracts;

/// <summary>A decoded event with the log it came from (block, transaction, log index).</summary>
/// <typeparam name="TEvent">The generated event record.</typeparam>
public sealed record EventLog<TEvent>(TEvent Event, LogEntry Log);
