using DaoPlatform.Ethereum.Contracts;

namespace DaoPlatform.Services.Chain;

/// <summary>
/// Fetches event logs in ranges of at most a configured number of blocks (public nodes cap <c>eth_getLogs</c>),
/// and refuses a log the node returns from outside the requested range or from another contract.
/// </summary>
public static class LogRanges
{
    /// <summary>The logs <paramref name="query"/> returns over [<paramref name="from"/>, <paramref name="to"/>], range by range, in order.</summary>
    /// <exception cref="InvalidDataException">The node returned a log outside the requested range, from another address, or marked removed.</exception>
    public static async Task<List<EventLog<T>>> QueryAsync<T>(
        ulong from, ulong to, ulong maxRange, Ethereum.Primitives.Address contract,
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
                if (log.Log.BlockNumber < start || log.Log.BlockNumber > end || log.Log.Address != contract || log.Log.Removed)
                {
                    throw new InvalidDataException(
                        $"eth_getLogs [{start}, {end}] for {contract} returned a {typeof(T).Name} log of {log.Log.Address} in block {log.Log.BlockNumber}" +
                        (log.Log.Removed ? " marked removed" : "") + $" (transaction {log.Log.TransactionHash})");
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
