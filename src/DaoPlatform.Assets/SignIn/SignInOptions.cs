namespace DaoPlatform.Assets.SignIn;

/// <summary>What this server accepts as a sign-in (EIP-4361) and how long a session lasts.</summary>
public sealed class SignInOptions
{
    /// <summary>The server's domain as messages must name it (RFC 3986 authority, e.g. <c>hub.example</c> or <c>127.0.0.1:5080</c>).</summary>
    public string Domain { get; set; } = "";

    /// <summary>The scheme messages must name if they name one (<c>https</c>); null to accept any.</summary>
    public string? Scheme { get; set; }

    /// <summary>The chain the platform runs on; messages must name it.</summary>
    public ulong ChainId { get; set; }

    /// <summary>The oldest Issued At accepted, as an age. Default 10 minutes.</summary>
    public TimeSpan MaxMessageAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a session lasts at most (a message's Expiration Time can shorten it). Default 1 hour.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(1);
}
