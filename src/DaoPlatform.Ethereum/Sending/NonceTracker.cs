using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.Sending;

/// <summary>
/// Hands out consecutive nonces per account. The first nonce comes from the node
/// (<c>eth_getTransactionCount(pending)</c>), so a restarted process continues where the chain is;
/// <see cref="ForgetAsync"/> drops an account's count so the next nonce is read from the node again
/// (after a "nonce too low" or a send that may not have reached the node).
/// </summary>
public sealed class NonceTracker : IDisposable
{
    private readonly EthRpcClient _eth;
    private readonly Dictionary<Address, ulong> _next = [];
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>Creates a tracker reading from <paramref name="eth"/>.</summary>
    public NonceTracker(EthRpcClient eth)
    {
        ArgumentNullException.ThrowIfNull(eth);
        _eth = eth;
    }

    /// <summary>Returns the next nonce of <paramref name="account"/> and counts it as used.</summary>
    public async Task<ulong> ReserveAsync(Address account, CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_next.TryGetValue(account, out ulong nonce))
            {
                nonce = await _eth.GetTransactionCountAsync(account, BlockTag.Pending, cancellationToken).ConfigureAwait(false);
            }
            _next[account] = nonce + 1;
            return nonce;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Forgets the count of <paramref name="account"/>: its next nonce is read from the node.</summary>
    public async Task ForgetAsync(Address account, CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _next.Remove(account);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _lock.Dispose();
}
