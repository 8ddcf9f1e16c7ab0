namespace DaoPlatform.Ethereum.SignIn;

/// <summary>
/// Recognizers for the RFC 3986 rules a Sign-In with Ethereum message uses: <c>URI</c> (the URI and
/// resources lines), <c>authority</c> (the domain) and the sub-rules they are built of. Each answers
/// whether the whole input matches the rule; nothing is normalized or decoded.
/// </summary>
/// <remarks>
/// The grammar is regular enough to split deterministically (RFC 3986 §3: the first ":" ends the scheme,
/// the first "#" starts the fragment, the first "?" the query, "//" introduces the authority), so each
/// part is then checked against its own character class instead of backtracking over the whole ABNF.
/// </remarks>
public static class Rfc3986
{
    /// <summary><c>URI = scheme ":" hier-part [ "?" query ] [ "#" fragment ]</c>.</summary>
    public static bool IsUri(ReadOnlySpan<char> text)
    {
        int colon = text.IndexOf(':');
        if (colon <= 0 || !IsScheme(text[..colon]))
        {
            return false;
        }
        ReadOnlySpan<char> rest = text[(colon + 1)..];
        int hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            if (!IsFragment(rest[(hash + 1)..]))
            {
                return false;
            }
            rest = rest[..hash];
        }
        int question = rest.IndexOf('?');
        if (question >= 0)
        {
            if (!IsFragment(rest[(question + 1)..])) // query and fragment share one grammar
            {
                return false;
            }
            rest = rest[..question];
        }
        return IsHierPart(rest);
    }

    /// <summary><c>hier-part = "//" authority path-abempty / path-absolute / path-rootless / path-empty</c>.</summary>
    private static bool IsHierPart(ReadOnlySpan<char> text)
    {
        if (text.StartsWith("//"))
        {
            ReadOnlySpan<char> afterSlashes = text[2..];
            int slash = afterSlashes.IndexOf('/');
            ReadOnlySpan<char> authority = slash < 0 ? afterSlashes : afterSlashes[..slash];
            return IsAuthority(authority) && (slash < 0 || IsPathSegments(afterSlashes[(slash + 1)..]));
        }
        // path-absolute ("/" not followed by "/"), path-rootless (first segment non-empty) or path-empty.
        return text.IsEmpty || IsPathSegments(text[0] == '/' ? text[1..] : text);
    }

    /// <summary>Segments (<c>*pchar</c>) separated by "/".</summary>
    private static bool IsPathSegments(ReadOnlySpan<char> text)
    {
        foreach (Range segment in text.Split('/'))
        {
            if (!IsPchars(text[segment]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary><c>authority = [ userinfo "@" ] host [ ":" port ]</c>.</summary>
    public static bool IsAuthority(ReadOnlySpan<char> text)
    {
        int at = text.IndexOf('@');
        if (at >= 0)
        {
            if (!IsUserInfo(text[..at]))
            {
                return false;
            }
            text = text[(at + 1)..];
        }
        ReadOnlySpan<char> port = [];
        bool hasPort;
        if (text.StartsWith("["))
        {
            int close = text.IndexOf(']');
            if (close < 0 || !IsIpLiteralInner(text[1..close]))
            {
                return false;
            }
            ReadOnlySpan<char> after = text[(close + 1)..];
            hasPort = !after.IsEmpty;
            if (hasPort)
            {
                if (after[0] != ':')
                {
                    return false;
                }
                port = after[1..];
            }
        }
        else
        {
            int colon = text.IndexOf(':');
            hasPort = colon >= 0;
            ReadOnlySpan<char> host = hasPort ? text[..colon] : text;
            if (hasPort)
            {
                port = text[(colon + 1)..];
            }
            if (!IsRegName(host)) // IPv4address is a subset of reg-name
            {
                return false;
            }
        }
        foreach (char c in port)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The SIWE domain: an authority with a non-empty host.</summary>
    public static bool IsDomain(ReadOnlySpan<char> text)
    {
        if (!IsAuthority(text))
        {
            return false;
        }
        int at = text.IndexOf('@');
        ReadOnlySpan<char> hostPort = at >= 0 ? text[(at + 1)..] : text;
        return !hostPort.IsEmpty && hostPort[0] != ':';
    }

    /// <summary><c>scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )</c>.</summary>
    public static bool IsScheme(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || !char.IsAsciiLetter(text[0]))
        {
            return false;
        }
        foreach (char c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary><c>userinfo = *( unreserved / pct-encoded / sub-delims / ":" )</c>.</summary>
    public static bool IsUserInfo(ReadOnlySpan<char> text) => Matches(text, static c => IsUnreserved(c) || IsSubDelim(c) || c == ':');

    /// <summary><c>reg-name = *( unreserved / pct-encoded / sub-delims )</c>.</summary>
    public static bool IsRegName(ReadOnlySpan<char> text) => Matches(text, static c => IsUnreserved(c) || IsSubDelim(c));

    /// <summary><c>segment-nz = 1*pchar</c>.</summary>
    public static bool IsSegmentNz(ReadOnlySpan<char> text) => !text.IsEmpty && IsPchars(text);

    /// <summary><c>fragment = *( pchar / "/" / "?" )</c> (also the grammar of <c>query</c>).</summary>
    public static bool IsFragment(ReadOnlySpan<char> text) => Matches(text, static c => IsPcharClass(c) || c is '/' or '?');

    /// <summary><c>pct-encoded = "%" HEXDIG HEXDIG</c>.</summary>
    public static bool IsPctEncoded(ReadOnlySpan<char> text) => text.Length == 3 && text[0] == '%' && char.IsAsciiHexDigit(text[1]) && char.IsAsciiHexDigit(text[2]);

    /// <summary><c>IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )</c>.</summary>
    public static bool IsIpvFuture(ReadOnlySpan<char> text)
    {
        if (text.Length < 4 || (text[0] != 'v' && text[0] != 'V'))
        {
            return false;
        }
        int dot = text.IndexOf('.');
        if (dot < 2)
        {
            return false;
        }
        foreach (char c in text[1..dot])
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }
        ReadOnlySpan<char> tail = text[(dot + 1)..];
        if (tail.IsEmpty)
        {
            return false;
        }
        foreach (char c in tail)
        {
            if (!(IsUnreserved(c) || IsSubDelim(c) || c == ':'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// <c>IPv6address</c>: eight 16-bit groups, the last two of which may be an IPv4address, with at most
    /// one "::" standing for one or more zero groups.
    /// </summary>
    public static bool IsIpv6Address(ReadOnlySpan<char> text)
    {
        int doubleColon = text.IndexOf("::");
        if (doubleColon >= 0)
        {
            ReadOnlySpan<char> head = text[..doubleColon];
            ReadOnlySpan<char> tail = text[(doubleColon + 2)..];
            if (tail.Contains("::", StringComparison.Ordinal))
            {
                return false;
            }
            int headGroups = CountGroups(head, allowIpv4: false);
            int tailGroups = CountGroups(tail, allowIpv4: true);
            return headGroups >= 0 && tailGroups >= 0 && headGroups + tailGroups <= 7;
        }
        return CountGroups(text, allowIpv4: true) == 8;
    }

    /// <summary>
    /// The 16-bit groups in a ":"-separated list of <c>h16</c> (an IPv4address last counting two), or -1
    /// when the list is malformed. The empty list has none.
    /// </summary>
    private static int CountGroups(ReadOnlySpan<char> text, bool allowIpv4)
    {
        if (text.IsEmpty)
        {
            return 0;
        }
        int groups = 0;
        int parts = text.Count(':') + 1;
        int index = 0;
        foreach (Range range in text.Split(':'))
        {
            ReadOnlySpan<char> part = text[range];
            bool last = ++index == parts;
            if (last && allowIpv4 && part.Contains('.'))
            {
                if (!IsIpv4Address(part))
                {
                    return -1;
                }
                groups += 2;
            }
            else if (IsH16(part))
            {
                groups++;
            }
            else
            {
                return -1;
            }
        }
        return groups;
    }

    private static bool IsH16(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text.Length > 4)
        {
            return false;
        }
        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary><c>IPv4address = dec-octet "." dec-octet "." dec-octet "." dec-octet</c> (no leading zeros).</summary>
    public static bool IsIpv4Address(ReadOnlySpan<char> text)
    {
        int octets = 0;
        foreach (Range range in text.Split('.'))
        {
            ReadOnlySpan<char> octet = text[range];
            if (octet.IsEmpty || octet.Length > 3 || (octet.Length > 1 && octet[0] == '0'))
            {
                return false;
            }
            int value = 0;
            foreach (char c in octet)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return false;
                }
                value = (value * 10) + (c - '0');
            }
            if (value > 255)
            {
                return false;
            }
            octets++;
        }
        return octets == 4;
    }

    private static bool IsIpLiteralInner(ReadOnlySpan<char> text) => IsIpv6Address(text) || IsIpvFuture(text);

    private static bool IsPchars(ReadOnlySpan<char> text) => Matches(text, IsPcharClass);

    /// <summary><c>pchar</c> without <c>pct-encoded</c>, which <see cref="Matches"/> handles.</summary>
    private static bool IsPcharClass(char c) => IsUnreserved(c) || IsSubDelim(c) || c is ':' or '@';

    /// <summary>Whether every character is in <paramref name="allowed"/> or starts a <c>pct-encoded</c> triple.</summary>
    private static bool Matches(ReadOnlySpan<char> text, Func<char, bool> allowed)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                {
                    return false;
                }
                i += 2;
            }
            else if (!allowed(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary><c>unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"</c>.</summary>
    internal static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';

    /// <summary><c>sub-delims = "!" / "$" / "&amp;" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "="</c>.</summary>
    internal static bool IsSubDelim(char c) => c is '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=';

    /// <summary><c>gen-delims = ":" / "/" / "?" / "#" / "[" / "]" / "@"</c>.</summary>
    internal static bool IsGenDelim(char c) => c is ':' or '/' or '?' or '#' or '[' or ']' or '@';
}
