using DaoPlatform.Ethereum.Contracts;

namespace DaoPlatform.Protocol.Reads;

/// <summary>
/// Fetches event logs in ranges of at most a configured number of blocks (public nodes cap <c>eth_getLogs</c>).
/// The JSON-RPC layer already refuses a log outside the requested range or from another contract; a log marked
/// removed (a reorg the node reports) is refused here.
/// </summary>
public static class LogRanges
{
    /// <summary>The logs <paramref name="query"/> returns over [<paramref name="from"/>, <paramref name="to"/>], range by range, in order.</summary>
    /// <exception cref="InvalidDataException">The node returned a log marked removed.</exception>
    public static async Task<List<EventLog<T>>> QueryAsync<T>(
        ulong from, ulong to, ulong maxRange,
        Func<ulong, ulong, Task<IReadOnlyList<EventLog<T>>>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfZero(maxRange);
        var all = new List<EventLog<T>>();
        for (ulong start = from; start <= to; start += maxRange)
        {
            ulong end = Math.Min(to, start + maxRange - 1);
            foreach (EventLog<T> log in await query(start, end).ConfigureAwait(false))
            {
                if (log.Log.Removed)
                {
                    throw new InvalidDataException(
                        $"eth_getLogs [{start}, {end}] returned a {typeof(T).Name} log of block {log.Log.BlockNumber} marked removed (transaction {log.Log.TransactionHash}): the chain reorganised, retry");
                }
                all.Add(log);
            }
            if (end == to)
            {
                break;
            }
        }
        return all;
    }
}
