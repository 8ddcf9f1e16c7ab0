using System.Globalization;
using System.Text;
using DaoPlatform.Ethereum.Hex;
using DaoPlatform.Ethereum.Primitives;

namespace DaoPlatform.Ethereum.SignIn;

/// <summary>
/// A Sign-In with Ethereum message (EIP-4361): its fields exactly as written in the text, so that
/// <see cref="ToString"/> gives back the signed bytes. Build one with an object initializer and call
/// <see cref="ToString"/> (which validates), or read one with <see cref="Parse"/>.
/// </summary>
/// <remarks>
/// Times stay the strings the signer saw (compare instants with <see cref="IssuedAtInstant"/> and its
/// siblings). <see cref="Resources"/> is null when the message has no <c>Resources:</c> line and empty when it
/// has the line with no entries; <see cref="Statement"/> and <see cref="RequestId"/> may be present but empty.
/// </remarks>
public sealed record SiweMessage
{
    private const string Preamble = " wants you to sign in with your Ethereum account:";

    /// <summary>The optional URI scheme before the domain (<c>https</c> in <c>https://example.com wants you…</c>).</summary>
    public string? Scheme { get; init; }

    /// <summary>The RFC 3986 authority asking for the sign-in.</summary>
    public required string Domain { get; init; }

    /// <summary>The signing account, <c>0x</c> + 40 hex digits in its EIP-55 checksum form.</summary>
    public required string Address { get; init; }

    /// <summary>What the user agrees to; one line of RFC 3986 reserved and unreserved characters and spaces.</summary>
    public string? Statement { get; init; }

    /// <summary>The RFC 3986 URI of the resource the sign-in is for.</summary>
    public required string Uri { get; init; }

    /// <summary>The message version: always <c>1</c>.</summary>
    public string Version { get; init; } = "1";

    /// <summary>The EIP-155 chain id the account lives on.</summary>
    public required ulong ChainId { get; init; }

    /// <summary>The server's nonce: at least 8 ASCII letters and digits.</summary>
    public required string Nonce { get; init; }

    /// <summary>When the message was made, as RFC 3339 text.</summary>
    public required string IssuedAt { get; init; }

    /// <summary>When the sign-in stops being valid, as RFC 3339 text (it is invalid at that instant).</summary>
    public string? ExpirationTime { get; init; }

    /// <summary>When the sign-in becomes valid, as RFC 3339 text.</summary>
    public string? NotBefore { get; init; }

    /// <summary>A system-specific request identifier (<c>*pchar</c>).</summary>
    public string? RequestId { get; init; }

    /// <summary>RFC 3986 URIs the user wishes to have resolved as part of the sign-in.</summary>
    public IReadOnlyList<string>? Resources { get; init; }

    /// <summary>The signing account as an address.</summary>
    public Address Account => Primitives.Address.Parse(Address);

    /// <summary>The instant of <see cref="IssuedAt"/>.</summary>
    public DateTimeOffset IssuedAtInstant => Instant(IssuedAt, "Issued At");

    /// <summary>The instant of <see cref="ExpirationTime"/>, if any.</summary>
    public DateTimeOffset? ExpirationInstant => ExpirationTime is null ? null : Instant(ExpirationTime, "Expiration Time");

    /// <summary>The instant of <see cref="NotBefore"/>, if any.</summary>
    public DateTimeOffset? NotBeforeInstant => NotBefore is null ? null : Instant(NotBefore, "Not Before");

    /// <summary>Parses an EIP-4361 message (LF line ends, no trailing newline), checking every field.</summary>
    /// <exception cref="SiweException">The text is not a valid message; <see cref="SiweException.Error"/> says which part.</exception>
    public static SiweMessage Parse(string text) => SiweParser.Parse(text);

    /// <summary>Checks every field against the EIP-4361 grammar.</summary>
    /// <exception cref="SiweException">A field is missing or invalid; the message names it.</exception>
    public void Validate()
    {
        if (Scheme is not null && !Rfc3986.IsScheme(Scheme))
        {
            throw Fail(SiweError.InvalidDomain, $"the scheme '{Scheme}' is not an RFC 3986 scheme");
        }
        if (Domain is null || !Rfc3986.IsDomain(Domain))
        {
            throw Fail(SiweError.InvalidDomain, Domain is null ? "the domain is missing" : $"the domain '{Domain}' is not an RFC 3986 authority");
        }
        if (Address is null)
        {
            throw Fail(SiweError.InvalidAddress, "the address is missing");
        }
        CheckAddress(Address);
        if (Statement is not null)
        {
            foreach (char c in Statement)
            {
                if (!(Rfc3986.IsUnreserved(c) || Rfc3986.IsSubDelim(c) || Rfc3986.IsGenDelim(c) || c == ' '))
                {
                    throw Fail(SiweError.InvalidStatement, $"the statement holds U+{(int)c:X4}, which is not an RFC 3986 reserved or unreserved character or a space");
                }
            }
        }
        if (Uri is null || !Rfc3986.IsUri(Uri))
        {
            throw Fail(SiweError.InvalidUri, Uri is null ? "the URI is missing" : $"the URI '{Uri}' is not an RFC 3986 URI");
        }
        if (Version != "1")
        {
            throw Fail(SiweError.InvalidVersion, $"the version is '{Version}'; only 1 exists");
        }
        if (Nonce is null || Nonce.Length < 8 || !Nonce.All(char.IsAsciiLetterOrDigit))
        {
            throw Fail(SiweError.InvalidNonce, Nonce is null ? "the nonce is missing" : $"the nonce '{Nonce}' is not at least 8 ASCII letters and digits");
        }
        if (IssuedAt is null)
        {
            throw Fail(SiweError.InvalidTimeFormat, "the issued-at time is missing");
        }
        _ = IssuedAtInstant;
        _ = ExpirationInstant;
        _ = NotBeforeInstant;
        if (RequestId is not null && RequestId.Length != 0 && !Rfc3986.IsSegmentNz(RequestId))
        {
            throw Fail(SiweError.InvalidRequestId, $"the request id '{RequestId}' is not RFC 3986 pchar");
        }
        if (Resources is not null)
        {
            for (int i = 0; i < Resources.Count; i++)
            {
                if (Resources[i] is null || !Rfc3986.IsUri(Resources[i]))
                {
                    throw Fail(SiweError.InvalidResource, $"resource {i + 1} '{Resources[i]}' is not an RFC 3986 URI");
                }
            }
        }
    }

    /// <summary>The message text (LF line ends, no trailing newline): the bytes to sign, as UTF-8.</summary>
    /// <exception cref="SiweException">A field is missing or invalid.</exception>
    public override string ToString()
    {
        Validate();
        var text = new StringBuilder();
        if (Scheme is not null)
        {
            text.Append(Scheme).Append("://");
        }
        text.Append(Domain).Append(Preamble).Append('\n').Append(Address).Append("\n\n");
        if (Statement is not null)
        {
            text.Append(Statement).Append('\n');
        }
        text.Append("\nURI: ").Append(Uri)
            .Append("\nVersion: ").Append(Version)
            .Append("\nChain ID: ").Append(ChainId.ToString(CultureInfo.InvariantCulture))
            .Append("\nNonce: ").Append(Nonce)
            .Append("\nIssued At: ").Append(IssuedAt);
        if (ExpirationTime is not null)
        {
            text.Append("\nExpiration Time: ").Append(ExpirationTime);
        }
        if (NotBefore is not null)
        {
            text.Append("\nNot Before: ").Append(NotBefore);
        }
        if (RequestId is not null)
        {
            text.Append("\nRequest ID: ").Append(RequestId);
        }
        if (Resources is not null)
        {
            text.Append("\nResources:");
            foreach (string resource in Resources)
            {
                text.Append("\n- ").Append(resource);
            }
        }
        return text.ToString();
    }

    internal static string PreambleText => Preamble;

    internal static void CheckAddress(string text)
    {
        if (text.Length != 42 || !text.StartsWith("0x", StringComparison.Ordinal) || text.AsSpan(2).ContainsAnyExcept(HexDigits))
        {
            throw Fail(SiweError.InvalidAddress, $"the address '{text}' is not 0x followed by 40 hex digits");
        }
        string checksummed = new Address(HexConvert.Decode(text)).ToChecksumString();
        if (!string.Equals(checksummed, text, StringComparison.Ordinal))
        {
            throw Fail(SiweError.InvalidAddress, $"the address '{text}' is not in its EIP-55 checksum form {checksummed}");
        }
    }

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private static DateTimeOffset Instant(string text, string field) =>
        Rfc3339.TryParse(text, out DateTimeOffset instant, out string? error)
            ? instant
            : throw Fail(SiweError.InvalidTimeFormat, $"{field} '{text}': {error}");

    internal static SiweException Fail(SiweError error, string detail) => new(error, $"Sign-In with Ethereum: {detail}.");
}
