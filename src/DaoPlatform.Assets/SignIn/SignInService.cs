using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using DaoPlatform.Assets.Nonces;
using DaoPlatform.Ethereum.SignIn;

namespace DaoPlatform.Assets.SignIn;

/// <summary>
/// Sign-in for the content service: issues single-use nonces, verifies a signed EIP-4361 message
/// (domain, scheme, chain, times, signature — EIP-191 or EIP-1271 — then the nonce, used up atomically),
/// and opens a session named by a random bearer token. Sessions are stored (<see cref="ISignInSessionStore"/>, by
/// default beside the nonces in the same database), so a token keeps working after the service restarts, until it
/// expires or is revoked.
/// </summary>
/// <remarks>
/// A ReCap (EIP-5573) in the message, when present, must grant <see cref="DownloadAbility"/> on resources
/// <c>urn:daoplatform:asset:{chainId}:{assetId}</c>; the session is then limited to those assets.
/// </remarks>
public sealed class SignInService
{
    /// <summary>The ReCap ability that lets a session download an asset.</summary>
    public const string DownloadAbility = "asset/download";

    private readonly ISignInNonceStore _nonces;
    private readonly SiweVerifier _verifier;
    private readonly SignInOptions _options;
    private readonly TimeSpan _nonceLifetime;
    private readonly TimeProvider _time;
    private readonly ISignInSessionStore _sessions;

    /// <summary>Creates the service.</summary>
    /// <param name="nonces">Where nonces are issued and used.</param>
    /// <param name="verifier">Checks messages and signatures.</param>
    /// <param name="options">What a message must name, and how long sessions last.</param>
    /// <param name="nonceLifetime">How long an issued nonce is accepted.</param>
    /// <param name="time">The clock; the system's by default.</param>
    /// <param name="sessions">Where sessions are kept; by default <paramref name="nonces"/>, when it keeps sessions too (as <see cref="SqlNonceStore"/> does).</param>
    /// <exception cref="ArgumentException">The domain is not an RFC 3986 authority, or no session store is given and <paramref name="nonces"/> keeps none.</exception>
    public SignInService(ISignInNonceStore nonces, SiweVerifier verifier, SignInOptions options, TimeSpan nonceLifetime, TimeProvider? time = null, ISignInSessionStore? sessions = null)
    {
        ArgumentNullException.ThrowIfNull(nonces);
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(options);
        if (!Rfc3986.IsDomain(options.Domain))
        {
            throw new ArgumentException($"SignIn:Domain '{options.Domain}' is not an RFC 3986 authority (host[:port]).", nameof(options));
        }
        _nonces = nonces;
        _verifier = verifier;
        _options = options;
        _nonceLifetime = nonceLifetime;
        _time = time ?? TimeProvider.System;
        _sessions = sessions ?? nonces as ISignInSessionStore
            ?? throw new ArgumentException($"{nonces.GetType().Name} keeps no sessions: pass an {nameof(ISignInSessionStore)}.", nameof(sessions));
    }

    /// <summary>The ReCap resource naming asset <paramref name="assetId"/> on chain <paramref name="chainId"/>.</summary>
    public static string AssetResource(ulong chainId, BigInteger assetId) =>
        string.Create(CultureInfo.InvariantCulture, $"urn:daoplatform:asset:{chainId}:{assetId}");

    /// <summary>Issues a nonce for the next sign-in.</summary>
    public Task<IssuedNonce> IssueNonceAsync(CancellationToken cancellationToken = default) => _nonces.IssueAsync(_nonceLifetime, cancellationToken);

    /// <summary>Verifies a signed message and opens a session; returns its bearer token and the session.</summary>
    /// <exception cref="SiweException">The message or signature is refused; the error says why.</exception>
    public async Task<(string Token, SignInSession Session)> SignInAsync(string message, string signatureHex, CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = _time.GetUtcNow();
        SiweMessage signed = await _verifier.VerifyAsync(message, signatureHex, new SiweExpectations
        {
            Domain = _options.Domain,
            Scheme = _options.Scheme,
            ChainId = _options.ChainId,
            Time = now,
            MaxAge = _options.MaxMessageAge,
        }, cancellationToken).ConfigureAwait(false);
        IReadOnlySet<BigInteger>? scope = ScopeOf(signed);
        if (!await _nonces.ConsumeAsync(signed.Nonce, now, cancellationToken).ConfigureAwait(false))
        {
            throw new SiweException(SiweError.NonceMismatch, $"Sign-In with Ethereum: the nonce '{signed.Nonce}' was not issued by this server, was used already, or expired.");
        }
        DateTimeOffset expires = now + _options.SessionLifetime;
        if (signed.ExpirationInstant is { } messageExpiry && messageExpiry < expires)
        {
            expires = messageExpiry;
        }
        string token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var session = new SignInSession(signed.Account, expires, scope);
        await _sessions.SaveAsync(Key(token), session, now, cancellationToken).ConfigureAwait(false);
        return (token, session);
    }

    /// <summary>The live session of a bearer token, or null (unknown, expired or revoked).</summary>
    public Task<SignInSession?> FindSessionAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _sessions.FindAsync(Key(token), _time.GetUtcNow(), cancellationToken);
    }

    /// <summary>Ends the session of a bearer token (signing out); false if there was no such session.</summary>
    public Task<bool> RevokeAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _sessions.RevokeAsync(Key(token), cancellationToken);
    }

    /// <summary>
    /// Records, in <paramref name="session"/> and in the store, that a use of a pass was paid for
    /// <paramref name="assetId"/>, so that resuming the download later in the session (after a restart too) does not
    /// use the pass again.
    /// </summary>
    public async Task RecordPaidDownloadAsync(string token, SignInSession session, BigInteger assetId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(session);
        session.RecordPaidDownload(assetId);
        await _sessions.RecordPaidDownloadAsync(Key(token), assetId, cancellationToken).ConfigureAwait(false);
    }

    private IReadOnlySet<BigInteger>? ScopeOf(SiweMessage message)
    {
        if (message.Resources is not { Count: > 0 } resources || !resources[^1].StartsWith(ReCap.UriPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        ReCap recap = ReCap.FromMessage(message);
        string prefix = AssetResource(_options.ChainId, BigInteger.Zero)[..^1];
        var assets = new HashSet<BigInteger>();
        foreach ((string resource, IReadOnlyList<string> abilities) in recap.Abilities)
        {
            if (resource.StartsWith(prefix, StringComparison.Ordinal) && abilities.Contains(DownloadAbility)
                && BigInteger.TryParse(resource.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out BigInteger assetId))
            {
                assets.Add(assetId);
            }
        }
        return assets.Count > 0
            ? assets
            : throw new SiweException(SiweError.InvalidRecap, $"Sign-In with Ethereum: the ReCap grants '{DownloadAbility}' on no asset of chain {_options.ChainId} ({prefix}<id>).");
    }

    /// <summary>Sessions are kept under the token's SHA-256, so the dictionary holds no usable token.</summary>
    private static string Key(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
