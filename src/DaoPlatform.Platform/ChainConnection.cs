using System.Text.Json;
using DaoPlatform.Ethereum.Contracts;
using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Sending;
using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Platform;

/// <summary>
/// One node and, when a key is given, the key's one <see cref="TransactionManager"/>: what every platform service
/// works through. Opening it checks that the node serves the configured chain, so nothing is ever signed for another
/// chain than the one meant.
/// </summary>
public sealed class ChainConnection : IDisposable
{
    private readonly NonceTracker _nonces;

    private ChainConnection(EthRpcClient eth, ulong chainId, EthereumKey? key, TransactionManagerOptions options, IMoveObserver? observer)
    {
        Eth = eth;
        ChainId = chainId;
        _nonces = new NonceTracker(eth);
        Key = key;
        Observer = observer;
        if (key is not null)
        {
            Manager = new TransactionManager(eth, key, chainId, _nonces, options);
            // Contract creations (the deployer) go through the bindings' sender: same nonces, same confirmation hook.
            Sender = new TransactionSender(eth, key, chainId, _nonces, new TransactionSenderOptions
            {
                GasMarginPercent = options.GasMarginPercent,
                FeeHistoryBlocks = options.FeeHistoryBlocks,
                TipPercentile = options.TipPercentile,
                BeforeSubmit = options.BeforeSubmit,
            });
        }
        Contracts = new ContractConnection(eth, Sender);
    }

    /// <summary>The node.</summary>
    public EthRpcClient Eth { get; }

    /// <summary>The chain id the node reported (equal to the configured one).</summary>
    public ulong ChainId { get; }

    /// <summary>The signing key, or null for a read-only connection.</summary>
    public EthereumKey? Key { get; }

    /// <summary>
    /// The key's transaction manager (simulation on the pending block, confirmations, fee bumps under the same nonce),
    /// through which <see cref="MoveSender"/> sends every move; null for a read-only connection.
    /// </summary>
    public TransactionManager? Manager { get; }

    /// <summary>
    /// The bindings' sender, sharing the manager's nonces and confirmation hook: only contract creations (the deployer)
    /// use it, since a creation is no move of the protocol. Null for a read-only connection.
    /// </summary>
    public TransactionSender? Sender { get; }

    /// <summary>Hears of each move before it is sent (the CLI shows the plan of a multi-transaction action); null: none.</summary>
    public IMoveObserver? Observer { get; }

    /// <summary>What the generated bindings use (reads; the deployer's contract creations).</summary>
    public ContractConnection Contracts { get; }

    /// <summary>The sending account, or an exception saying a key is needed to <paramref name="action"/>.</summary>
    public Address RequireAccount(string action) =>
        Key?.Address ?? throw PlatformException.BadInput($"an account is needed to {action}: pass --account (a keystore) and its password");

    /// <summary>The signing key, or an exception saying a key is needed to <paramref name="action"/>.</summary>
    public EthereumKey RequireKey(string action) =>
        Key ?? throw PlatformException.BadInput($"an account is needed to {action}: pass --account (a keystore) and its password");

    /// <summary>
    /// Connects to <paramref name="rpcUrl"/> and checks its <c>eth_chainId</c> against <paramref name="expectedChainId"/>
    /// (when given); a different chain is refused before anything is signed.
    /// </summary>
    /// <param name="rpcUrl">The node.</param>
    /// <param name="expectedChainId">The chain the node must serve; null: whichever it serves.</param>
    /// <param name="key">The signing key; null for a read-only connection.</param>
    /// <param name="options">The transaction manager's confirmations, fee bump, fee cap and confirmation hook; defaults (the node's) when null.</param>
    /// <param name="observer">Hears of each move before it is sent; none when null.</param>
    /// <param name="cancellationToken">Cancels the connection check.</param>
    /// <exception cref="PlatformException">The node serves another chain (<see cref="PlatformErrorKind.Refused"/>).</exception>
    /// <exception cref="RpcException">The node cannot be reached or answers wrongly.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (e.g. a fee bump under 10 %).</exception>
    public static async Task<ChainConnection> OpenAsync(
        Uri rpcUrl, ulong? expectedChainId, EthereumKey? key, TransactionManagerOptions? options = null, IMoveObserver? observer = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rpcUrl);
        options ??= new TransactionManagerOptions();
        options.Validate();
        var eth = new EthRpcClient(new JsonRpcClient(rpcUrl));
        try
        {
            ulong chainId = await eth.ChainIdAsync(cancellationToken).ConfigureAwait(false);
            if (expectedChainId is { } expected && expected != chainId)
            {
                throw PlatformException.Refused(
                    $"the node at {rpcUrl} serves chain id {chainId}, but chain id {expected} is configured; refusing to use it");
            }
            return new ChainConnection(eth, chainId, key, options, observer);
        }
        catch
        {
            eth.Rpc.Dispose();
            throw;
        }
    }

    /// <summary>The timestamp of the latest block (seconds since the Unix epoch).</summary>
    public async Task<ulong> LatestTimestampAsync(CancellationToken cancellationToken = default)
    {
        BlockHeader block = await Eth.GetBlockByNumberAsync(BlockTag.Latest, cancellationToken).ConfigureAwait(false)
            ?? throw new RpcProtocolException("eth_getBlockByNumber(latest) returned null");
        return block.Timestamp;
    }

    /// <summary>
    /// Devnet only: moves the node's clock forward by <paramref name="seconds"/> and mines a block
    /// (<c>evm_increaseTime</c>, <c>evm_mine</c>). Returns the new block's timestamp.
    /// </summary>
    public async Task<ulong> AdvanceTimeAsync(ulong seconds, CancellationToken cancellationToken = default)
    {
        await Eth.Rpc.SendAsync(new RpcCall<JsonElement>("evm_increaseTime", [seconds], static (e, _) => e.Clone()), cancellationToken).ConfigureAwait(false);
        await Eth.Rpc.SendAsync(new RpcCall<JsonElement>("evm_mine", [], static (e, _) => e.Clone()), cancellationToken).ConfigureAwait(false);
        return await LatestTimestampAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Devnet only: advances the clock to at least <paramref name="timestamp"/>.</summary>
    public async Task<ulong> AdvanceToAsync(ulong timestamp, CancellationToken cancellationToken = default)
    {
        ulong now = await LatestTimestampAsync(cancellationToken).ConfigureAwait(false);
        return timestamp > now ? await AdvanceTimeAsync(timestamp - now, cancellationToken).ConfigureAwait(false) : now;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _nonces.Dispose();
        Eth.Rpc.Dispose();
    }
}
