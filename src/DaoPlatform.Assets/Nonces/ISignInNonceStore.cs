namespace DaoPlatform.Assets.Nonces;

/// <summary>A nonce the server issued for one sign-in, and when it stops being accepted.</summary>
public sealed record IssuedNonce(string Nonce, DateTimeOffset ExpiresAt);

/// <summary>
/// Server-issued single-use sign-in nonces with an expiry: a nonce is accepted once, before it expires,
/// and only if this server issued it, so a signed message cannot be replayed here or carried from another site.
/// </summary>
public interface ISignInNonceStore
{
    /// <summary>Issues a new random nonce (20 ASCII letters and digits, about 119 bits) valid for <paramref name="lifetime"/>.</summary>
    Task<IssuedNonce> IssueAsync(TimeSpan lifetime, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uses <paramref name="nonce"/> up: true exactly once for a nonce this store issued that has not expired at
    /// <paramref name="now"/>; false for a nonce unknown, already used or expired. Atomic across concurrent callers.
    /// </summary>
    Task<bool> ConsumeAsync(string nonce, DateTimeOffset now, CancellationToken cancellationToken = default);
}
