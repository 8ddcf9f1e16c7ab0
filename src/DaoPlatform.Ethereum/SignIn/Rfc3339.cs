using System.Globalization;

namespace DaoPlatform.Ethereum.SignIn;

/// <summary>
/// RFC 3339 §5.6 <c>date-time</c>: <c>YYYY-MM-DD "T" hh:mm:ss [ "." 1*DIGIT ] ( "Z" / ("+" / "-") hh:mm )</c>,
/// with the calendar checked (no February 31st, no hour 25). "T" and "Z" may be lower case, as the RFC
/// allows. A leap second (60) is refused: no instant type here can hold it, and a sign-in never needs one.
/// </summary>
public static class Rfc3339
{
    /// <summary>Parses <paramref name="text"/>; false (and a reason) when it is not an RFC 3339 date-time.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset instant, out string? error)
    {
        instant = default;
        error = null;
        if (text.Length < 20 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':')
        {
            error = "not an RFC 3339 date-time (YYYY-MM-DDThh:mm:ss[.fraction](Z|+hh:mm|-hh:mm))";
            return false;
        }
        if (!TryDigits(text[..4], out int year) || !TryDigits(text.Slice(5, 2), out int month) || !TryDigits(text.Slice(8, 2), out int day)
            || !TryDigits(text.Slice(11, 2), out int hour) || !TryDigits(text.Slice(14, 2), out int minute) || !TryDigits(text.Slice(17, 2), out int second))
        {
            error = "a date or time field is not all digits";
            return false;
        }
        int position = 19;
        long fractionTicks = 0;
        if (text[position] == '.')
        {
            int start = ++position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }
            if (position == start)
            {
                error = "a '.' with no fraction digits";
                return false;
            }
            // Ticks are 100 ns: the first seven digits count, further ones are below the resolution.
            ReadOnlySpan<char> digits = text[start..position];
            for (int i = 0; i < 7; i++)
            {
                fractionTicks = (fractionTicks * 10) + (i < digits.Length ? digits[i] - '0' : 0);
            }
        }
        ReadOnlySpan<char> zone = text[position..];
        TimeSpan offset;
        if (zone is "Z" or "z")
        {
            offset = TimeSpan.Zero;
        }
        else if (zone.Length == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' && TryDigits(zone.Slice(1, 2), out int offsetHours) && TryDigits(zone.Slice(4, 2), out int offsetMinutes)
            && offsetHours <= 23 && offsetMinutes <= 59)
        {
            offset = new TimeSpan(offsetHours, offsetMinutes, 0) * (zone[0] == '-' ? -1 : 1);
        }
        else
        {
            error = "the time offset is not 'Z' or ±hh:mm";
            return false;
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"no such date or time ({year:D4}-{month:D2}-{day:D2} {hour:D2}:{minute:D2}:{second:D2})");
            return false;
        }
        instant = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(fractionTicks);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
            value = (value * 10) + (c - '0');
        }
        return true;
    }
}
