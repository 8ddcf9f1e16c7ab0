using System.Globalization;

namespace DaoPlatform.Ethereum.SignIn;

/// <summary>
/// Reads an EIP-4361 message line by line in the ABNF's order, then checks every field with
/// <see cref="SiweMessage.Validate"/>. Errors name the line (1-based) and what was expected there.
/// </summary>
internal static class SiweParser
{
    private const string UriTag = "URI: ";

    public static SiweMessage Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] lines = text.Split('\n');
        int line = 0;

        string header = Next(lines, ref line, "the header '<domain> wants you to sign in with your Ethereum account:'");
        if (!header.EndsWith(SiweMessage.PreambleText, StringComparison.Ordinal))
        {
            throw Malformed(1, "the header does not end with 'wants you to sign in with your Ethereum account:'");
        }
        string origin = header[..^SiweMessage.PreambleText.Length];
        string? scheme = null;
        int separator = origin.IndexOf("://", StringComparison.Ordinal);
        if (separator >= 0)
        {
            scheme = origin[..separator];
            origin = origin[(separator + 3)..];
            if (!Rfc3986.IsScheme(scheme))
            {
                throw SiweMessage.Fail(SiweError.InvalidDomain, $"line 1: the scheme '{scheme}' is not an RFC 3986 scheme");
            }
        }
        if (!Rfc3986.IsDomain(origin))
        {
            throw SiweMessage.Fail(SiweError.InvalidDomain, $"line 1: the domain '{origin}' is not an RFC 3986 authority");
        }

        string address = Next(lines, ref line, "the address");
        SiweMessage.CheckAddress(address);
        Expect(lines, ref line, string.Empty, "an empty line after the address");

        // No statement: two empty lines before "URI: "; an empty statement: three; otherwise statement + empty line.
        string? statement;
        string third = Next(lines, ref line, "a statement or an empty line");
        if (third.Length == 0 && line < lines.Length && lines[line].StartsWith(UriTag, StringComparison.Ordinal))
        {
            statement = null;
        }
        else
        {
            statement = third;
            Expect(lines, ref line, string.Empty, "an empty line after the statement");
        }

        string uri = Tagged(lines, ref line, UriTag);
        string version = Tagged(lines, ref line, "Version: ");
        string chainIdText = Tagged(lines, ref line, "Chain ID: ");
        if (chainIdText.Length == 0 || !chainIdText.All(char.IsAsciiDigit) || !ulong.TryParse(chainIdText, NumberStyles.None, CultureInfo.InvariantCulture, out ulong chainId))
        {
            throw SiweMessage.Fail(SiweError.InvalidChainId, $"line {line}: the chain id '{chainIdText}' is not a decimal number below 2^64");
        }
        string nonce = Tagged(lines, ref line, "Nonce: ");
        string issuedAt = Tagged(lines, ref line, "Issued At: ");
        string? expirationTime = Optional(lines, ref line, "Expiration Time: ");
        string? notBefore = Optional(lines, ref line, "Not Before: ");
        string? requestId = Optional(lines, ref line, "Request ID: ");
        List<string>? resources = null;
        if (line < lines.Length && lines[line] == "Resources:")
        {
            line++;
            resources = [];
            while (line < lines.Length && lines[line].StartsWith("- ", StringComparison.Ordinal))
            {
                resources.Add(lines[line++][2..]);
            }
        }
        if (line < lines.Length)
        {
            throw Malformed(line + 1, $"unexpected line '{lines[line]}' (a field out of order, repeated or unknown, or a trailing newline)");
        }

        var message = new SiweMessage
        {
            Scheme = scheme,
            Domain = origin,
            Address = address,
            Statement = statement,
            Uri = uri,
            Version = version,
            ChainId = chainId,
            Nonce = nonce,
            IssuedAt = issuedAt,
            ExpirationTime = expirationTime,
            NotBefore = notBefore,
            RequestId = requestId,
            Resources = resources,
        };
        message.Validate();
        return message;
    }

    private static string Next(string[] lines, ref int line, string expected)
    {
        if (line >= lines.Length)
        {
            throw Malformed(line + 1, $"the message ends where {expected} was expected");
        }
        return lines[line++];
    }

    private static void Expect(string[] lines, ref int line, string value, string expected)
    {
        if (Next(lines, ref line, expected) != value)
        {
            throw Malformed(line, $"expected {expected}");
        }
    }

    private static string Tagged(string[] lines, ref int line, string tag)
    {
        string text = Next(lines, ref line, $"'{tag.TrimEnd()}'");
        if (!text.StartsWith(tag, StringComparison.Ordinal))
        {
            throw Malformed(line, $"expected '{tag.TrimEnd()}', found '{text}'");
        }
        return text[tag.Length..];
    }

    private static string? Optional(string[] lines, ref int line, string tag) =>
        line < lines.Length && lines[line].StartsWith(tag, StringComparison.Ordinal) ? lines[line++][tag.Length..] : null;

    private static SiweException Malformed(int line, string detail) => SiweMessage.Fail(SiweError.Malformed, $"line {line}: {detail}");
}
