using System.Text;
using DaoPlatform.Ethereum.Primitives;
using DaoPlatform.Ethereum.Signing;

namespace DaoPlatform.Ethereum.SignIn;

/// <summary>What a server expects of a sign-in: its own domain, URI and chain, the nonce it issued, and the time.</summary>
public sealed record SiweExpectations
{
    /// <summary>The server's domain (RFC 3986 authority, e.g. <c>hub.example:443</c>); the message must name exactly this.</summary>
    public required string Domain { get; init; }

    /// <summary>The scheme the message must name, or null to accept a message with none or any.</summary>
    public string? Scheme { get; init; }

    /// <summary>The URI the message must name exactly, or null not to check it.</summary>
    public string? Uri { get; init; }

    /// <summary>The chain the server serves; the message must name it.</summary>
    public required ulong ChainId { get; init; }

    /// <summary>The nonce the server issued for this sign-in, or null when a nonce store checks it afterwards.</summary>
    public string? Nonce { get; init; }

    /// <summary>The instant to verify at (normally now).</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>How far in the future Issued At may be, for clocks that differ; null not to compare Issued At with the time. Default 1 minute.</summary>
    public TimeSpan? ClockSkew { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The oldest Issued At accepted, as an age; null for no limit. Default 10 minutes.</summary>
    public TimeSpan? MaxAge { get; init; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Verifies Sign-In with Ethereum messages (EIP-4361): the text is parsed strictly, then the domain, scheme,
/// URI, chain id, nonce and times are checked against the server's <see cref="SiweExpectations"/>, then the
/// signature: EIP-191 <c>personal_sign</c> recovery to the message's address, or, when that fails and a
/// <see cref="IContractSignatureChecker"/> is given, the account's EIP-1271 <c>isValidSignature</c> of the
/// same EIP-191 digest (contract wallets such as the MultisigVault).
/// </summary>
/// <remarks>
/// The validity window is <c>[Not Before, Expiration Time)</c>: valid at Not Before, no longer valid at
/// Expiration Time, as EIP-4361 words it (the reference implementations differ at the two boundaries).
/// </remarks>
public sealed class SiweVerifier(IContractSignatureChecker? contracts = null)
{
    /// <summary>Verifies <paramref name="messageText"/> signed with <paramref name="signature"/> and returns the message.</summary>
    /// <param name="messageText">The message exactly as signed.</param>
    /// <param name="signature">The signature bytes: 65 bytes r‖s‖v for an EOA, anything the contract accepts for EIP-1271.</param>
    /// <param name="expected">The server's expectations.</param>
    /// <param name="cancellationToken">Cancels the EIP-1271 call.</param>
    /// <exception cref="SiweException">The message is malformed, does not meet an expectation, or the signature is not the account's.</exception>
    public async Task<SiweMessage> VerifyAsync(string messageText, ReadOnlyMemory<byte> signature, SiweExpectations expected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expected);
        SiweMessage message = SiweMessage.Parse(messageText);
        CheckBinding(message, expected);
        CheckTimes(message, expected);

        byte[] messageBytes = Encoding.UTF8.GetBytes(messageText);
        Address account = message.Account;
        if (signature.Length == Signature.Length && RecoversTo(messageBytes, signature.Span, account))
        {
            return message;
        }
        if (contracts is not null && await contracts.IsValidSignatureAsync(account, PersonalMessage.Hash(messageBytes), signature, cancellationToken).ConfigureAwait(false))
        {
            return message;
        }
        throw SiweMessage.Fail(SiweError.InvalidSignature, contracts is null
            ? $"the signature is not {account}'s (EIP-191), and contract accounts (EIP-1271) are not checked here"
            : $"the signature is not {account}'s: neither its key (EIP-191) nor its contract (EIP-1271) accepts it");
    }

    /// <summary>Verifies a signature given as 0x-prefixed hex.</summary>
    /// <exception cref="SiweException">The hex is malformed, or as <see cref="VerifyAsync(string, ReadOnlyMemory{byte}, SiweExpectations, CancellationToken)"/>.</exception>
    public Task<SiweMessage> VerifyAsync(string messageText, string signatureHex, SiweExpectations expected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signatureHex);
        if (!Hex.HexConvert.IsHex(signatureHex) || signatureHex.Length % 2 != 0)
        {
            throw SiweMessage.Fail(SiweError.InvalidSignature, "the signature is not 0x-prefixed hex with an even number of digits");
        }
        return VerifyAsync(messageText, Hex.HexConvert.Decode(signatureHex), expected, cancellationToken);
    }

    private static void CheckBinding(SiweMessage message, SiweExpectations expected)
    {
        if (!string.Equals(message.Domain, expected.Domain, StringComparison.Ordinal))
        {
            throw SiweMessage.Fail(SiweError.DomainMismatch, $"the message is for domain '{message.Domain}', this server is '{expected.Domain}'");
        }
        if (expected.Scheme is not null && !string.Equals(message.Scheme ?? expected.Scheme, expected.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw SiweMessage.Fail(SiweError.DomainMismatch, $"the message is for scheme '{message.Scheme}', this server uses '{expected.Scheme}'");
        }
        if (expected.Uri is not null && !string.Equals(message.Uri, expected.Uri, StringComparison.Ordinal))
        {
            throw SiweMessage.Fail(SiweError.UriMismatch, $"the message is for URI '{message.Uri}', this server is '{expected.Uri}'");
        }
        if (message.ChainId != expected.ChainId)
        {
            throw SiweMessage.Fail(SiweError.ChainIdMismatch, $"the message is for chain {message.ChainId}, this server serves chain {expected.ChainId}");
        }
        if (expected.Nonce is not null && !string.Equals(message.Nonce, expected.Nonce, StringComparison.Ordinal))
        {
            throw SiweMessage.Fail(SiweError.NonceMismatch, $"the nonce '{message.Nonce}' is not the one this server issued");
        }
    }

    private static void CheckTimes(SiweMessage message, SiweExpectations expected)
    {
        DateTimeOffset now = expected.Time;
        if (message.ExpirationInstant is { } expiration && now >= expiration)
        {
            throw SiweMessage.Fail(SiweError.Expired, $"the message expired at {message.ExpirationTime}");
        }
        if (message.NotBeforeInstant is { } notBefore && now < notBefore)
        {
            throw SiweMessage.Fail(SiweError.NotYetValid, $"the message is not valid before {message.NotBefore}");
        }
        DateTimeOffset issuedAt = message.IssuedAtInstant;
        if (expected.ClockSkew is { } skew && issuedAt > now + skew)
        {
            throw SiweMessage.Fail(SiweError.IssuedAtOutOfRange, $"the message was issued in the future ({message.IssuedAt})");
        }
        if (expected.MaxAge is { } maxAge && now - issuedAt > maxAge)
        {
            throw SiweMessage.Fail(SiweError.IssuedAtOutOfRange, $"the message was issued at {message.IssuedAt}, more than {maxAge.TotalSeconds:0} s ago");
        }
    }

    private static bool RecoversTo(byte[] messageBytes, ReadOnlySpan<byte> signature, Address account)
    {
        try
        {
            return PersonalMessage.RecoverAddress(messageBytes, Signature.FromBytes(signature)) == account;
        }
        catch (SignatureException)
        {
            return false;
        }
    }
}
