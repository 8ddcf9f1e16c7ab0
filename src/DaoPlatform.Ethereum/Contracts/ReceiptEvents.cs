using DaoPlatform.Ethereum.Abi;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.Contracts;

/// <summary>Typed event decoding from receipts and logs.</summary>
public static class ReceiptEvents
{
    /// <summary>
    /// The <typeparamref name="TEvent"/> events in <paramref name="receipt"/>, from any contract; use a binding's
    /// <c>DecodeXEvents</c> to keep only that contract's.
    /// </summary>
    public static IReadOnlyList<TEvent> Decode<TEvent>(this TransactionReceipt receipt)
        where TEvent : IEventRecord<TEvent>
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return DecodeLogs<TEvent>(receipt.Logs, emitter: null);
    }

    /// <summary>The logs of <paramref name="logs"/> that are <typeparamref name="TEvent"/> events (of <paramref name="emitter"/> when given).</summary>
    public static IReadOnlyList<TEvent> DecodeLogs<TEvent>(IEnumerable<LogEntry> logs, Address? emitter)
        where TEvent : IEventRecord<TEvent>
    {
        ArgumentNullException.ThrowIfNull(logs);
        var events = new List<TEvent>();
        foreach (var log in logs)
        {
            if (Matches<TEvent>(log, emitter))
            {
                events.Add(DecodeLog<TEvent>(log));
            }
        }

        return events;
    }

    /// <summary>Decodes one log as <typeparamref name="TEvent"/>; an <see cref="AbiException"/> says why it does not fit.</summary>
    public static TEvent DecodeLog<TEvent>(LogEntry log)
        where TEvent : IEventRecord<TEvent>
    {
        ArgumentNullException.ThrowIfNull(log);
        return TEvent.FromAbi(TEvent.Descriptor.DecodeLog(log.Topics, log.Data));
    }

    private static bool Matches<TEvent>(LogEntry log, Address? emitter)
        where TEvent : IEventRecord<TEvent>
    {
        var descriptor = TEvent.Descriptor;
        return (emitter is null || log.Address == emitter.Value)
            && !descriptor.Anonymous
            && log.Topics.Count == descriptor.IndexedCount + 1
            && log.Topics[0].AsSpan().SequenceEqual(descriptor.Topic0);
    }
}
