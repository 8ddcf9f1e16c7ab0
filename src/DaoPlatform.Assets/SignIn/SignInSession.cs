using System.Collections.Concurrent;
using System.Numerics;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Assets.SignIn;

/// <summary>
/// A signed-in account: the address that signed, until when, and, when its message carried a ReCap, the
/// only assets it may download (null: any asset its passes allow).
/// </summary>
public sealed class SignInSession(Address account, DateTimeOffset expiresAt, IReadOnlySet<BigInteger>? assetScope)
{
    private readonly ConcurrentDictionary<BigInteger, byte> _paidDownloads = new();

    /// <summary>The account that signed in (an EOA, or a contract account through EIP-1271).</summary>
    public Address Account { get; } = account;

    /// <summary>When the session ends.</summary>
    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>The assets a ReCap limited the session to, or null for no limit.</summary>
    public IReadOnlySet<BigInteger>? AssetScope { get; } = assetScope;

    /// <summary>Whether the session may ask for <paramref name="assetId"/> at all.</summary>
    public bool Allows(BigInteger assetId) => AssetScope is null || AssetScope.Contains(assetId);

    /// <summary>
    /// Records that a use of a pass was recorded on chain for <paramref name="assetId"/> in this session, so
    /// that range requests resuming that download do not use the pass again.
    /// </summary>
    public void RecordPaidDownload(BigInteger assetId) => _paidDownloads.TryAdd(assetId, 0);

    /// <summary>Whether this session already paid a use for <paramref name="assetId"/>.</summary>
    public bool HasPaidDownload(BigInteger assetId) => _paidDownloads.ContainsKey(assetId);
}
