using System.Numerics;
using DaoPlatform.Assets.SignIn;

namespace DaoPlatform.Assets.Nonces;

/// <summary>
/// Where signed-in sessions are kept, so they outlive the process that opened them. Sessions are keyed by the
/// SHA-256 of their bearer token (hex), never by the token itself.
/// </summary>
public interface ISignInSessionStore
{
    /// <summary>Stores a new session under <paramref name="tokenHash"/> (and drops sessions expired at <paramref name="now"/>).</summary>
    Task SaveAsync(string tokenHash, SignInSession session, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The session stored under <paramref name="tokenHash"/> if it has not expired at <paramref name="now"/> nor been revoked; else null.</summary>
    Task<SignInSession?> FindAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Ends the session stored under <paramref name="tokenHash"/>; false if there was none.</summary>
    Task<bool> RevokeAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>Records that the session paid a use of a pass for <paramref name="assetId"/> (see <see cref="SignInSession.HasPaidDownload"/>).</summary>
    Task RecordPaidDownloadAsync(string tokenHash, BigInteger assetId, CancellationToken cancellationToken = default);
}
