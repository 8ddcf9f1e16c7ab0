using System.Globalization;

namespace DaoPlatform.Platform.Units;

/// <summary>
/// Durations written as <c>90s</c>, <c>10m</c>, <c>2h</c>, <c>7d</c>, <c>1h30m</c>, or a plain number of seconds.
/// </summary>
public static class Duration
{
    /// <summary>Parses <paramref name="text"/> into whole seconds.</summary>
    /// <exception cref="PlatformException">The text is not a duration.</exception>
    public static ulong ParseSeconds(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim().ToLowerInvariant();
        if (t.Length > 0 && t.All(char.IsAsciiDigit) && ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out ulong plain))
        {
            return plain;
        }
        ulong total = 0;
        int start = 0;
        bool any = false;
        for (int i = 0; i < t.Length; i++)
        {
            if (char.IsAsciiDigit(t[i]))
            {
                continue;
            }
            ulong unit = t[i] switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, 'w' => 604800, _ => 0 };
            if (unit == 0 || i == start || !ulong.TryParse(t.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out ulong count))
            {
                throw Bad(text);
            }
            total = checked(total + count * unit);
            start = i + 1;
            any = true;
        }
        if (!any || start != t.Length)
        {
            throw Bad(text);
        }
        return total;
    }

    /// <summary>Formats seconds compactly (<c>1h30m</c>, <c>2d</c>, <c>45s</c>).</summary>
    public static string Format(ulong seconds)
    {
        if (seconds == 0)
        {
            return "0s";
        }
        var parts = new List<string>();
        foreach ((ulong unit, char name) in new[] { (86400UL, 'd'), (3600UL, 'h'), (60UL, 'm'), (1UL, 's') })
        {
            if (seconds >= unit)
            {
                parts.Add((seconds / unit).ToString(CultureInfo.InvariantCulture) + name);
                seconds %= unit;
            }
        }
        return string.Concat(parts);
    }

    private static PlatformException Bad(string text) =>
        PlatformException.BadInput($"'{text}' is not a duration (examples: 90s, 10m, 2h, 7d, 1h30m, or seconds)");
}
