using System.Collections.Concurrent;
using System.Numerics;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Assets.SignIn;

/// <summary>
/// A signed-in account: the address that signed, until when, and, when its message carried a ReCap, the
/// only assets it may download (null: any asset its passes allow).
/// </summary>
public sealed class SignInSession
{
    private readonly ConcurrentDictionary<BigInteger, byte> _paidDownloads = new();

    /// <summary>Creates a session; <paramref name="paidDownloads"/> are the assets it already paid a use for.</summary>
    public SignInSession(Address account, DateTimeOffset expiresAt, IReadOnlySet<BigInteger>? assetScope, IEnumerable<BigInteger>? paidDownloads = null)
    {
        Account = account;
        ExpiresAt = expiresAt;
        AssetScope = assetScope;
        foreach (BigInteger assetId in paidDownloads ?? [])
        {
            _paidDownloads.TryAdd(assetId, 0);
        }
    }

    /// <summary>The account that signed in (an EOA, or a contract account through EIP-1271).</summary>
    public Address Account { get; }

    /// <summary>When the session ends.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The assets a ReCap limited the session to, or null for no limit.</summary>
    public IReadOnlySet<BigInteger>? AssetScope { get; }

    /// <summary>The assets this session paid a use of a pass for.</summary>
    public IReadOnlyCollection<BigInteger> PaidDownloads => [.. _paidDownloads.Keys];

    /// <summary>Whether the session may ask for <paramref name="assetId"/> at all.</summary>
    public bool Allows(BigInteger assetId) => AssetScope is null || AssetScope.Contains(assetId);

    /// <summary>
    /// Records, in this object, that a use of a pass was recorded on chain for <paramref name="assetId"/> in this
    /// session, so that range requests resuming that download do not use the pass again. To keep the record across
    /// restarts, call <see cref="SignInService.RecordPaidDownloadAsync"/>, which also stores it.
    /// </summary>
    public void RecordPaidDownload(BigInteger assetId) => _paidDownloads.TryAdd(assetId, 0);

    /// <summary>Whether this session already paid a use for <paramref name="assetId"/>.</summary>
    public bool HasPaidDownload(BigInteger assetId) => _paidDownloads.ContainsKey(assetId);
}
