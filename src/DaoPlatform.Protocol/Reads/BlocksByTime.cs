using DaoPlatform.Ethereum.JsonRpc;

namespace DaoPlatform.Protocol.Reads;

/// <summary>
/// The blocks of a given time, found by bisection over block headers (block timestamps never decrease): about
/// 2 × log2(blocks) <c>eth_getBlockByNumber</c> calls and no <c>eth_getLogs</c>, so finding the block of an event
/// whose time is known (a proposal's creation, from its snapshot) costs the same on a chain of any age.
/// </summary>
public static class BlocksByTime
{
    /// <summary>
    /// The blocks in [<paramref name="first"/>, <paramref name="last"/>] whose timestamp is <paramref name="timestamp"/>
    /// (UNIX seconds): (from, to), or null when none has it.
    /// </summary>
    /// <exception cref="InvalidDataException">The node returned no header for a block up to <paramref name="last"/>.</exception>
    public static async Task<(ulong From, ulong To)?> FindAsync(EthRpcClient eth, ulong first, ulong last, ulong timestamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eth);
        ulong from = await FirstAtOrAfterAsync(eth, first, last, timestamp, cancellationToken).ConfigureAwait(false);
        if (from > last || await TimestampAsync(eth, from, cancellationToken).ConfigureAwait(false) != timestamp)
        {
            return null;
        }
        ulong after = timestamp == ulong.MaxValue ? last + 1 : await FirstAtOrAfterAsync(eth, from, last, timestamp + 1, cancellationToken).ConfigureAwait(false);
        return (from, after - 1);
    }

    /// <summary>The first block in [<paramref name="first"/>, <paramref name="last"/>] with a timestamp at or after <paramref name="timestamp"/> (UNIX seconds); last + 1 when none.</summary>
    /// <exception cref="InvalidDataException">The node returned no header for a block up to <paramref name="last"/>.</exception>
    public static async Task<ulong> FirstAtOrAfterAsync(EthRpcClient eth, ulong first, ulong last, ulong timestamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eth);
        ulong low = first, high = last + 1;
        while (low < high)
        {
            ulong middle = low + (high - low) / 2;
            if (await TimestampAsync(eth, middle, cancellationToken).ConfigureAwait(false) < timestamp)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    private static async Task<ulong> TimestampAsync(EthRpcClient eth, ulong block, CancellationToken cancellationToken) =>
        (await eth.GetBlockByNumberAsync(BlockTag.Number(block), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"eth_getBlockByNumber({block}) returned null")).Timestamp;
}
