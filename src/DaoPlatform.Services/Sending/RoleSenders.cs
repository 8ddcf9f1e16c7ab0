using DaoPlatform.Ethereum.JsonRpc;
using DaoPlatform.Ethereum.Sending;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoPlatform.Services.Sending;

/// <summary>One <see cref="ChainSender"/> per role, all sharing one nonce tracker, so two roles on one key never race for a nonce.</summary>
public sealed class RoleSenders : IDisposable
{
    private readonly Dictionary<NodeRoles, ChainSender> _senders = [];
    private readonly NonceTracker _nonces;
    private readonly EthRpcClient _eth;
    private readonly NodeKeys _keys;
    private readonly NodeOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly Lock _lock = new();

    /// <summary>Creates senders on demand for the keys in <paramref name="keys"/>.</summary>
    public RoleSenders(EthRpcClient eth, NodeKeys keys, IOptions<NodeOptions> options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        _eth = eth;
        _keys = keys;
        _options = options.Value;
        _loggers = loggers;
        _nonces = new NonceTracker(eth);
    }

    /// <summary>The sender of <paramref name="role"/>.</summary>
    /// <exception cref="InvalidOperationException">The role has no key.</exception>
    public ChainSender For(NodeRoles role)
    {
        lock (_lock)
        {
            if (!_senders.TryGetValue(role, out ChainSender? sender))
            {
                ILogger logger = _loggers.CreateLogger($"DaoPlatform.Services.Sending.{role}");
                // Resubmit at least twice within a job's wait, at most every 48 s (op-service txmgr's default).
                var options = new TransactionManagerOptions { ResubmissionTimeout = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(48).Ticks, _options.ReceiptTimeout.Ticks / 3)) };
                var manager = new TransactionManager(_eth, _keys.For(role), (ulong)_options.ChainId, _nonces, options, logger);
                sender = new ChainSender(manager, _options.ReceiptTimeout, logger);
                _senders[role] = sender;
            }
            return sender;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _nonces.Dispose();
}
